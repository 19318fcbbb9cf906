// Byte strings and their text encodings: hex, Base64 (RFC 4648 §4), base64url (§5) and Base32
// (§6). Hex and Base64 use libsodium's constant-time codecs, so decoding a secret does not leak
// it through timing.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace mingjing::crypto {

// Raw binary data (digests, keys, signatures). A std::string, not text: it may contain NUL and
// any byte value. Every function in mingjing::crypto and mingjing::ledger uses this type for bytes.
using Bytes = std::string;

// Encodes bytes as lower-case hex, two characters a byte.
std::string HexEncode(std::string_view bytes);

// Decodes hex in either case. Rejects an odd length and any character outside [0-9a-fA-F].
Result<Bytes> HexDecode(std::string_view hex);

// Encodes bytes as standard Base64 with '=' padding.
std::string Base64Encode(std::string_view bytes);

// Decodes standard Base64. Padding is required, whitespace is rejected, and so are unused
// low-order bits that are not zero, so each byte string has exactly one accepted encoding.
Result<Bytes> Base64Decode(std::string_view text);

// Encodes bytes as base64url without padding, the form used in URLs and tokens.
std::string Base64UrlEncode(std::string_view bytes);

// Decodes base64url written without padding.
Result<Bytes> Base64UrlDecode(std::string_view text);

// Encodes bytes as upper-case Base32 without padding, the form authenticator apps expect in an
// otpauth:// URI.
std::string Base32Encode(std::string_view bytes);

// Decodes Base32 in either case. Spaces and '=' padding are ignored, because people copy secrets
// in groups of four from a screen.
Result<Bytes> Base32Decode(std::string_view text);

}  // namespace mingjing::crypto
