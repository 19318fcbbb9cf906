#include "crypto/internal.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <sodium.h>

#include <stdexcept>
#include <string>

namespace mingjing::crypto::internal {

void EnsureSodiumInitialized() {
  // A function-local static is initialised once even when several threads arrive together.
  static const int result = sodium_init();
  if (result < 0) throw std::runtime_error("libsodium failed to initialise (sodium_init)");
}

std::string OpenSslErrorText() {
  unsigned long code = ERR_get_error();
  std::string text = "no detail from OpenSSL";
  if (code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    text = buffer;
  }
  ERR_clear_error();
  return text;
}

void ThrowOpenSslError(std::string_view operation) {
  throw std::runtime_error(fmt::format("{} failed: {}", operation, OpenSslErrorText()));
}

}  // namespace mingjing::crypto::internal
