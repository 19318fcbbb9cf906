// The per-person SMS rate limit: at most `max_messages` SMS to one person in any window of
// `window_seconds`. What does not fit is delayed until a slot frees, and when more than one
// notice waits for the last free slot they go out together as one digest SMS.
#pragma once

#include <cstdint>
#include <vector>

namespace mingjing::notify {

struct SmsRateLimit {
  int max_messages = 10;
  int64_t window_seconds = 3600;
};

// The plan for one person's due SMS rows at one moment.
struct SmsPlan {
  std::vector<int64_t> send;   // outbox ids to send one by one
  std::vector<int64_t> merge;  // outbox ids to fold into one digest SMS (never a single id)
  int64_t delay_until = 0;     // when nothing can go now: the moment a slot frees, else 0
};

// Plans the due rows `due_ids` (oldest first) of one person, given the moments `recent_sends`
// at which SMS to that person were sent or claimed for sending. Sends counted in the window
// (now - window_seconds, now] use up slots. The plan never uses more slots than are free: with
// n free slots and more than n due rows, the oldest n - 1 go one by one and the rest form a
// digest in the last slot.
SmsPlan PlanSms(const SmsRateLimit& limit, const std::vector<int64_t>& recent_sends,
                const std::vector<int64_t>& due_ids, int64_t now);

}  // namespace mingjing::notify
