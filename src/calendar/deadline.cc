#include "calendar/deadline.h"

#include <algorithm>

#include "calendar/limit_clock.h"

namespace mingjing::calendar {

namespace {

using std::chrono::days;
using std::chrono::seconds;

// Civil Code art. 202: the same day of the month `months` later, or that month's last day.
LocalDate AddMonths(LocalDate date, int months) {
  std::chrono::year_month_day ymd(date);
  std::chrono::year_month target = ymd.year() / ymd.month() + std::chrono::months(months);
  std::chrono::day last =
      std::chrono::year_month_day_last(target.year(), std::chrono::month_day_last(target.month()))
          .day();
  return LocalDate(target / std::min(ymd.day(), last));
}

struct NominalEnd {
  std::optional<LocalDate> last_day;  // for limits in days, months and years
  TimePoint end;                      // where the stated limit runs out on its clock
};

// The end of the limit as stated, before suspensions, extensions and the holiday shift. Day-based
// limits on the calendar run out at the midnight that ends their last day; the shift to close of
// business happens in LimitClock::EndAt.
Result<NominalEnd> ComputeNominalEnd(const WorkingCalendar& calendar, const TimeLimit& limit,
                                     TimePoint effective_start, LocalDate start_day) {
  LocalDate last_day;
  switch (limit.unit) {
    case LimitUnit::kWorkingHours: {
      auto end = calendar.AddWorkingTime(effective_start, std::chrono::hours(limit.amount));
      if (!end) return end.error();
      return NominalEnd{std::nullopt, *end};
    }
    case LimitUnit::kWorkingDays: {
      auto last = calendar.AddWorkingDays(start_day, limit.amount);
      if (!last) return last.error();
      return NominalEnd{*last, calendar.CloseOfBusiness(*last)};
    }
    case LimitUnit::kCalendarDays:
      last_day = start_day + days(limit.amount);
      break;
    case LimitUnit::kMonths:
      last_day = AddMonths(start_day, limit.amount);
      break;
    case LimitUnit::kYears:
      last_day = AddMonths(start_day, 12 * limit.amount);
      break;
    case LimitUnit::kImmediate:
      return Error::Internal("an immediate item has no end");
  }
  return NominalEnd{last_day, StartOfDay(last_day + days(1))};
}

// Fills in the start of `result`: the event, the rolled start, the start day and when counting
// begins.
Result<void> ComputeStart(const WorkingCalendar& calendar, const DeadlineOptions& options,
                          Deadline& result) {
  result.effective_start = result.start;
  if (options.roll_outside_hours_to_next_opening) {
    auto rolled = calendar.NextWorkingInstant(result.start);
    if (!rolled) return rolled.error();
    result.effective_start = *rolled;
  }
  result.start_day = ToLocal(result.effective_start).date;
  // Civil Code art. 201: a period in days, months or years starts the day after the event.
  result.counting_start = result.limit.unit == LimitUnit::kWorkingHours
                              ? result.effective_start
                              : StartOfDay(result.start_day + days(1));
  return {};
}

// Positions on the limit's clock while suspensions are applied in time order.
struct ClockTally {
  seconds origin;  // where counting starts
  seconds target;  // where the limit runs out: the stated limit plus extensions and excluded time
  seconds excluded{0};  // suspended time taken out so far
};

// Decides what one merged suspension does and moves `tally.target` accordingly. A suspension
// counts when it begins before the deadline left by the suspensions before it. Its time from when
// counting began is then added to the limit, together with its extension days.
Result<SuspensionEffect> ApplySuspension(const LimitClock& clock, const SuspendedInterval& interval,
                                         TimePoint counting_start, ClockTally& tally) {
  SuspensionEffect effect{interval, SuspensionOutcome::kExcluded, seconds(0)};
  TimePoint from = std::max(interval.start, counting_start);
  auto end = clock.EndAt(tally.target);
  if (!end) return end.error();

  if (interval.end && *interval.end <= counting_start) {
    effect.outcome = SuspensionOutcome::kBeforeCounting;
  } else if (from >= end->deadline) {
    effect.outcome = SuspensionOutcome::kAfterDeadline;
    return effect;
  } else if (!interval.end) {
    effect.outcome = SuspensionOutcome::kOpen;
  }
  tally.target += interval.extension_days * clock.ExtensionDay();
  if (effect.outcome != SuspensionOutcome::kExcluded) return effect;

  auto from_position = clock.Position(from);
  auto to_position = clock.Position(*interval.end);
  if (!from_position) return from_position.error();
  if (!to_position) return to_position.error();
  effect.excluded = *to_position - *from_position;
  tally.target += effect.excluded;
  tally.excluded += effect.excluded;
  return effect;
}

// ComputeDeadline after input validation. Fails only when the computation leaves the table.
Result<Deadline> ComputeValidDeadline(const WorkingCalendar& calendar,
                                      const DeadlineRequest& request,
                                      const DeadlineOptions& options) {
  Deadline result;
  result.limit = request.limit;
  result.start = request.start;
  if (request.limit.unit == LimitUnit::kImmediate) {
    result.effective_start = result.counting_start = request.start;
    result.start_day = ToLocal(request.start).date;
    return result;
  }
  if (auto started = ComputeStart(calendar, options, result); !started) return started.error();

  auto nominal =
      ComputeNominalEnd(calendar, request.limit, result.effective_start, result.start_day);
  if (!nominal) return nominal.error();
  result.nominal_last_day = nominal->last_day;

  LimitClock clock(calendar, request.limit);
  auto origin = clock.Position(result.counting_start);
  auto nominal_end = clock.Position(nominal->end);
  if (!origin) return origin.error();
  if (!nominal_end) return nominal_end.error();
  result.budget = *nominal_end - *origin;

  for (const Extension& extension : request.extensions) result.extension_days += extension.days;
  ClockTally tally{*origin, *nominal_end + result.extension_days * clock.ExtensionDay()};

  for (const SuspendedInterval& interval : MergeSuspensions(request.suspensions)) {
    auto effect = ApplySuspension(clock, interval, result.counting_start, tally);
    if (!effect) return effect.error();
    if (effect->outcome != SuspensionOutcome::kAfterDeadline) {
      result.extension_days += interval.extension_days;
    }
    result.suspensions.push_back(std::move(*effect));

    if (result.suspensions.back().outcome == SuspensionOutcome::kOpen) {
      TimePoint since = std::max(interval.start, result.counting_start);
      auto since_position = clock.Position(since);
      if (!since_position) return since_position.error();
      result.state = DeadlineState::kSuspended;
      result.suspended_since = since;
      result.allowed = tally.target - tally.origin - tally.excluded;
      result.used_when_suspended = *since_position - tally.origin - tally.excluded;
      result.unpublished_years = calendar.UnpublishedYears(result.start_day, ToLocal(since).date);
      return result;
    }
  }

  auto end = clock.EndAt(tally.target);
  if (!end) return end.error();
  auto deadline_position = clock.Position(end->deadline);
  if (!deadline_position) return deadline_position.error();
  result.state = DeadlineState::kRunning;
  result.deadline = end->deadline;
  result.last_day = end->last_day;
  result.reached_day = end->reached_day;
  result.allowed = *deadline_position - tally.origin - tally.excluded;
  result.unpublished_years = calendar.UnpublishedYears(result.start_day, end->last_day);
  return result;
}

}  // namespace

std::string_view DeadlineStateName(DeadlineState state) {
  switch (state) {
    case DeadlineState::kNoDeadline:
      return "no_deadline";
    case DeadlineState::kRunning:
      return "running";
    case DeadlineState::kSuspended:
      return "suspended";
  }
  return "unknown";
}

std::string_view SuspensionOutcomeName(SuspensionOutcome outcome) {
  switch (outcome) {
    case SuspensionOutcome::kExcluded:
      return "excluded";
    case SuspensionOutcome::kBeforeCounting:
      return "before_counting";
    case SuspensionOutcome::kAfterDeadline:
      return "after_deadline";
    case SuspensionOutcome::kOpen:
      return "open";
  }
  return "unknown";
}

Result<Deadline> ComputeDeadline(const WorkingCalendar& calendar, const DeadlineRequest& request,
                                 const DeadlineOptions& options) {
  if (auto valid = ValidateTimeLimit(request.limit); !valid) return valid.error();
  if (auto valid = ValidateSuspensions(request.suspensions, request.extensions); !valid) {
    return valid.error();
  }
  if (auto inside = calendar.CheckContains(request.start, "start"); !inside) return inside.error();

  auto deadline = ComputeValidDeadline(calendar, request, options);
  if (!deadline) {
    return Error::InvalidField(
        "limit",
        "the deadline cannot be computed inside the working calendar: " + deadline.error().message);
  }
  return deadline;
}

}  // namespace mingjing::calendar
