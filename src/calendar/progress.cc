#include "calendar/progress.h"

#include <algorithm>

#include "calendar/limit_clock.h"

namespace mingjing::calendar {

namespace {

using std::chrono::seconds;

// The request as known at `now`.
DeadlineRequest ClipToNow(const DeadlineRequest& request, TimePoint now) {
  DeadlineRequest clipped = request;
  clipped.suspensions.clear();
  for (const Suspension& suspension : request.suspensions) {
    if (suspension.start > now) continue;
    Suspension known = suspension;
    if (known.end && *known.end > now) known.end.reset();
    clipped.suspensions.push_back(std::move(known));
  }
  return clipped;
}

}  // namespace

Result<DeadlineProgress> MeasureProgress(const WorkingCalendar& calendar,
                                         const DeadlineRequest& request, TimePoint now,
                                         const DeadlineOptions& options) {
  if (auto inside = calendar.CheckContains(now, "now"); !inside) return inside.error();
  auto deadline = ComputeDeadline(calendar, ClipToNow(request, now), options);
  if (!deadline) return deadline.error();

  DeadlineProgress progress;
  progress.deadline = std::move(*deadline);
  progress.now = now;
  const Deadline& computed = progress.deadline;
  if (computed.state == DeadlineState::kNoDeadline) return progress;

  LimitClock clock(calendar, request.limit);
  progress.allowed = computed.allowed;
  if (computed.state == DeadlineState::kSuspended) {
    progress.used = computed.used_when_suspended;
  } else {
    auto origin = clock.Position(computed.counting_start);
    auto current = clock.Position(now);
    if (!origin) return origin.error();
    if (!current) return current.error();
    seconds excluded{0};
    for (const SuspensionEffect& effect : computed.suspensions) excluded += effect.excluded;
    progress.used = std::max(seconds(0), *current - *origin - excluded);
  }
  progress.remaining = progress.allowed - progress.used;
  progress.elapsed_fraction = double(progress.used.count()) / double(progress.allowed.count());

  if (computed.state == DeadlineState::kRunning) {
    progress.overdue = now > *computed.deadline;
    auto working = calendar.WorkingTimeBetween(now, *computed.deadline);
    if (!working) return working.error();
    progress.working_remaining = *working;
  } else if (request.limit.CountsWorkingTime()) {
    progress.working_remaining = progress.remaining;
  }
  return progress;
}

}  // namespace mingjing::calendar
