// HMAC (RFC 2104) through OpenSSL 3's EVP_MAC. HMAC-SM3 signs business-system requests;
// HMAC-SHA256 serves peers without SM3; HMAC-SHA1 exists only for TOTP (RFC 6238).
#pragma once

#include <string_view>

#include "crypto/digest.h"

namespace mingjing::crypto {

// Computes HMAC of `data` under `key` with the given digest. The result has DigestSize bytes.
// Any key length is valid: HMAC hashes keys longer than one block and pads shorter ones.
Bytes ComputeHmac(DigestAlgorithm algorithm, std::string_view key, std::string_view data);

inline Bytes HmacSm3(std::string_view key, std::string_view data) {
  return ComputeHmac(DigestAlgorithm::kSm3, key, data);
}

inline Bytes HmacSha256(std::string_view key, std::string_view data) {
  return ComputeHmac(DigestAlgorithm::kSha256, key, data);
}

}  // namespace mingjing::crypto
