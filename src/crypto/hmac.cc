#include "crypto/hmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <string>

#include "crypto/internal.h"

namespace mingjing::crypto {
namespace {

struct MacDeleter {
  void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};

// Fetching an algorithm searches the provider tables, so it is done once and the EVP_MAC is
// shared; EVP_MAC objects are reference-counted and safe to use from several threads.
EVP_MAC* HmacAlgorithm() {
  static const std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) internal::ThrowOpenSslError("EVP_MAC_fetch(HMAC)");
  return mac.get();
}

}  // namespace

Bytes ComputeHmac(DigestAlgorithm algorithm, std::string_view key, std::string_view data) {
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(
      EVP_MAC_CTX_new(HmacAlgorithm()), &EVP_MAC_CTX_free);
  if (!context) internal::ThrowOpenSslError("EVP_MAC_CTX_new");

  std::string digest_name(DigestName(algorithm));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name.data(), 0),
      OSSL_PARAM_construct_end(),
  };
  // An empty key is legal HMAC, but OpenSSL rejects a null key pointer, so point at a dummy byte.
  static const unsigned char kNoKey = 0;
  const unsigned char* key_bytes =
      key.empty() ? &kNoKey : reinterpret_cast<const unsigned char*>(key.data());
  if (EVP_MAC_init(context.get(), key_bytes, key.size(), params) != 1) {
    internal::ThrowOpenSslError("EVP_MAC_init");
  }

  if (EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1) {
    internal::ThrowOpenSslError("EVP_MAC_update");
  }

  Bytes mac(DigestSize(algorithm), '\0');
  size_t length = 0;
  if (EVP_MAC_final(context.get(), reinterpret_cast<unsigned char*>(mac.data()), &length,
                    mac.size()) != 1) {
    internal::ThrowOpenSslError("EVP_MAC_final");
  }
  mac.resize(length);
  return mac;
}

}  // namespace mingjing::crypto
