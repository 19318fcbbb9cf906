// SM3, the Chinese national hash function (GB/T 32905-2016, also ISO/IEC 10118-3:2018): 256-bit
// output, 64-byte blocks. The default hash of the ledger and of HMAC-SM3 request signatures.
#pragma once

#include <cstddef>
#include <string_view>

#include "crypto/digest.h"

namespace mingjing::crypto {

inline constexpr std::size_t kSm3DigestSize = 32;

// Hashes `data` with SM3 in one call.
inline Bytes Sm3Digest(std::string_view data) { return ComputeDigest(DigestAlgorithm::kSm3, data); }

// Incremental SM3: Update with each piece, then Finish.
class Sm3 : public Digest {
 public:
  Sm3() : Digest(DigestAlgorithm::kSm3) {}
};

}  // namespace mingjing::crypto
