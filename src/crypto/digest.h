// Message digests through OpenSSL 3's EVP interface: SM3 (GB/T 32905-2016), SHA-256 (FIPS
// 180-4) and SHA-1, which RFC 6238 TOTP still requires. sm3.h and sha256.h name the two that
// the rest of Mingjing uses.
#pragma once

#include <cstddef>
#include <string_view>

#include "crypto/encoding.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace mingjing::crypto {

enum class DigestAlgorithm { kSha1, kSha256, kSm3 };

// Output length in bytes: 20 for SHA-1, 32 for SHA-256 and SM3.
std::size_t DigestSize(DigestAlgorithm algorithm);

// OpenSSL's name for the algorithm ("SHA1", "SHA256", "SM3").
std::string_view DigestName(DigestAlgorithm algorithm);

// Hashes `data` in one call.
Bytes ComputeDigest(DigestAlgorithm algorithm, std::string_view data);

// Incremental hashing of a message that arrives in pieces. Move-only. Not safe to share between
// threads without a lock.
class Digest {
 public:
  explicit Digest(DigestAlgorithm algorithm);
  ~Digest();
  Digest(Digest&& other) noexcept;
  Digest& operator=(Digest&& other) noexcept;
  Digest(const Digest&) = delete;
  Digest& operator=(const Digest&) = delete;

  // A moved-from Digest may only be destroyed or assigned to.

  // Appends `data` to the message.
  Digest& Update(std::string_view data);

  // Returns the digest of everything appended since construction or the last Finish, then
  // starts a new, empty message.
  Bytes Finish();

  DigestAlgorithm algorithm() const { return algorithm_; }

 private:
  void Start();

  DigestAlgorithm algorithm_;
  EVP_MD_CTX* context_ = nullptr;
};

}  // namespace mingjing::crypto
