#include "procurement/ocds_date.h"

#include <chrono>

namespace mingjing::procurement {
namespace {

// Reads exactly `width` decimal digits at `pos`, advancing it.
std::optional<int> ReadDigits(std::string_view text, size_t& pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool Expect(std::string_view text, size_t& pos, char expected) {
  if (pos >= text.size()) return false;
  char c = text[pos];
  // RFC 3339 allows a lower-case separator and zone designator.
  bool matches = c == expected || (expected == 'T' && c == 't') || (expected == 'Z' && c == 'z');
  if (matches) ++pos;
  return matches;
}

}  // namespace

std::optional<OcdsTimestamp> ParseOcdsDate(std::string_view text) {
  size_t pos = 0;
  auto year = ReadDigits(text, pos, 4);
  if (!year || !Expect(text, pos, '-')) return std::nullopt;
  auto month = ReadDigits(text, pos, 2);
  if (!month || !Expect(text, pos, '-')) return std::nullopt;
  auto day = ReadDigits(text, pos, 2);
  if (!day || !Expect(text, pos, 'T')) return std::nullopt;
  auto hour = ReadDigits(text, pos, 2);
  if (!hour || !Expect(text, pos, ':')) return std::nullopt;
  auto minute = ReadDigits(text, pos, 2);
  if (!minute || !Expect(text, pos, ':')) return std::nullopt;
  auto second = ReadDigits(text, pos, 2);
  if (!second) return std::nullopt;

  // Fractional seconds: any number of digits, kept to microseconds.
  int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t first_digit = pos;
    int64_t scale = 100'000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == first_digit) return std::nullopt;
  }

  int64_t offset_minutes = 0;
  if (Expect(text, pos, 'Z')) {
    // UTC.
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto offset_hour = ReadDigits(text, pos, 2);
    if (!offset_hour || !Expect(text, pos, ':')) return std::nullopt;
    auto offset_minute = ReadDigits(text, pos, 2);
    if (!offset_minute || *offset_hour > 23 || *offset_minute > 59) return std::nullopt;
    offset_minutes = sign * (*offset_hour * 60 + *offset_minute);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  // A leap second (60) is accepted and counted as the next second.
  if (*hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{*year},
                                   std::chrono::month{static_cast<unsigned>(*month)},
                                   std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;

  int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  int64_t seconds = days * 86'400 + *hour * 3'600 + *minute * 60 + *second - offset_minutes * 60;
  return seconds * 1'000'000 + micros;
}

}  // namespace mingjing::procurement
