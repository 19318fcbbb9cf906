// Legal deadline of a case: from the starting event, a time limit, suspensions and extensions.
//
// Counting rules, by unit of the limit:
// - Working days: Administrative Licensing Law art. 82 counts licensing limits in working days,
//   without statutory holidays, so rest days and holidays are skipped and adjusted weekend
//   workdays count. Civil Code art. 201: the day of the event is not counted and counting starts
//   the next day. The limit ends at close of business of the last working day (art. 203).
// - Calendar days: counting starts the next day; the last day is the day of the event plus the
//   limit. When the last day is a rest day or holiday, the first working day after it is the last
//   day (art. 203).
// - Months and years: the last day is the same day of the month that many months later, or the
//   last day of that month when it has no such day (art. 202); then the holiday shift as above.
// - Working hours: working time counted from the event itself; the deadline is that instant.
// - Immediate items (即办件): no deadline.
//
// NOTE: Civil Code art. 203 ends the last day at 24:00, or, where there are business hours, at
// the time business stops. A government office has business hours, so every limit in days,
// months or years ends at close of business of its last day.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "calendar/suspension.h"
#include "calendar/time_limit.h"
#include "calendar/working_calendar.h"

namespace mingjing::calendar {

struct DeadlineOptions {
  // false (default): the start day is the local date of the event, whatever the hour, as Civil
  // Code art. 201 counts from the day of the event. true: an event outside working hours or on a
  // day off counts as made at the next opening of the office, as some supervision engines do
  // for online applications submitted at night.
  bool roll_outside_hours_to_next_opening = false;
};

struct DeadlineRequest {
  TimePoint start;  // the event that starts the clock, usually acceptance (受理)
  TimeLimit limit;
  std::vector<Suspension> suspensions;  // in any order; they may overlap
  std::vector<Extension> extensions;
};

enum class DeadlineState {
  kNoDeadline,  // an immediate item
  kRunning,     // the deadline is known
  kSuspended,   // the clock is stopped by a suspension with no end yet
};

std::string_view DeadlineStateName(DeadlineState state);  // "no_deadline", "running", "suspended"

// The effect of one merged suspension interval on the limit.
enum class SuspensionOutcome {
  kExcluded,        // its time (from when counting began) was taken out of the limit
  kBeforeCounting,  // it ended before counting began, so it excluded nothing
  kAfterDeadline,   // it began once the deadline had passed; it excludes and extends nothing,
                    // because a case already overdue stays overdue
  kOpen,            // still running: the clock is stopped
};

std::string_view SuspensionOutcomeName(SuspensionOutcome outcome);

struct SuspensionEffect {
  SuspendedInterval interval;
  SuspensionOutcome outcome = SuspensionOutcome::kExcluded;
  std::chrono::seconds excluded{0};  // on the limit's clock: working time or clock time
};

// The deadline and every intermediate value an explanation needs. Durations are on the limit's
// clock (see LimitClock): working time for working days and hours, clock time otherwise.
struct Deadline {
  DeadlineState state = DeadlineState::kNoDeadline;
  TimeLimit limit;
  TimePoint start;            // the event as given
  TimePoint effective_start;  // the event, or the next opening when rolled (DeadlineOptions)
  LocalDate start_day;        // local date of effective_start
  TimePoint counting_start;   // the limit runs from here: the event for working hours, else
                              // local midnight after the start day
  std::optional<LocalDate> nominal_last_day;  // day-based limits, before suspensions,
                                              // extensions and the holiday shift
  std::chrono::seconds budget{0};             // the limit on its clock, as stated
  int extension_days = 0;                     // standalone and counted suspensions together
  std::vector<SuspensionEffect> suspensions;  // merged, in time order

  // kRunning: the deadline, its local date, and the day the limit ran out before any shift to
  // the next working day (differs from last_day only for limits on the calendar).
  std::optional<TimePoint> deadline;
  std::optional<LocalDate> last_day;
  std::optional<LocalDate> reached_day;

  // kSuspended: when the clock stopped (never before counting_start).
  std::optional<TimePoint> suspended_since;

  // The time the case may run on the limit's clock, suspended time not included: the budget
  // plus extensions, plus any rounding up to close of business (kRunning), or the budget plus
  // extensions known so far (kSuspended).
  std::chrono::seconds allowed{0};
  // Of `allowed`, the part used before the clock stopped (kSuspended only).
  std::chrono::seconds used_when_suspended{0};

  // Years touched by the computation that have no published holiday schedule. Their days were
  // counted as Monday–Friday weeks, so the deadline may change once the year is published.
  std::vector<int> unpublished_years;
};

// Computes the deadline of `request`. Fails on an invalid limit or suspension, or when the
// computation leaves the calendar's table of days.
Result<Deadline> ComputeDeadline(const WorkingCalendar& calendar, const DeadlineRequest& request,
                                 const DeadlineOptions& options = {});

}  // namespace mingjing::calendar
