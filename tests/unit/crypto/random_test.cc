#include "crypto/random.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace mingjing::crypto {
namespace {

TEST(RandomBytes, HasRequestedLength) {
  EXPECT_EQ(RandomBytes(0).size(), 0u);
  EXPECT_EQ(RandomBytes(1).size(), 1u);
  EXPECT_EQ(RandomBytes(1000).size(), 1000u);
}

TEST(RandomBytes, DiffersBetweenCalls) {
  // Two equal 32-byte outputs would happen by chance with probability 2^-256.
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

TEST(RandomToken, HexHasTwoCharactersPerByte) {
  std::string token = RandomTokenHex();
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(RandomTokenHex(16).size(), 32u);
}

TEST(RandomToken, Base64UrlIsUrlSafe) {
  std::string token = RandomTokenBase64Url();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes, unpadded
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
}

TEST(RandomToken, RejectsFewerThan128Bits) {
  EXPECT_THROW(RandomTokenHex(15), std::invalid_argument);
  EXPECT_THROW(RandomTokenBase64Url(8), std::invalid_argument);
}

TEST(RandomToken, IsUniqueAcrossManyCalls) {
  std::set<std::string> tokens;
  for (int i = 0; i < 1000; ++i) tokens.insert(RandomTokenBase64Url(16));
  EXPECT_EQ(tokens.size(), 1000u);
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret1"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

}  // namespace
}  // namespace mingjing::crypto
