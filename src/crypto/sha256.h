// SHA-256 (FIPS 180-4). Mingjing hashes with SM3; SHA-256 is here for interoperability and for
// the published RFC 6962 Merkle tree test vectors, which use it.
#pragma once

#include <cstddef>
#include <string_view>

#include "crypto/digest.h"

namespace mingjing::crypto {

inline constexpr std::size_t kSha256DigestSize = 32;

// Hashes `data` with SHA-256 in one call.
inline Bytes Sha256Digest(std::string_view data) {
  return ComputeDigest(DigestAlgorithm::kSha256, data);
}

// Incremental SHA-256: Update with each piece, then Finish.
class Sha256 : public Digest {
 public:
  Sha256() : Digest(DigestAlgorithm::kSha256) {}
};

}  // namespace mingjing::crypto
