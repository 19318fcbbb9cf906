// Working days and working time over a fixed table of days, computed from prefix sums.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "calendar/holiday_schedule.h"
#include "calendar/local_time.h"
#include "calendar/working_hours.h"
#include "common/clock.h"
#include "common/error.h"

namespace mingjing::calendar {

enum class DayKind : uint8_t {
  kWorkday,          // Monday to Friday, not listed as a holiday
  kRestDay,          // Saturday or Sunday, not listed (休息日)
  kHoliday,          // listed as a day off (法定节假日 and the rest days moved into it)
  kAdjustedWorkday,  // a Saturday or Sunday listed as a working day (调休上班)
};

std::string_view DayKindName(DayKind kind);  // "workday", "rest_day", "holiday", "adjusted_workday"

// An immutable table of days from first_day() to last_day() with, for each day, its kind and the
// number of working days and working minutes before it. A count is the difference of two prefix
// sums, so it costs O(1). Finding the n-th working day costs O(1), and finding when an amount of
// working time has passed costs O(log days). Safe to share between threads.
//
// The table spans 2000 through 2100, widened to the year before the first published year and to
// 10 years after the last one (at most 1999 to 2209, see kLastScheduleYear). Years inside the table
// without a published schedule follow the Monday–Friday week; callers flag them with
// UnpublishedYears(). Instants and dates outside the table are rejected with kInvalidField.
class WorkingCalendar {
 public:
  static WorkingCalendar Build(HolidaySchedules schedules,
                               WorkingHours hours = WorkingHours::Default());

  const HolidaySchedules& schedules() const { return schedules_; }
  const WorkingHours& hours() const { return hours_; }
  LocalDate first_day() const { return first_day_; }
  LocalDate last_day() const { return first_day_ + std::chrono::days(kinds_.size() - 1); }
  bool Contains(LocalDate date) const { return date >= first_day() && date <= last_day(); }
  // Fails unless the local date of `t` is inside the table; the error names `field`.
  Result<void> CheckContains(TimePoint t, std::string_view field) const;

  // Requires Contains(date).
  DayKind KindOf(LocalDate date) const { return kinds_[Offset(date)]; }
  bool IsWorkingDay(LocalDate date) const;

  // Years from the year of `first` to the year of `last` that have no published schedule. When
  // `last` is in December, the next year is included too, because the next year's notice may
  // move days at the end of December into its New Year holiday.
  std::vector<int> UnpublishedYears(LocalDate first, LocalDate last) const;

  // Working days in (after, through]; requires after <= through, both in the table.
  int WorkingDaysBetween(LocalDate after, LocalDate through) const;
  // The n-th working day after `date`, for n >= 1.
  Result<LocalDate> AddWorkingDays(LocalDate date, int n) const;
  // `date` if it is a working day, else the first working day after it.
  Result<LocalDate> NextWorkingDay(LocalDate date) const;

  // Working time from the start of the table to `t`. It grows during working hours of working
  // days and stays flat at all other times.
  Result<std::chrono::seconds> WorkingPosition(TimePoint t) const;
  // The earliest instant whose working position is at least `position`.
  Result<TimePoint> InstantAtPosition(std::chrono::seconds position) const;

  // Working time between two instants; negative when `to` is before `from`.
  Result<std::chrono::seconds> WorkingTimeBetween(TimePoint from, TimePoint to) const;
  // The earliest instant by which `amount` of working time has passed since `from`.
  Result<TimePoint> AddWorkingTime(TimePoint from, std::chrono::seconds amount) const;

  // `t` if it is inside working hours of a working day, else the next opening of the office.
  Result<TimePoint> NextWorkingInstant(TimePoint t) const;

  // The end of the last working period of `date`.
  TimePoint CloseOfBusiness(LocalDate date) const { return FromLocal(date, hours_.ClosingTime()); }

 private:
  WorkingCalendar(HolidaySchedules schedules, WorkingHours hours, LocalDate first, LocalDate last);

  size_t Offset(LocalDate date) const { return size_t((date - first_day_).count()); }
  Error OutsideTable(LocalDate date, std::string_view field) const;

  HolidaySchedules schedules_;
  WorkingHours hours_;
  LocalDate first_day_;
  std::vector<DayKind> kinds_;  // one per day of the table
  // working_days_before_[i]: working days in [first_day_, first_day_ + i); size days + 1.
  std::vector<int32_t> working_days_before_;
  // working_minutes_before_[i]: working minutes in the same range; size days + 1.
  std::vector<int64_t> working_minutes_before_;
  // working_day_offsets_[k]: the offset from first_day_ of the k-th working day (from 0).
  std::vector<int32_t> working_day_offsets_;
};

}  // namespace mingjing::calendar
