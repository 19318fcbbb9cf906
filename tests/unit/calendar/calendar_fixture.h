// Shared test helpers: the real Chinese calendar 2007–2026 and local-time literals.
#pragma once

#include <string>
#include <string_view>

#include "calendar/working_calendar.h"

namespace mingjing::calendar::testing {

// The calendar built from the shared holiday-cn data with default working hours. Loaded once;
// a load failure fails the calling test.
const WorkingCalendar& ChinaCalendar();

// "2026-02-12 10:00" or "2026-02-12 10:00:05" in platform local time (UTC+08:00).
TimePoint Local(std::string_view text);

// The inverse: "2026-02-26 17:30", with ":SS" only when the seconds are not zero.
std::string LocalText(TimePoint t);

LocalDate Date(std::string_view text);

}  // namespace mingjing::calendar::testing
