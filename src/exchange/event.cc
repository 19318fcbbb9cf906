#include "exchange/event.h"

#include <array>
#include <charconv>

namespace mingjing::exchange {
namespace {

constexpr std::array<std::pair<EventType, std::string_view>, 13> kTypeNames = {{
    {EventType::kSubmitted, "submitted"},
    {EventType::kPreAccepted, "pre_accepted"},
    {EventType::kAccepted, "accepted"},
    {EventType::kNotAccepted, "not_accepted"},
    {EventType::kStepStarted, "step_started"},
    {EventType::kStepFinished, "step_finished"},
    {EventType::kSuspended, "suspended"},
    {EventType::kResumed, "resumed"},
    {EventType::kFeeCharged, "fee_charged"},
    {EventType::kReturned, "returned"},
    {EventType::kCompleted, "completed"},
    {EventType::kCorrection, "correction"},
    {EventType::kDeleted, "deleted"},
}};

bool ReadDigits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + count, out);
  return ec == std::errc();
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::string_view EventTypeName(EventType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<EventType> ParseEventType(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

const std::vector<EventType>& AllEventTypes() {
  static const std::vector<EventType> all = [] {
    std::vector<EventType> out;
    for (const auto& [t, name] : kTypeNames) out.push_back(t);
    return out;
  }();
  return all;
}

std::optional<int64_t> ParseRfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS, then optional .fraction, then Z or ±HH:MM.
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20) return std::nullopt;
  if (!ReadDigits(text, 0, 4, year) || text[4] != '-' || !ReadDigits(text, 5, 2, month) ||
      text[7] != '-' || !ReadDigits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
      !ReadDigits(text, 11, 2, hour) || text[13] != ':' || !ReadDigits(text, 14, 2, minute) ||
      text[16] != ':' || !ReadDigits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }

  size_t pos = 19;
  if (text[pos] == '.') {
    ++pos;
    size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == digits_start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;

  int offset_seconds = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0, om = 0;
    if (!ReadDigits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_seconds = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  int64_t local = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return local - offset_seconds;
}

}  // namespace mingjing::exchange
