#include "crypto/password.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace mingjing::crypto {
namespace {

TEST(PasswordHash, VerifiesCorrectPassword) {
  auto hash = HashPassword("correct horse battery staple", kTestOnlyPasswordCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
}

TEST(PasswordHash, RejectsWrongPassword) {
  auto hash = HashPassword("correct horse battery staple", kTestOnlyPasswordCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordHash, IsArgon2idPhcString) {
  auto hash = HashPassword("password for format check", kTestOnlyPasswordCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << *hash;
}

TEST(PasswordHash, SaltDiffersEachTime) {
  auto first = HashPassword("same password twice", kTestOnlyPasswordCost);
  auto second = HashPassword("same password twice", kTestOnlyPasswordCost);
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(*first, *second);
}

TEST(PasswordHash, HandlesUnicodePassword) {
  auto hash = HashPassword("明镜高悬，公正廉明", kTestOnlyPasswordCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(VerifyPassword(*hash, "明镜高悬，公正廉明"));
  EXPECT_FALSE(VerifyPassword(*hash, "明镜高悬,公正廉明"));
}

TEST(PasswordHash, MalformedHashDoesNotVerify) {
  EXPECT_FALSE(VerifyPassword("", "anything"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "anything"));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'x'), "anything"));
}

TEST(PasswordHash, NeedsRehashWhenCostChanges) {
  auto hash = HashPassword("password to upgrade", kTestOnlyPasswordCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_FALSE(PasswordNeedsRehash(*hash, kTestOnlyPasswordCost));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, kModeratePasswordCost));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, PasswordHashCost{2, 8192}));
}

TEST(PasswordHash, ForeignHashNeedsRehash) {
  EXPECT_TRUE(PasswordNeedsRehash("$2b$12$abcdefghijklmnopqrstuv", kTestOnlyPasswordCost));
}

// One hash at the production cost, to show the parameters are accepted and recorded.
TEST(PasswordHash, ModerateCostIsRecorded) {
  auto hash = HashPassword("a long production password");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=262144,t=3,p=1$", 0), 0u) << *hash;
  EXPECT_FALSE(PasswordNeedsRehash(*hash));
}

TEST(PasswordPolicy, AcceptsLongUncommonPassword) {
  EXPECT_TRUE(CheckPasswordPolicy("violet-teapot-harbour-91", "zhangwei").has_value());
}

TEST(PasswordPolicy, RejectsShortPassword) {
  auto result = CheckPasswordPolicy("Tr0ub4dor&3", "zhangwei");  // 11 characters
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(result.error().field, "password");
  EXPECT_NE(result.error().message.find("at least 12"), std::string::npos);
}

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
  // Eleven Chinese characters are 33 bytes of UTF-8 but still too short.
  EXPECT_FALSE(CheckPasswordPolicy("明镜高悬公正廉明清风正", "zhangwei").has_value());
  EXPECT_TRUE(CheckPasswordPolicy("明镜高悬公正廉明清风正气", "zhangwei").has_value());
}

TEST(PasswordPolicy, RejectsOverlongPassword) {
  std::string varied;
  for (int i = 0; i < 128; ++i) varied.push_back(static_cast<char>('a' + (i * 7) % 26));
  EXPECT_TRUE(CheckPasswordPolicy(varied, "zhangwei").has_value());
  auto result = CheckPasswordPolicy(varied + "x", "zhangwei");
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("at most 128"), std::string::npos);
}

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghijk\xff\xfe", "zhangwei").has_value());
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghijkl\xc0\xaf", "zhangwei").has_value());  // overlong
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghijkl\xed\xa0\x80", "zhangwei").has_value());
  EXPECT_FALSE(CheckPasswordPolicy("abcdefghijkl\xe6\x98", "zhangwei").has_value());  // cut
}

TEST(PasswordPolicy, RejectsCommonPasswordsIgnoringCase) {
  const char* common[] = {"123456789012", "qwertyuiop123", "Password1234", "WOAINI1314520",
                          "1qaz2wsx3edc", "woaini5201314", "aaaaaaaaaaaa", "5201314woaini",
                          "Qwerty123456", "iloveyou2008"};
  for (const char* password : common) {
    auto result = CheckPasswordPolicy(password, "zhangwei");
    ASSERT_FALSE(result.has_value()) << password;
    EXPECT_NE(result.error().message.find("commonly used"), std::string::npos) << password;
  }
}

TEST(PasswordPolicy, ListHasShortClassics) {
  EXPECT_TRUE(IsCommonPassword("123456"));
  EXPECT_TRUE(IsCommonPassword("PASSWORD"));
  EXPECT_TRUE(IsCommonPassword("5201314"));
  EXPECT_TRUE(IsCommonPassword("woaini1314"));
  EXPECT_FALSE(IsCommonPassword("violet-teapot-harbour-91"));
  EXPECT_FALSE(IsCommonPassword("# Common passwords, one a line, lower-case."));
}

TEST(PasswordPolicy, RejectsUserNameAsPassword) {
  auto result = CheckPasswordPolicy("Zhang.Weiguo.Office", "zhang.weiguo.office");
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("user name"), std::string::npos);
}

// More callers than hash slots: every call still finishes with the right result.
TEST(PasswordHash, ManyThreadsShareTheHashSlots) {
  auto stored = HashPassword("a long enough passphrase", kTestOnlyPasswordCost);
  ASSERT_TRUE(stored.has_value());
  std::vector<std::thread> threads;
  std::atomic<int> verified = 0;
  for (int i = 0; i < 3 * kConcurrentPasswordHashes; ++i) {
    threads.emplace_back([&] {
      if (VerifyPassword(*stored, "a long enough passphrase")) ++verified;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(verified.load(), 3 * kConcurrentPasswordHashes);
}

}  // namespace
}  // namespace mingjing::crypto
