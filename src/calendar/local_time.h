// Conversion between UTC instants and the platform's local civil time.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"

namespace mingjing::calendar {

// NOTE: The platform serves one Chinese city, so local time is China Standard Time (Asia/Shanghai),
// UTC+08:00 all year: China has observed no daylight saving time since 1991. The offset is a
// constant rather than a tz database lookup because GCC 12's <chrono> has no time zones.
inline constexpr std::chrono::hours kPlatformUtcOffset{8};

using LocalDate = std::chrono::local_days;  // a civil date in platform local time

// An instant split into its local date and the seconds since local midnight (0 to 86399).
struct LocalDateTime {
  LocalDate date;
  std::chrono::seconds time_of_day;
};

// Splits `t`, truncated to whole seconds, into local date and time of day.
LocalDateTime ToLocal(TimePoint t);

// The instant of `time_of_day` seconds after local midnight of `date`; 24:00 is allowed.
TimePoint FromLocal(LocalDate date, std::chrono::seconds time_of_day);

// Local midnight at the start of `date`.
inline TimePoint StartOfDay(LocalDate date) { return FromLocal(date, std::chrono::seconds(0)); }

int YearOf(LocalDate date);

// Monday to Friday.
bool IsWeekday(LocalDate date);

// "2026-02-12".
std::string FormatDate(LocalDate date);

// "2026-02-12T17:30:00+08:00", truncated to whole seconds.
std::string FormatLocal(TimePoint t);

// Parses a strict ISO 8601 calendar date "YYYY-MM-DD". On failure the error names `field`.
Result<LocalDate> ParseDate(std::string_view text, std::string_view field);

}  // namespace mingjing::calendar
