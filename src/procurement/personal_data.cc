#include "procurement/personal_data.h"

namespace mingjing::procurement {
namespace {

constexpr std::string_view kMask = "****";

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() < 8) return std::string(kMask);
  return std::string(phone.substr(0, 3)) + std::string(kMask) +
         std::string(phone.substr(phone.size() - 4));
}

std::string MaskEmail(std::string_view email) {
  if (email.empty()) return {};
  size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::string(kMask);
  return std::string(email.substr(0, 1)) + std::string(kMask) + std::string(email.substr(at));
}

std::string MaskAddress(std::string_view address) {
  if (address.empty()) return {};
  size_t end = 0;
  for (int kept = 0; end < address.size() && kept < 6; ++kept) {
    ++end;
    while (end < address.size() && IsUtf8Continuation(address[end])) ++end;
  }
  if (end >= address.size()) return std::string(kMask);
  return std::string(address.substr(0, end)) + std::string(kMask);
}

std::string MaskAccount(std::string_view account) {
  if (account.empty()) return {};
  if (account.size() <= 4) return std::string(kMask);
  return std::string(kMask) + std::string(account.substr(account.size() - 4));
}

}  // namespace mingjing::procurement
