// Time-based one-time passwords (TOTP, RFC 6238) over HOTP (RFC 4226), as authenticator apps
// compute them: HMAC-SHA1, 6 digits, 30-second steps counted from the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/digest.h"
#include "crypto/encoding.h"

namespace mingjing::crypto {

struct TotpParams {
  int digits = 6;                                      // 6 to 8; RFC 4226 §5.3
  int64_t step_seconds = 30;                           // X in RFC 6238 §4.1
  DigestAlgorithm algorithm = DigestAlgorithm::kSha1;  // apps support SHA-1 best
};

// Returns a new random TOTP secret of 160 bits (the key length RFC 4226 §4 recommends) as
// Base32 text, the form stored for the user and shown in the otpauth:// URI. Pass the result
// through Base32Decode to get the key for ComputeTotp and VerifyTotp.
std::string GenerateTotpSecret();

// Computes the HOTP code of `key` for `counter` (RFC 4226 §5.3), zero-padded to params.digits.
std::string ComputeHotp(std::string_view key, uint64_t counter, const TotpParams& params = {});

// Returns the time step that contains `unix_seconds`.
int64_t TotpStep(int64_t unix_seconds, const TotpParams& params = {});

// Computes the TOTP code of `key` at `unix_seconds`.
std::string ComputeTotp(std::string_view key, int64_t unix_seconds, const TotpParams& params = {});

// Checks `code` against the steps from `window` steps before to `window` steps after the one at
// `unix_seconds`, which allows for clock drift of up to window × step_seconds. Returns the
// matching step, or nullopt. A code is accepted once: callers store the returned step and reject
// any later code whose step is not greater.
std::optional<int64_t> VerifyTotp(std::string_view key, std::string_view code, int64_t unix_seconds,
                                  const TotpParams& params = {}, int window = 1);

// Builds the otpauth:// URI that authenticator apps read from a QR code, in the Key Uri Format
// that Google Authenticator defined: otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER
// &algorithm=SHA1&digits=6&period=30. The issuer and account are percent-encoded.
std::string BuildOtpauthUri(std::string_view base32_secret, std::string_view account_name,
                            std::string_view issuer = "Mingjing", const TotpParams& params = {});

}  // namespace mingjing::crypto
