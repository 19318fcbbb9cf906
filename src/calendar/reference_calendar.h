// A slow day-by-day implementation of the working calendar and deadline rules. Tests and the
// benchmark use it as an oracle for WorkingCalendar and ComputeDeadline. Production code must
// not use it, because every call walks the days one at a time.
#pragma once

#include <chrono>
#include <optional>

#include "calendar/deadline.h"
#include "calendar/holiday_schedule.h"
#include "calendar/working_hours.h"

namespace mingjing::calendar {

class ReferenceCalendar {
 public:
  // Keeps references: `schedules` and `hours` must outlive this object.
  ReferenceCalendar(const HolidaySchedules& schedules, const WorkingHours& hours)
      : schedules_(schedules), hours_(hours) {}

  bool IsWorkingDay(LocalDate date) const;
  LocalDate AddWorkingDays(LocalDate date, int n) const;
  std::chrono::seconds WorkingTimeBetween(TimePoint from, TimePoint to) const;
  TimePoint AddWorkingTime(TimePoint from, std::chrono::seconds amount) const;

  // The deadline of `request`, or nothing for an immediate item or a case suspended now.
  // Suspensions must not overlap; extensions, the roll option and every counting rule of
  // ComputeDeadline apply.
  std::optional<TimePoint> Deadline(const DeadlineRequest& request,
                                    const DeadlineOptions& options = {}) const;

 private:
  LocalDate NextWorkingDay(LocalDate date) const;
  // Where the limit ends once `added` (extensions and suspended time, on the limit's clock)
  // is added to the stated limit, which ends at `nominal_end`.
  TimePoint EndAfter(const TimeLimit& limit, TimePoint nominal_end,
                     std::chrono::seconds added) const;

  const HolidaySchedules& schedules_;
  const WorkingHours& hours_;
};

}  // namespace mingjing::calendar
