// Cryptographically secure random bytes and tokens (libsodium's randombytes_buf, which reads
// the kernel's getrandom), and constant-time comparison of secrets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/encoding.h"

namespace mingjing::crypto {

// The minimum size of a random token: 16 bytes (128 bits), which makes guessing a live token
// infeasible however many are issued.
inline constexpr std::size_t kMinTokenBytes = 16;

// Returns `count` random bytes.
Bytes RandomBytes(std::size_t count);

// Returns a token of `token_bytes` random bytes as lower-case hex (two characters a byte).
// Throws std::invalid_argument when token_bytes < kMinTokenBytes, a programming error.
std::string RandomTokenHex(std::size_t token_bytes = 32);

// Returns a token of `token_bytes` random bytes as unpadded base64url, safe in URLs and cookies.
// Throws std::invalid_argument when token_bytes < kMinTokenBytes, a programming error.
std::string RandomTokenBase64Url(std::size_t token_bytes = 32);

// Compares two secrets (tokens, MACs, codes) in time that depends only on their lengths, so an
// attacker cannot learn a matching prefix by timing. Lengths are not secret: unequal lengths
// return false at once.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace mingjing::crypto
