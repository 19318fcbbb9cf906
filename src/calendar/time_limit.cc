#include "calendar/time_limit.h"

#include <fmt/format.h>

#include "calendar/enum_names.h"

namespace mingjing::calendar {

namespace {

constexpr EnumNames<LimitUnit, 6> kUnitNames{{
    {LimitUnit::kImmediate, "immediate"},
    {LimitUnit::kWorkingDays, "working_days"},
    {LimitUnit::kCalendarDays, "calendar_days"},
    {LimitUnit::kMonths, "months"},
    {LimitUnit::kYears, "years"},
    {LimitUnit::kWorkingHours, "working_hours"},
}};

int MaxAmount(LimitUnit unit) {
  switch (unit) {
    case LimitUnit::kWorkingDays:
    case LimitUnit::kCalendarDays:
      return 36'500;
    case LimitUnit::kMonths:
      return 1'200;
    case LimitUnit::kYears:
      return 100;
    case LimitUnit::kWorkingHours:
      return 100'000;
    case LimitUnit::kImmediate:
      break;
  }
  return 0;
}

}  // namespace

std::string_view LimitUnitName(LimitUnit unit) { return NameOfEnum(kUnitNames, unit); }

Result<LimitUnit> ParseLimitUnit(std::string_view name, std::string_view field) {
  if (auto unit = EnumOfName(kUnitNames, name)) return *unit;
  return Error::InvalidField(std::string(field),
                             fmt::format("unknown time limit unit \"{}\"; expected immediate, "
                                         "working_days, calendar_days, months, years or "
                                         "working_hours",
                                         name));
}

Result<void> ValidateTimeLimit(const TimeLimit& limit, std::string_view field) {
  if (limit.unit == LimitUnit::kImmediate) return {};
  int max = MaxAmount(limit.unit);
  if (limit.amount < 1 || limit.amount > max) {
    return Error::InvalidField(fmt::format("{}.amount", field),
                               fmt::format("a limit in {} must be 1 to {}, found {}",
                                           LimitUnitName(limit.unit), max, limit.amount));
  }
  return {};
}

}  // namespace mingjing::calendar
