// A time limit (办理时限) as a service item states it: an amount and a unit.
#pragma once

#include <string_view>

#include "common/error.h"

namespace mingjing::calendar {

enum class LimitUnit {
  kImmediate,     // 即办件: handled on the spot, no deadline
  kWorkingDays,   // 工作日
  kCalendarDays,  // 日 / 自然日
  kMonths,        // 月
  kYears,         // 年
  kWorkingHours,  // working hours counted from the event, e.g. 2 for online pre-acceptance
};

// "immediate", "working_days", "calendar_days", "months", "years", "working_hours".
std::string_view LimitUnitName(LimitUnit unit);
Result<LimitUnit> ParseLimitUnit(std::string_view name, std::string_view field = "limit.unit");

struct TimeLimit {
  LimitUnit unit = LimitUnit::kImmediate;
  int amount = 0;  // in `unit`; ignored for kImmediate

  static TimeLimit Immediate() { return {LimitUnit::kImmediate, 0}; }
  static TimeLimit WorkingDays(int n) { return {LimitUnit::kWorkingDays, n}; }
  static TimeLimit CalendarDays(int n) { return {LimitUnit::kCalendarDays, n}; }
  static TimeLimit Months(int n) { return {LimitUnit::kMonths, n}; }
  static TimeLimit Years(int n) { return {LimitUnit::kYears, n}; }
  static TimeLimit WorkingHours(int n) { return {LimitUnit::kWorkingHours, n}; }

  // Limits counted in working time (working days and working hours) run only during working
  // hours; the others run on the clock and calendar.
  bool CountsWorkingTime() const {
    return unit == LimitUnit::kWorkingDays || unit == LimitUnit::kWorkingHours;
  }
  // Limits stated in days, months or years end at close of business of their last day.
  bool EndsAtCloseOfBusiness() const {
    return unit != LimitUnit::kImmediate && unit != LimitUnit::kWorkingHours;
  }
};

// Fails unless the amount is at least 1 (any amount for kImmediate) and small enough to stay
// inside the working calendar: 36,500 days, 1,200 months, 100 years or 100,000 hours.
Result<void> ValidateTimeLimit(const TimeLimit& limit, std::string_view field = "limit");

}  // namespace mingjing::calendar
