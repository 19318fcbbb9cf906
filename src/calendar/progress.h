// How far a case has run through its time limit at a given instant, for warnings and cards.
#pragma once

#include <chrono>
#include <optional>

#include "calendar/deadline.h"

namespace mingjing::calendar {

// Durations are on the limit's clock (working time for working days and hours, clock time
// otherwise), with suspended time not counted.
struct DeadlineProgress {
  Deadline deadline;  // computed from the suspensions as they stood at `now`
  TimePoint now;
  std::chrono::seconds used{0};
  std::chrono::seconds allowed{0};
  std::chrono::seconds remaining{0};  // allowed - used; negative by the time overdue
  double elapsed_fraction = 0;        // used / allowed: 0.8 for an 80 % warning, above 1 overdue
  bool overdue = false;               // running, and `now` is after the deadline, even by a second
  // Working time from `now` to the deadline, negative when overdue. While suspended it is known
  // only for limits on working time, where it equals `remaining`.
  std::optional<std::chrono::seconds> working_remaining;
};

// Measures `request` at `now`. Suspensions that start after `now` are ignored, and one that ends
// after `now` counts as still open, so the result never depends on the future. An immediate
// item returns zeros with state kNoDeadline.
Result<DeadlineProgress> MeasureProgress(const WorkingCalendar& calendar,
                                         const DeadlineRequest& request, TimePoint now,
                                         const DeadlineOptions& options = {});

}  // namespace mingjing::calendar
