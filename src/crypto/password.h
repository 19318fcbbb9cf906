// Password storage with Argon2id (RFC 9106) through libsodium's crypto_pwhash_argon2id_str, and
// the password policy applied when a user sets a password.
//
// A stored hash is a self-describing PHC string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash")
// that carries its own salt and cost, so hashes made at an older cost still verify and
// PasswordNeedsRehash reports when to replace them after a successful login.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"

namespace mingjing::crypto {

// Argon2id cost parameters.
struct PasswordHashCost {
  unsigned long long passes;  // t, the number of passes over memory
  std::size_t memory_bytes;   // m, in bytes
};

// The production cost: libsodium's MODERATE setting, 3 passes over 256 MiB. One hash took
// 0.42 s on one core of the Intel Xeon development machine (the PasswordHash tests measure it),
// and each login in progress uses 256 MiB for that time.
inline constexpr PasswordHashCost kModeratePasswordCost{3, 256u * 1024 * 1024};

// The most Argon2id hashes that run at once in one process; further HashPassword and
// VerifyPassword calls wait. Bounds the memory of password hashing to this many memory costs.
inline constexpr std::ptrdiff_t kConcurrentPasswordHashes = 2;

// The cheapest cost libsodium accepts (1 pass over 8 KiB). For tests only: it gives no
// protection against offline guessing.
inline constexpr PasswordHashCost kTestOnlyPasswordCost{1, 8192};

// Hashes `password` with a fresh random salt. Fails with kInternal only when the memory for the
// hash cannot be allocated.
Result<std::string> HashPassword(std::string_view password,
                                 PasswordHashCost cost = kModeratePasswordCost);

// Returns true when `password` matches `stored_hash`. A malformed or non-Argon2id hash returns
// false. Takes as long as one hash at the stored cost.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// Returns true when `stored_hash` was made with parameters other than `cost` (or is not an
// Argon2id hash at all), so the caller should rehash the password the user just typed.
bool PasswordNeedsRehash(std::string_view stored_hash,
                         PasswordHashCost cost = kModeratePasswordCost);

// Password length limits, counted in Unicode code points so that a Chinese passphrase is not
// penalised for its three-byte UTF-8 encoding.
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

// Checks a new password against the policy: valid UTF-8, kMinPasswordLength to
// kMaxPasswordLength code points, not on the compiled-in list of common passwords and not the
// user name (both compared without regard to ASCII case). Fails with
// Error::InvalidField("password", ...) whose message states what the user should change.
Result<void> CheckPasswordPolicy(std::string_view password, std::string_view user_name);

// Returns true when `password`, lower-cased, is on the common-password list.
bool IsCommonPassword(std::string_view password);

}  // namespace mingjing::crypto
