// Masked forms of the personal data that bids carry (contact telephone, e-mail, address and the
// account that paid the bid bond), for readers who may see that a value exists and compare it
// with another record, but not read it whole. Each function keeps a short head or tail and
// replaces the rest by "****". An empty value stays empty.
#pragma once

#include <string>
#include <string_view>

namespace mingjing::procurement {

// "138****5678": the first 3 and last 4 digits of a number of 8 or more characters, else "****".
std::string MaskPhone(std::string_view phone);

// "z****@example.com": the first character of the local part and the whole domain.
std::string MaskEmail(std::string_view email);

// The first 6 characters (UTF-8 code points, so a Chinese address keeps its district), then
// "****".
std::string MaskAddress(std::string_view address);

// "****1234": the last 4 characters, enough to compare with a bank statement.
std::string MaskAccount(std::string_view account);

}  // namespace mingjing::procurement
