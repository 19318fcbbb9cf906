#include "crypto/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace mingjing::crypto {
namespace {

TEST(Hex, EncodesLowerCase) {
  EXPECT_EQ(HexEncode(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(HexEncode(""), "");
}

TEST(Hex, DecodesEitherCase) {
  EXPECT_EQ(HexDecode("0001ABff").value(), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(HexDecode("").value(), "");
}

TEST(Hex, RejectsOddLength) {
  auto decoded = HexDecode("abc");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidField);
}

TEST(Hex, RejectsNonHexCharacters) {
  EXPECT_FALSE(HexDecode("zz").has_value());
  EXPECT_FALSE(HexDecode("0g").has_value());
  EXPECT_FALSE(HexDecode("00 1").has_value());
  EXPECT_FALSE(HexDecode("0:").has_value());
}

// RFC 4648 §10 test vectors.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(Base64Encode(plain), encoded) << plain;
    EXPECT_EQ(Base64Decode(encoded).value(), plain) << encoded;
  }
}

TEST(Base64, RejectsMalformedText) {
  EXPECT_FALSE(Base64Decode("Zg").has_value());      // missing padding
  EXPECT_FALSE(Base64Decode("Zm9v\n").has_value());  // whitespace
  EXPECT_FALSE(Base64Decode("Zh==").has_value());    // non-zero unused bits
  EXPECT_FALSE(Base64Decode("Zm9v*").has_value());   // character outside the alphabet
  EXPECT_FALSE(Base64Decode("-_8=").has_value());    // base64url alphabet
}

TEST(Base64Url, UsesUrlAlphabetWithoutPadding) {
  std::string bytes("\xfb\xff\xfe", 3);
  EXPECT_EQ(Base64Encode(bytes), "+//+");
  EXPECT_EQ(Base64UrlEncode(bytes), "-__-");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlDecode("-__-").value(), bytes);
  EXPECT_EQ(Base64UrlDecode("Zg").value(), "f");
}

TEST(Base64Url, RejectsStandardAlphabetAndPadding) {
  EXPECT_FALSE(Base64UrlDecode("+//+").has_value());
  EXPECT_FALSE(Base64UrlDecode("Zg==").has_value());
}

// RFC 4648 §10 test vectors, compared without padding as Base32Encode writes them.
TEST(Base32, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"f", "MY======"},
      {"fo", "MZXQ===="},
      {"foo", "MZXW6==="},
      {"foob", "MZXW6YQ="},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI======"},
  };
  for (const auto& [plain, padded] : cases) {
    std::string unpadded(padded);
    unpadded.erase(unpadded.find_last_not_of('=') + 1);
    EXPECT_EQ(Base32Encode(plain), unpadded) << plain;
    EXPECT_EQ(Base32Decode(padded).value(), plain) << padded;
    EXPECT_EQ(Base32Decode(unpadded).value(), plain) << unpadded;
  }
}

TEST(Base32, AcceptsLowerCaseAndSpaces) {
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi").value(), "foobar");
}

TEST(Base32, RejectsInvalidText) {
  EXPECT_FALSE(Base32Decode("MZXW1").has_value());  // '1' is not in the alphabet
  EXPECT_FALSE(Base32Decode("M").has_value());      // one character cannot encode a byte
  EXPECT_FALSE(Base32Decode("MZX").has_value());    // three characters neither
}

TEST(Base32, RoundTripsAllByteValues) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t length = 0; length <= bytes.size(); length += 17) {
    std::string piece = bytes.substr(0, length);
    EXPECT_EQ(Base32Decode(Base32Encode(piece)).value(), piece) << length;
  }
}

}  // namespace
}  // namespace mingjing::crypto
