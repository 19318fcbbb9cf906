#include "notify/rate_limit.h"

#include <algorithm>

namespace mingjing::notify {

SmsPlan PlanSms(const SmsRateLimit& limit, const std::vector<int64_t>& recent_sends,
                const std::vector<int64_t>& due_ids, int64_t now) {
  SmsPlan plan;
  if (due_ids.empty()) return plan;

  int64_t window_start = now - limit.window_seconds;
  std::vector<int64_t> in_window;
  for (int64_t t : recent_sends) {
    if (t > window_start) in_window.push_back(t);
  }
  std::sort(in_window.begin(), in_window.end());

  int64_t used = static_cast<int64_t>(in_window.size());
  int64_t free = limit.max_messages - used;
  if (free <= 0) {
    // The slot of the (used - max + 1)-th oldest send frees first once it leaves the window.
    size_t frees_first = static_cast<size_t>(used - limit.max_messages);
    plan.delay_until = in_window[frees_first] + limit.window_seconds;
    return plan;
  }

  auto due = static_cast<int64_t>(due_ids.size());
  if (due <= free) {
    plan.send = due_ids;
    return plan;
  }
  plan.send.assign(due_ids.begin(), due_ids.begin() + (free - 1));
  plan.merge.assign(due_ids.begin() + (free - 1), due_ids.end());
  return plan;
}

}  // namespace mingjing::notify
