#include "crypto/encoding.h"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "crypto/internal.h"

namespace mingjing::crypto {
namespace {

const unsigned char* AsUnsigned(std::string_view bytes) {
  return reinterpret_cast<const unsigned char*>(bytes.data());
}

unsigned char* AsUnsigned(Bytes& bytes) { return reinterpret_cast<unsigned char*>(bytes.data()); }

std::string EncodeBase64Variant(std::string_view bytes, int variant) {
  internal::EnsureSodiumInitialized();

  // sodium_base64_ENCODED_LEN counts the terminating NUL, which the string then drops.
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(text.data(), text.size(), AsUnsigned(bytes), bytes.size(), variant);
  text.pop_back();
  return text;
}

Result<Bytes> DecodeBase64Variant(std::string_view text, int variant, std::string_view name) {
  internal::EnsureSodiumInitialized();

  Bytes bytes(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  // With no ignore set and a null end pointer, libsodium fails unless it consumes all of `text`.
  if (sodium_base642bin(AsUnsigned(bytes), bytes.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, variant) != 0) {
    return Error::InvalidField(std::string(name), "invalid " + std::string(name) +
                                                      " text: expected canonical " +
                                                      std::string(name) + " characters");
  }
  bytes.resize(length);
  return bytes;
}

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Value of one Base32 character, or -1 when it is not in the alphabet.
int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string HexEncode(std::string_view bytes) {
  internal::EnsureSodiumInitialized();

  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), AsUnsigned(bytes), bytes.size());
  hex.pop_back();
  return hex;
}

Result<Bytes> HexDecode(std::string_view hex) {
  internal::EnsureSodiumInitialized();

  if (hex.size() % 2 != 0) {
    return Error::InvalidField("hex", "invalid hex text: the length must be even");
  }
  Bytes bytes(hex.size() / 2, '\0');
  size_t length = 0;
  if (sodium_hex2bin(AsUnsigned(bytes), bytes.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != bytes.size()) {
    return Error::InvalidField("hex", "invalid hex text: expected only 0-9, a-f and A-F");
  }
  return bytes;
}

std::string Base64Encode(std::string_view bytes) {
  return EncodeBase64Variant(bytes, sodium_base64_VARIANT_ORIGINAL);
}

Result<Bytes> Base64Decode(std::string_view text) {
  return DecodeBase64Variant(text, sodium_base64_VARIANT_ORIGINAL, "base64");
}

std::string Base64UrlEncode(std::string_view bytes) {
  return EncodeBase64Variant(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<Bytes> Base64UrlDecode(std::string_view text) {
  return DecodeBase64Variant(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "base64url");
}

std::string Base32Encode(std::string_view bytes) {
  std::string text;
  text.reserve((bytes.size() * 8 + 4) / 5);

  // Five bits an output character, taken from the top of a bit buffer.
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text.push_back(kBase32Alphabet[(buffer >> bits) & 0x1f]);
    }
  }
  if (bits > 0) text.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
  return text;
}

Result<Bytes> Base32Decode(std::string_view text) {
  Bytes bytes;
  uint32_t buffer = 0;
  int bits = 0;
  size_t characters = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    int value = Base32Value(c);
    if (value < 0) {
      return Error::InvalidField("base32", "invalid Base32 text: expected only A-Z and 2-7");
    }
    ++characters;
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }

  // A group of 8 characters carries 5 bytes. A final partial group of 1, 3 or 6 characters
  // cannot come from any byte string, so it marks truncated or mistyped text.
  size_t tail = characters % 8;
  if (tail == 1 || tail == 3 || tail == 6) {
    return Error::InvalidField("base32", "invalid Base32 text: the length is not possible");
  }
  return bytes;
}

}  // namespace mingjing::crypto
