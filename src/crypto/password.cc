#include "crypto/password.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <semaphore>
#include <unordered_set>

#include "crypto/internal.h"

namespace mingjing::crypto {
namespace internal {
// The contents of common_passwords.txt, compiled in by CMake.
extern const std::string_view kCommonPasswordsText;
}  // namespace internal

namespace {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  });
  return lower;
}

// Returns the number of code points in `text`, or nullopt when it is not valid UTF-8 (RFC
// 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::optional<std::size_t> CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    uint32_t code_point = 0;
    if (lead < 0x80) {
      length = 1;
      code_point = lead;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      code_point = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      code_point = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;

    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return std::nullopt;
      code_point = (code_point << 6) | (next & 0x3f);
    }
    bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    bool surrogate = code_point >= 0xd800 && code_point <= 0xdfff;
    if (overlong || surrogate || code_point > 0x10ffff) return std::nullopt;

    i += length;
    ++count;
  }
  return count;
}

const std::unordered_set<std::string_view>& CommonPasswords() {
  static const std::unordered_set<std::string_view> passwords = [] {
    std::unordered_set<std::string_view> set;
    std::string_view text = internal::kCommonPasswordsText;
    while (!text.empty()) {
      std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      if (!line.empty() && line.front() != '#') set.insert(line);
    }
    return set;
  }();
  return passwords;
}

Error PolicyError(std::string message) {
  return Error::InvalidField("password", std::move(message));
}

// Each Argon2id hash keeps its whole memory cost (256 MiB at the production cost) until it ends,
// so a burst of logins could exhaust the machine. At most this many hashes run at once; the
// others wait for a slot, one hash time (about 0.4 s) each.
std::counting_semaphore<kConcurrentPasswordHashes>& HashSlots() {
  static std::counting_semaphore<kConcurrentPasswordHashes> slots(kConcurrentPasswordHashes);
  return slots;
}

class HashSlot {
 public:
  HashSlot() { HashSlots().acquire(); }
  ~HashSlot() { HashSlots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordHashCost cost) {
  internal::EnsureSodiumInitialized();

  char hash[crypto_pwhash_argon2id_STRBYTES];
  HashSlot slot;
  if (crypto_pwhash_argon2id_str(hash, password.data(), password.size(), cost.passes,
                                 cost.memory_bytes) != 0) {
    return Error::Internal(fmt::format(
        "failed to hash a password: Argon2id could not allocate {} bytes", cost.memory_bytes));
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  internal::EnsureSodiumInitialized();

  // libsodium reads the hash as a NUL-terminated string of at most STRBYTES - 1 characters.
  if (stored_hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  std::string terminated(stored_hash);
  HashSlot slot;
  return crypto_pwhash_argon2id_str_verify(terminated.c_str(), password.data(), password.size()) ==
         0;
}

bool PasswordNeedsRehash(std::string_view stored_hash, PasswordHashCost cost) {
  internal::EnsureSodiumInitialized();

  if (stored_hash.size() >= crypto_pwhash_argon2id_STRBYTES) return true;
  std::string terminated(stored_hash);
  // libsodium returns 0 when the parameters match, 1 when they differ and -1 for a hash that is
  // not Argon2id. Both non-zero results call for a new hash.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), cost.passes,
                                                 cost.memory_bytes) != 0;
}

bool IsCommonPassword(std::string_view password) {
  return CommonPasswords().contains(AsciiLower(password));
}

Result<void> CheckPasswordPolicy(std::string_view password, std::string_view user_name) {
  std::optional<std::size_t> length = CountCodePoints(password);
  if (!length) {
    return PolicyError(
        "The password is not valid UTF-8 text. Type it again without pasting "
        "from a document.");
  }
  if (*length < kMinPasswordLength) {
    return PolicyError(
        fmt::format("The password has {} characters; use at least {}. A phrase of several words is "
                    "easier to remember.",
                    *length, kMinPasswordLength));
  }
  if (*length > kMaxPasswordLength) {
    return PolicyError(fmt::format("The password has {} characters; use at most {}.", *length,
                                   kMaxPasswordLength));
  }
  if (!user_name.empty() && AsciiLower(password) == AsciiLower(user_name)) {
    return PolicyError("The password must not be the same as the user name. Choose another.");
  }
  if (IsCommonPassword(password)) {
    return PolicyError(
        "The password is on a list of commonly used passwords that attackers "
        "try first. Choose one that is harder to guess.");
  }
  return {};
}

}  // namespace mingjing::crypto
