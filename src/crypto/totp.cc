#include "crypto/totp.h"

#include <fmt/format.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <stdexcept>

#include "crypto/hmac.h"
#include "crypto/random.h"

namespace mingjing::crypto {
namespace {

constexpr std::size_t kTotpSecretBytes = 20;

void CheckParams(const TotpParams& params) {
  if (params.digits < 6 || params.digits > 8 || params.step_seconds <= 0) {
    throw std::invalid_argument(
        fmt::format("invalid TOTP parameters: digits {} (allowed 6-8), "
                    "step {} s (must be positive)",
                    params.digits, params.step_seconds));
  }
}

std::string PercentEncode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace

std::string GenerateTotpSecret() { return Base32Encode(RandomBytes(kTotpSecretBytes)); }

std::string ComputeHotp(std::string_view key, uint64_t counter, const TotpParams& params) {
  CheckParams(params);

  // The counter is hashed as 8 bytes, most significant first.
  char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<char>(counter & 0xff);
    counter >>= 8;
  }
  Bytes mac = ComputeHmac(params.algorithm, key, std::string_view(message, sizeof(message)));

  // Dynamic truncation (RFC 4226 §5.3): the low 4 bits of the last byte pick an offset, and the
  // 31 bits from there, read big-endian, give the number.
  auto byte = [&mac](std::size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(mac[i])); };
  std::size_t offset = byte(mac.size() - 1) & 0x0f;
  uint32_t number = ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) |
                    (byte(offset + 2) << 8) | byte(offset + 3);

  uint32_t modulus = 1;
  for (int i = 0; i < params.digits; ++i) modulus *= 10;
  return fmt::format("{:0{}}", number % modulus, params.digits);
}

int64_t TotpStep(int64_t unix_seconds, const TotpParams& params) {
  CheckParams(params);
  // Floor division, so that times before 1970 do not share step 0 with those after it.
  int64_t step = unix_seconds / params.step_seconds;
  if (unix_seconds % params.step_seconds != 0 && unix_seconds < 0) --step;
  return step;
}

std::string ComputeTotp(std::string_view key, int64_t unix_seconds, const TotpParams& params) {
  return ComputeHotp(key, static_cast<uint64_t>(TotpStep(unix_seconds, params)), params);
}

std::optional<int64_t> VerifyTotp(std::string_view key, std::string_view code, int64_t unix_seconds,
                                  const TotpParams& params, int window) {
  if (code.size() != static_cast<std::size_t>(params.digits)) return std::nullopt;

  // Every step in the window is computed and compared in constant time, so the response time
  // does not reveal which step, if any, matched.
  int64_t current = TotpStep(unix_seconds, params);
  std::optional<int64_t> matched;
  for (int64_t step = current - window; step <= current + window; ++step) {
    if (step < 0) continue;
    bool equal = ConstantTimeEquals(ComputeHotp(key, static_cast<uint64_t>(step), params), code);
    if (equal && (!matched || step == current)) matched = step;
  }
  return matched;
}

std::string BuildOtpauthUri(std::string_view base32_secret, std::string_view account_name,
                            std::string_view issuer, const TotpParams& params) {
  CheckParams(params);
  std::string encoded_issuer = PercentEncode(issuer);
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm={}&digits={}&period={}",
                     encoded_issuer, PercentEncode(account_name), PercentEncode(base32_secret),
                     encoded_issuer, DigestName(params.algorithm), params.digits,
                     params.step_seconds);
}

}  // namespace mingjing::crypto
