#include "calendar/reference_calendar.h"

#include <algorithm>

namespace mingjing::calendar {

namespace {

using std::chrono::days;
using std::chrono::seconds;

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Counts months on a plain year * 12 + month line, independently of <chrono>'s arithmetic.
LocalDate AddMonthsByHand(LocalDate date, int months) {
  std::chrono::year_month_day ymd(date);
  int index = int(ymd.year()) * 12 + int(unsigned(ymd.month())) - 1 + months;
  int year = index / 12;
  int month = index % 12 + 1;
  int day = std::min(int(unsigned(ymd.day())), DaysInMonth(year, month));
  return LocalDate(std::chrono::year(year) / month / day);
}

}  // namespace

bool ReferenceCalendar::IsWorkingDay(LocalDate date) const {
  const DayOverride* listed = schedules_.Find(date);
  if (listed != nullptr) return !listed->is_off_day;
  return IsWeekday(date);
}

LocalDate ReferenceCalendar::NextWorkingDay(LocalDate date) const {
  while (!IsWorkingDay(date)) date += days(1);
  return date;
}

LocalDate ReferenceCalendar::AddWorkingDays(LocalDate date, int n) const {
  while (n > 0) {
    date += days(1);
    if (IsWorkingDay(date)) --n;
  }
  return date;
}

seconds ReferenceCalendar::WorkingTimeBetween(TimePoint from, TimePoint to) const {
  if (to < from) return -WorkingTimeBetween(to, from);
  from = std::chrono::floor<seconds>(from);
  to = std::chrono::floor<seconds>(to);
  seconds total{0};
  for (LocalDate date = ToLocal(from).date; date <= ToLocal(to).date; date += days(1)) {
    if (!IsWorkingDay(date)) continue;
    for (const WorkingPeriod& period : hours_.periods()) {
      TimePoint begin = std::max(from, FromLocal(date, period.begin));
      TimePoint end = std::min(to, FromLocal(date, period.end));
      if (begin < end) total += std::chrono::duration_cast<seconds>(end - begin);
    }
  }
  return total;
}

TimePoint ReferenceCalendar::AddWorkingTime(TimePoint from, seconds amount) const {
  from = std::chrono::floor<seconds>(from);
  if (amount <= seconds(0)) return from;
  for (LocalDate date = ToLocal(from).date;; date += days(1)) {
    if (!IsWorkingDay(date)) continue;
    for (const WorkingPeriod& period : hours_.periods()) {
      TimePoint begin = std::max(from, FromLocal(date, period.begin));
      TimePoint end = FromLocal(date, period.end);
      if (begin >= end) continue;
      seconds length = std::chrono::duration_cast<seconds>(end - begin);
      if (amount <= length) return begin + amount;
      amount -= length;
    }
  }
}

TimePoint ReferenceCalendar::EndAfter(const TimeLimit& limit, TimePoint nominal_end,
                                      seconds added) const {
  TimePoint reached =
      limit.CountsWorkingTime() ? AddWorkingTime(nominal_end, added) : nominal_end + added;
  if (limit.unit == LimitUnit::kWorkingHours) return reached;
  LocalDate last_day = NextWorkingDay(ToLocal(reached - seconds(1)).date);
  return FromLocal(last_day, hours_.ClosingTime());
}

std::optional<TimePoint> ReferenceCalendar::Deadline(const DeadlineRequest& request,
                                                     const DeadlineOptions& options) const {
  const TimeLimit& limit = request.limit;
  if (limit.unit == LimitUnit::kImmediate) return std::nullopt;

  // The start, walking forward minute by minute when the event must roll to an opening.
  TimePoint start = std::chrono::floor<seconds>(request.start);
  if (options.roll_outside_hours_to_next_opening) {
    while (!IsWorkingDay(ToLocal(start).date) || !hours_.IsOpenAt(ToLocal(start).time_of_day)) {
      start = std::chrono::floor<std::chrono::minutes>(start) + std::chrono::minutes(1);
    }
  }
  LocalDate start_day = ToLocal(start).date;
  TimePoint counting_start =
      limit.unit == LimitUnit::kWorkingHours ? start : StartOfDay(start_day + days(1));

  TimePoint nominal_end;
  switch (limit.unit) {
    case LimitUnit::kWorkingHours:
      nominal_end = AddWorkingTime(start, std::chrono::hours(limit.amount));
      break;
    case LimitUnit::kWorkingDays:
      nominal_end = FromLocal(AddWorkingDays(start_day, limit.amount), hours_.ClosingTime());
      break;
    case LimitUnit::kCalendarDays:
      nominal_end = StartOfDay(start_day + days(limit.amount + 1));
      break;
    case LimitUnit::kMonths:
    case LimitUnit::kYears: {
      int months = limit.unit == LimitUnit::kMonths ? limit.amount : 12 * limit.amount;
      nominal_end = StartOfDay(AddMonthsByHand(start_day, months) + days(1));
      break;
    }
    case LimitUnit::kImmediate:
      return std::nullopt;
  }

  seconds extension_day = limit.CountsWorkingTime() ? hours_.DailyWorkingTime() : days(1);
  seconds added{0};
  for (const Extension& extension : request.extensions) added += extension.days * extension_day;

  std::vector<Suspension> suspensions = request.suspensions;
  std::sort(suspensions.begin(), suspensions.end(),
            [](const Suspension& a, const Suspension& b) { return a.start < b.start; });
  for (const Suspension& suspension : suspensions) {
    TimePoint from = std::max(suspension.start, counting_start);
    bool before_counting = suspension.end && *suspension.end <= counting_start;
    if (!before_counting && from >= EndAfter(limit, nominal_end, added)) continue;
    added += suspension.extension_days * extension_day;
    if (before_counting) continue;
    if (!suspension.end) return std::nullopt;
    added += limit.CountsWorkingTime()
                 ? WorkingTimeBetween(from, *suspension.end)
                 : std::chrono::floor<seconds>(*suspension.end) - std::chrono::floor<seconds>(from);
  }
  return EndAfter(limit, nominal_end, added);
}

}  // namespace mingjing::calendar
