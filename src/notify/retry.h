// Retry schedule of outbox rows whose delivery failed: exponential backoff with a cap, and a
// maximum number of tries after which a row is dead.
#pragma once

#include <cstdint>

namespace mingjing::notify {

struct RetryPolicy {
  int64_t base_delay_seconds = 30;   // wait after the first failed try
  int64_t max_delay_seconds = 3600;  // cap of the doubling
  int max_attempts = 8;              // tries, the first included, before the row is dead
};

// Returns the wait in seconds before the next try of a row that has failed `attempts` times
// (1 or more): base_delay_seconds doubled for each failure after the first, at most
// max_delay_seconds.
int64_t RetryDelaySeconds(const RetryPolicy& policy, int attempts);

// True when a row that has been tried `attempts` times must not be tried again.
bool AttemptsExhausted(const RetryPolicy& policy, int attempts);

}  // namespace mingjing::notify
