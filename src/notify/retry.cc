#include "notify/retry.h"

#include <algorithm>

namespace mingjing::notify {

int64_t RetryDelaySeconds(const RetryPolicy& policy, int attempts) {
  int64_t delay = std::max<int64_t>(policy.base_delay_seconds, 1);
  // Doubling stops at the cap, so no shift overflows however many attempts a row has.
  for (int i = 1; i < attempts && delay < policy.max_delay_seconds; ++i) delay *= 2;
  return std::min(delay, std::max<int64_t>(policy.max_delay_seconds, 1));
}

bool AttemptsExhausted(const RetryPolicy& policy, int attempts) {
  return attempts >= policy.max_attempts;
}

}  // namespace mingjing::notify
