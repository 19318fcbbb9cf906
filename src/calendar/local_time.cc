#include "calendar/local_time.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace mingjing::calendar {

namespace {

using std::chrono::days;
using std::chrono::seconds;

// Reads exactly `width` decimal digits at `pos`, or returns -1.
int ReadDigits(std::string_view text, size_t pos, size_t width) {
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

LocalDateTime ToLocal(TimePoint t) {
  auto local_seconds = std::chrono::floor<seconds>(t).time_since_epoch() + kPlatformUtcOffset;
  auto date = std::chrono::floor<days>(local_seconds);
  return {LocalDate(date), local_seconds - date};
}

TimePoint FromLocal(LocalDate date, seconds time_of_day) {
  return TimePoint(date.time_since_epoch() + time_of_day - kPlatformUtcOffset);
}

int YearOf(LocalDate date) { return int(std::chrono::year_month_day(date).year()); }

bool IsWeekday(LocalDate date) {
  unsigned day = std::chrono::weekday(date).iso_encoding();  // Monday 1 .. Sunday 7
  return day <= 5;
}

std::string FormatDate(LocalDate date) {
  std::chrono::year_month_day ymd(date);
  return fmt::format("{:04d}-{:02d}-{:02d}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

std::string FormatLocal(TimePoint t) {
  LocalDateTime local = ToLocal(t);
  auto total = local.time_of_day.count();
  return fmt::format("{}T{:02d}:{:02d}:{:02d}+{:02d}:00", FormatDate(local.date), total / 3600,
                     total / 60 % 60, total % 60, kPlatformUtcOffset.count());
}

Result<LocalDate> ParseDate(std::string_view text, std::string_view field) {
  int year = ReadDigits(text, 0, 4);
  int month = ReadDigits(text, 5, 2);
  int day = ReadDigits(text, 8, 2);
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(unsigned(month)),
                                  std::chrono::day(unsigned(day))};
  if (!shaped || year < 0 || month < 0 || day < 0 || !ymd.ok()) {
    return Error::InvalidField(std::string(field),
                               fmt::format("expected a date YYYY-MM-DD, found \"{}\"", text));
  }
  return LocalDate(ymd);
}

}  // namespace mingjing::calendar
