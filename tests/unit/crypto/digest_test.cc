#include <gtest/gtest.h>

#include <string>

#include "crypto/encoding.h"
#include "crypto/sha256.h"
#include "crypto/sm3.h"

namespace mingjing::crypto {
namespace {

std::string Repeat(std::string_view piece, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += piece;
  return text;
}

// GB/T 32905-2016 Appendix A, example 1.
TEST(Sm3, StandardExampleAbc) {
  EXPECT_EQ(HexEncode(Sm3Digest("abc")),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

// GB/T 32905-2016 Appendix A, example 2: "abcd" repeated 16 times, 512 bits.
TEST(Sm3, StandardExample64Bytes) {
  EXPECT_EQ(HexEncode(Sm3Digest(Repeat("abcd", 16))),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(Sm3, EmptyMessage) {
  EXPECT_EQ(HexEncode(Sm3Digest("")),
            "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
}

TEST(Sm3, IncrementalEqualsOneShot) {
  std::string message = Repeat("abcd", 16);
  Sm3 hasher;
  hasher.Update(message.substr(0, 5)).Update(message.substr(5, 40)).Update(message.substr(45));
  EXPECT_EQ(hasher.Finish(), Sm3Digest(message));
}

TEST(Sm3, FinishStartsNewMessage) {
  Sm3 hasher;
  hasher.Update("first message");
  (void)hasher.Finish();
  hasher.Update("abc");
  EXPECT_EQ(HexEncode(hasher.Finish()),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

TEST(Sm3, DigestHas32Bytes) {
  EXPECT_EQ(Sm3Digest("x").size(), kSm3DigestSize);
  EXPECT_EQ(DigestSize(DigestAlgorithm::kSm3), kSm3DigestSize);
}

TEST(Sm3, MovedHasherKeepsState) {
  Sm3 hasher;
  hasher.Update("ab");
  Sm3 moved = std::move(hasher);
  moved.Update("c");
  EXPECT_EQ(moved.Finish(), Sm3Digest("abc"));
}

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf").
TEST(Sha256, StandardExamples) {
  EXPECT_EQ(HexEncode(Sha256Digest("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256Digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(HexEncode(Sha256Digest("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  Sha256 hasher;
  hasher.Update("ab").Update("").Update("c");
  EXPECT_EQ(hasher.Finish(), Sha256Digest("abc"));
}

TEST(Sha256, BinaryInputWithNul) {
  std::string with_nul("a\0b", 3);
  EXPECT_NE(Sha256Digest(with_nul), Sha256Digest("a"));
  EXPECT_EQ(Sha256Digest(with_nul).size(), kSha256DigestSize);
}

}  // namespace
}  // namespace mingjing::crypto
