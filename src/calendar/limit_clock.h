// The clock a time limit runs on, as positions on a line that callers can add to and subtract.
#pragma once

#include <chrono>
#include <optional>

#include "calendar/time_limit.h"
#include "calendar/working_calendar.h"

namespace mingjing::calendar {

// A limit in working days or working hours runs on working time, WorkingCalendar's working
// position. Any other limit runs on clock time, seconds since the Unix epoch. Either way a
// position grows with time, so "the limit plus the time suspended" is a sum of positions.
class LimitClock {
 public:
  LimitClock(const WorkingCalendar& calendar, TimeLimit limit)
      : calendar_(calendar), limit_(limit) {}

  Result<std::chrono::seconds> Position(TimePoint t) const;

  // The earliest instant whose position is at least `position`.
  Result<TimePoint> InstantAt(std::chrono::seconds position) const;

  // One day of extension on this clock: a working day's working time, or 24 hours.
  std::chrono::seconds ExtensionDay() const;

  // The end of a limit whose budget runs out at `position`.
  struct End {
    TimePoint deadline;
    LocalDate last_day;     // the local date of the deadline
    LocalDate reached_day;  // the day the position is reached, before any holiday shift
  };
  // Working hours end at the instant the position is reached. Limits in days, months or years
  // end at close of business of the day on which the position is reached, so a partly excluded
  // day makes the whole day count. A day that is not a working day moves to the next working day
  // (Civil Code art. 203: when the last day of a period is a statutory holiday, the day after the
  // holiday is the last day). With working days the day is always a working day already.
  Result<End> EndAt(std::chrono::seconds position) const;

 private:
  const WorkingCalendar& calendar_;
  TimeLimit limit_;
};

}  // namespace mingjing::calendar
