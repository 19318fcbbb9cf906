#include "calendar/working_calendar.h"

#include <fmt/format.h>

#include <algorithm>

namespace mingjing::calendar {

namespace {

using std::chrono::days;
using std::chrono::seconds;

constexpr int kTableFirstYear = 2000;
constexpr int kTableLastYear = 2100;
constexpr int kSpareYearsAfterPublished = 10;

DayKind ClassifyDay(LocalDate date, const DayOverride* listed) {
  if (listed == nullptr) return IsWeekday(date) ? DayKind::kWorkday : DayKind::kRestDay;
  if (listed->is_off_day) return DayKind::kHoliday;
  // A listed working day on a weekday (2020-02-03 in the 2020 schedule) changes nothing.
  return IsWeekday(date) ? DayKind::kWorkday : DayKind::kAdjustedWorkday;
}

}  // namespace

std::string_view DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkday:
      return "workday";
    case DayKind::kRestDay:
      return "rest_day";
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kAdjustedWorkday:
      return "adjusted_workday";
  }
  return "unknown";
}

WorkingCalendar WorkingCalendar::Build(HolidaySchedules schedules, WorkingHours hours) {
  int first_year = kTableFirstYear;
  int last_year = kTableLastYear;
  std::vector<int> published = schedules.PublishedYears();
  if (!published.empty()) {
    first_year = std::min(first_year, published.front() - 1);
    last_year = std::max(last_year, published.back() + kSpareYearsAfterPublished);
  }
  using std::chrono::December;
  using std::chrono::January;
  using std::chrono::year;
  LocalDate first{year(first_year) / January / 1};
  LocalDate last{year(last_year) / December / 31};
  return WorkingCalendar(std::move(schedules), std::move(hours), first, last);
}

WorkingCalendar::WorkingCalendar(HolidaySchedules schedules, WorkingHours hours, LocalDate first,
                                 LocalDate last)
    : schedules_(std::move(schedules)), hours_(std::move(hours)), first_day_(first) {
  size_t day_count = size_t((last - first).count()) + 1;
  int64_t daily_minutes =
      std::chrono::duration_cast<std::chrono::minutes>(hours_.DailyWorkingTime()).count();
  kinds_.resize(day_count);
  working_days_before_.resize(day_count + 1);
  working_minutes_before_.resize(day_count + 1);

  for (size_t i = 0; i < day_count; ++i) {
    LocalDate date = first + days(i);
    kinds_[i] = ClassifyDay(date, schedules_.Find(date));
    bool working = kinds_[i] == DayKind::kWorkday || kinds_[i] == DayKind::kAdjustedWorkday;
    if (working) working_day_offsets_.push_back(int32_t(i));
    working_days_before_[i + 1] = working_days_before_[i] + (working ? 1 : 0);
    working_minutes_before_[i + 1] = working_minutes_before_[i] + (working ? daily_minutes : 0);
  }
}

Error WorkingCalendar::OutsideTable(LocalDate date, std::string_view field) const {
  return Error::InvalidField(
      std::string(field),
      fmt::format("{} is outside the working calendar, which covers {} to {}", FormatDate(date),
                  FormatDate(first_day()), FormatDate(last_day())));
}

Result<void> WorkingCalendar::CheckContains(TimePoint t, std::string_view field) const {
  LocalDate date = ToLocal(t).date;
  if (!Contains(date)) return OutsideTable(date, field);
  return {};
}

bool WorkingCalendar::IsWorkingDay(LocalDate date) const {
  DayKind kind = KindOf(date);
  return kind == DayKind::kWorkday || kind == DayKind::kAdjustedWorkday;
}

std::vector<int> WorkingCalendar::UnpublishedYears(LocalDate first, LocalDate last) const {
  int last_year = YearOf(last);
  if (unsigned(std::chrono::year_month_day(last).month()) == 12) ++last_year;

  std::vector<int> years;
  for (int year = YearOf(first); year <= last_year; ++year) {
    if (!schedules_.IsPublished(year)) years.push_back(year);
  }
  return years;
}

int WorkingCalendar::WorkingDaysBetween(LocalDate after, LocalDate through) const {
  return working_days_before_[Offset(through) + 1] - working_days_before_[Offset(after) + 1];
}

Result<LocalDate> WorkingCalendar::AddWorkingDays(LocalDate date, int n) const {
  if (!Contains(date)) return OutsideTable(date, "date");
  // Working days up to and including `date` have ordinals below working_days_before_[i + 1].
  int64_t ordinal = int64_t(working_days_before_[Offset(date) + 1]) + n - 1;
  if (n < 1 || ordinal >= int64_t(working_day_offsets_.size())) {
    return OutsideTable(date + days(std::max(n, 0)), "date");
  }
  return first_day_ + days(working_day_offsets_[size_t(ordinal)]);
}

Result<LocalDate> WorkingCalendar::NextWorkingDay(LocalDate date) const {
  if (!Contains(date)) return OutsideTable(date, "date");
  size_t ordinal = size_t(working_days_before_[Offset(date)]);
  if (ordinal >= working_day_offsets_.size()) return OutsideTable(date, "date");
  return first_day_ + days(working_day_offsets_[ordinal]);
}

Result<seconds> WorkingCalendar::WorkingPosition(TimePoint t) const {
  LocalDateTime local = ToLocal(t);
  if (!Contains(local.date)) return OutsideTable(local.date, "instant");

  size_t offset = Offset(local.date);
  seconds position = std::chrono::minutes(working_minutes_before_[offset]);
  if (IsWorkingDay(local.date)) position += hours_.WorkedBefore(local.time_of_day);
  return position;
}

Result<TimePoint> WorkingCalendar::InstantAtPosition(seconds position) const {
  // Find the first day boundary j at which the prefix sum reaches `position`. The position is
  // then reached during day j - 1, which is a working day because the sum grew across it.
  auto boundary = std::lower_bound(
      working_minutes_before_.begin(), working_minutes_before_.end(), position,
      [](int64_t minutes, seconds target) { return std::chrono::minutes(minutes) < target; });
  if (boundary == working_minutes_before_.end()) return OutsideTable(last_day(), "position");
  if (boundary == working_minutes_before_.begin()) return StartOfDay(first_day_);

  size_t day = size_t(boundary - working_minutes_before_.begin()) - 1;
  seconds worked = position - std::chrono::minutes(working_minutes_before_[day]);
  return FromLocal(first_day_ + days(day), hours_.TimeWhenWorked(worked));
}

Result<seconds> WorkingCalendar::WorkingTimeBetween(TimePoint from, TimePoint to) const {
  auto start = WorkingPosition(from);
  if (!start) return start.error();
  auto end = WorkingPosition(to);
  if (!end) return end.error();
  return *end - *start;
}

Result<TimePoint> WorkingCalendar::AddWorkingTime(TimePoint from, seconds amount) const {
  auto start = WorkingPosition(from);
  if (!start) return start.error();
  if (amount <= seconds(0)) return from;
  return InstantAtPosition(*start + amount);
}

Result<TimePoint> WorkingCalendar::NextWorkingInstant(TimePoint t) const {
  LocalDateTime local = ToLocal(t);
  if (!Contains(local.date)) return OutsideTable(local.date, "instant");

  if (IsWorkingDay(local.date)) {
    if (hours_.IsOpenAt(local.time_of_day)) return t;
    if (auto opening = hours_.NextOpening(local.time_of_day))
      return FromLocal(local.date, *opening);
  }
  if (local.date == last_day()) return OutsideTable(local.date + days(1), "instant");
  auto next = NextWorkingDay(local.date + days(1));
  if (!next) return next.error();
  return FromLocal(*next, hours_.OpeningTime());
}

}  // namespace mingjing::calendar
