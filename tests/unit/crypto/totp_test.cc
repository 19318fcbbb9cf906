#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <string>

namespace mingjing::crypto {
namespace {

// The RFC 6238 Appendix B seeds: the ASCII digits repeated to the hash's block of key.
const std::string kSha1Key = "12345678901234567890";
const std::string kSha256Key = "12345678901234567890123456789012";

struct TotpVector {
  int64_t time;
  const char* sha1;
  const char* sha256;
};

// RFC 6238 Appendix B, 8-digit codes.
const TotpVector kRfc6238Vectors[] = {
    {59, "94287082", "46119246"},         {1111111109, "07081804", "68084774"},
    {1111111111, "14050471", "67062674"}, {1234567890, "89005924", "91819424"},
    {2000000000, "69279037", "90698825"}, {20000000000, "65353130", "77737706"},
};

TEST(Totp, Rfc6238Sha1Vectors) {
  TotpParams params{.digits = 8};
  for (const TotpVector& v : kRfc6238Vectors) {
    EXPECT_EQ(ComputeTotp(kSha1Key, v.time, params), v.sha1) << v.time;
  }
}

TEST(Totp, Rfc6238Sha256Vectors) {
  TotpParams params{.digits = 8, .algorithm = DigestAlgorithm::kSha256};
  for (const TotpVector& v : kRfc6238Vectors) {
    EXPECT_EQ(ComputeTotp(kSha256Key, v.time, params), v.sha256) << v.time;
  }
}

// RFC 4226 Appendix D, 6-digit HOTP values for counters 0 to 9.
TEST(Hotp, Rfc4226Vectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(ComputeHotp(kSha1Key, counter), expected[counter]) << counter;
  }
}

TEST(Totp, SixDigitsByDefault) {
  // The last six digits of the 8-digit code, because both reduce the same 31-bit number.
  EXPECT_EQ(ComputeTotp(kSha1Key, 59), "287082");
  EXPECT_EQ(ComputeTotp(kSha1Key, 1111111109), "081804");
}

TEST(Totp, StepBoundaries) {
  EXPECT_EQ(TotpStep(0), 0);
  EXPECT_EQ(TotpStep(29), 0);
  EXPECT_EQ(TotpStep(30), 1);
  EXPECT_EQ(TotpStep(59), 1);
  EXPECT_EQ(TotpStep(1111111109), 37037036);
}

TEST(TotpVerify, AcceptsCurrentStep) {
  int64_t now = 1111111109;
  auto step = VerifyTotp(kSha1Key, ComputeTotp(kSha1Key, now), now);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(*step, TotpStep(now));
}

TEST(TotpVerify, AcceptsOneStepOfDrift) {
  int64_t now = 1111111109;
  auto earlier = VerifyTotp(kSha1Key, ComputeTotp(kSha1Key, now - 30), now);
  auto later = VerifyTotp(kSha1Key, ComputeTotp(kSha1Key, now + 30), now);
  ASSERT_TRUE(earlier.has_value());
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(*earlier, TotpStep(now) - 1);
  EXPECT_EQ(*later, TotpStep(now) + 1);
}

TEST(TotpVerify, RejectsTwoStepsOfDrift) {
  int64_t now = 1111111109;
  EXPECT_FALSE(VerifyTotp(kSha1Key, ComputeTotp(kSha1Key, now - 60), now).has_value());
  EXPECT_FALSE(VerifyTotp(kSha1Key, ComputeTotp(kSha1Key, now + 60), now).has_value());
}

TEST(TotpVerify, RejectsWrongOrMalformedCode) {
  int64_t now = 1111111109;
  std::string code = ComputeTotp(kSha1Key, now);
  std::string wrong = code;
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  EXPECT_FALSE(VerifyTotp(kSha1Key, wrong, now).has_value());
  EXPECT_FALSE(VerifyTotp(kSha1Key, code.substr(1), now).has_value());
  EXPECT_FALSE(VerifyTotp(kSha1Key, code + "0", now).has_value());
  EXPECT_FALSE(VerifyTotp(kSha1Key, "", now).has_value());
}

TEST(TotpVerify, WrongKeyFails) {
  int64_t now = 1234567890;
  EXPECT_FALSE(VerifyTotp("another key of 20 bytes", ComputeTotp(kSha1Key, now), now));
}

TEST(TotpSecret, Is160BitsOfBase32) {
  std::string secret = GenerateTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  auto key = Base32Decode(secret);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->size(), 20u);
  EXPECT_NE(GenerateTotpSecret(), secret);
}

TEST(TotpSecret, GeneratedSecretVerifies) {
  std::string key = Base32Decode(GenerateTotpSecret()).value();
  int64_t now = 1700000000;
  EXPECT_TRUE(VerifyTotp(key, ComputeTotp(key, now), now).has_value());
}

TEST(OtpauthUri, HasKeyUriFormat) {
  EXPECT_EQ(BuildOtpauthUri("JBSWY3DPEHPK3PXP", "zhangwei"),
            "otpauth://totp/Mingjing:zhangwei?secret=JBSWY3DPEHPK3PXP&issuer=Mingjing"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, PercentEncodesLabel) {
  std::string uri = BuildOtpauthUri("JBSWY3DPEHPK3PXP", "zhang wei@广安:office", "Ming jing");
  EXPECT_EQ(uri.rfind("otpauth://totp/Ming%20jing:zhang%20wei%40%E5%B9%BF%E5%AE%89%3Aoffice?", 0),
            0u)
      << uri;
  EXPECT_NE(uri.find("&issuer=Ming%20jing&"), std::string::npos) << uri;
}

}  // namespace
}  // namespace mingjing::crypto
