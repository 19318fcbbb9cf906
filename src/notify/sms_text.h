// SMS texts of alert notices. An SMS in UCS-2 (Kannel's coding=2) carries at most 70 characters
// in one segment, so every text here is cut to fit one segment: a card that needs more is read
// in the console, which the text points to.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "notify/outbox.h"

namespace mingjing::notify {

inline constexpr size_t kSmsSegmentCharacters = 70;

// The number of Unicode code points in UTF-8 `text` (what a UCS-2 segment counts, for text in
// the Basic Multilingual Plane).
size_t CountCharacters(std::string_view text);

// The first `max_characters` code points of UTF-8 `text`; when it is longer, the last one kept
// is replaced by "…". Never splits a multi-byte character.
std::string TruncateCharacters(std::string_view text, size_t max_characters);

// A short Chinese phrase naming what a rule found, e.g. "超过承诺时限" for time.promised; the
// rule family's phrase for a code not in the table, e.g. "采购异常" for procurement.*.
std::string RulePhrase(std::string_view rule_code);

// "预警", "黄牌", "红牌"; the input itself for an unknown level.
std::string LevelNameZh(std::string_view level);

// The SMS text of `notice`, at most kSmsSegmentCharacters characters, e.g.
// "【明镜监察】黄牌：办件2026-0001超过承诺时限。请登录监察系统处理。"
std::string RenderAlertSms(const AlertNotice& notice);

// Counts of the notices one digest SMS stands for.
struct DigestCounts {
  int red = 0;
  int yellow = 0;
  int other = 0;  // warnings, orders on warnings
};

// The digest SMS of notices held back by the rate limit, at most kSmsSegmentCharacters long.
std::string RenderDigestSms(const DigestCounts& counts);

// "138****8000": a phone number fit for logs, keeping the first three and last four digits.
std::string MaskPhone(std::string_view phone);

}  // namespace mingjing::notify
