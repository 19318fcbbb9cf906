#include "crypto/random.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <sodium.h>

#include <stdexcept>

#include "crypto/internal.h"

namespace mingjing::crypto {
namespace {

void CheckTokenSize(std::size_t token_bytes) {
  if (token_bytes < kMinTokenBytes) {
    throw std::invalid_argument(
        fmt::format("random token of {} bytes requested; the minimum is {} bytes", token_bytes,
                    kMinTokenBytes));
  }
}

}  // namespace

Bytes RandomBytes(std::size_t count) {
  internal::EnsureSodiumInitialized();

  Bytes bytes(count, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

std::string RandomTokenHex(std::size_t token_bytes) {
  CheckTokenSize(token_bytes);
  return HexEncode(RandomBytes(token_bytes));
}

std::string RandomTokenBase64Url(std::size_t token_bytes) {
  CheckTokenSize(token_bytes);
  return Base64UrlEncode(RandomBytes(token_bytes));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mingjing::crypto
