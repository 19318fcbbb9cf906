#include "crypto/digest.h"

#include <openssl/evp.h>

#include <utility>

#include "crypto/internal.h"

namespace mingjing::crypto {
namespace {

// The EVP_MD objects returned by these functions are static and need no freeing.
const EVP_MD* EvpDigest(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kSha1:
      return EVP_sha1();
    case DigestAlgorithm::kSha256:
      return EVP_sha256();
    case DigestAlgorithm::kSm3:
      return EVP_sm3();
  }
  return nullptr;
}

}  // namespace

std::size_t DigestSize(DigestAlgorithm algorithm) {
  return algorithm == DigestAlgorithm::kSha1 ? 20 : 32;
}

std::string_view DigestName(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kSha1:
      return "SHA1";
    case DigestAlgorithm::kSha256:
      return "SHA256";
    case DigestAlgorithm::kSm3:
      return "SM3";
  }
  return "";
}

Bytes ComputeDigest(DigestAlgorithm algorithm, std::string_view data) {
  Bytes digest(DigestSize(algorithm), '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()), &length,
                 EvpDigest(algorithm), nullptr) != 1) {
    internal::ThrowOpenSslError("EVP_Digest");
  }
  digest.resize(length);
  return digest;
}

Digest::Digest(DigestAlgorithm algorithm) : algorithm_(algorithm), context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr) internal::ThrowOpenSslError("EVP_MD_CTX_new");
  Start();
}

Digest::~Digest() { EVP_MD_CTX_free(context_); }

Digest::Digest(Digest&& other) noexcept
    : algorithm_(other.algorithm_), context_(std::exchange(other.context_, nullptr)) {}

Digest& Digest::operator=(Digest&& other) noexcept {
  if (this != &other) {
    EVP_MD_CTX_free(context_);
    algorithm_ = other.algorithm_;
    context_ = std::exchange(other.context_, nullptr);
  }
  return *this;
}

void Digest::Start() {
  if (EVP_DigestInit_ex2(context_, EvpDigest(algorithm_), nullptr) != 1) {
    internal::ThrowOpenSslError("EVP_DigestInit_ex2");
  }
}

Digest& Digest::Update(std::string_view data) {
  if (EVP_DigestUpdate(context_, data.data(), data.size()) != 1) {
    internal::ThrowOpenSslError("EVP_DigestUpdate");
  }
  return *this;
}

Bytes Digest::Finish() {
  Bytes digest(DigestSize(algorithm_), '\0');
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_, reinterpret_cast<unsigned char*>(digest.data()), &length) != 1) {
    internal::ThrowOpenSslError("EVP_DigestFinal_ex");
  }
  digest.resize(length);
  Start();
  return digest;
}

}  // namespace mingjing::crypto
