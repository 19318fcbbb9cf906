// The timer schedule: for each case or alert, the next moment its rules must run again even if
// no event arrives. Servers claim due rows for a lease (FOR UPDATE SKIP LOCKED on PostgreSQL),
// so several servers on one database share the work and a server that dies mid-run leaves its
// rows to the others once the lease ends.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace mingjing::supervision {

class JudgementRunner;

// Timer kinds (timers.kind): a case judged by the rules, or an alert under a supervision order
// checked against the order's start and close limits.
inline constexpr std::string_view kCaseTimer = "case";
inline constexpr std::string_view kAlertTimer = "alert";
// One timer, subject 0, for the monthly trend rules: due at 01:00 on the first of each month.
inline constexpr std::string_view kTrendTimer = "trend";

// Sets the timer of (kind, subject) to `due_at` (Unix seconds) and drops any claim on it, within
// the caller's transaction.
void Schedule(soci::session& session, std::string_view kind, int64_t subject_id, int64_t due_at);

void CancelTimer(soci::session& session, std::string_view kind, int64_t subject_id);

// Sets the case timer of each of `case_ids` to `due_at`, within the caller's transaction.
void ScheduleCases(soci::session& session, std::span<const int64_t> case_ids, int64_t due_at);

// Moves a timer that this server claimed and ran to `next_due_at`, or removes it when
// `next_due_at` is 0, provided its due_at is still `claimed_due_at`. When another writer moved
// it meanwhile (an ingest scheduled the case at once), that writer's time is kept.
// With `claimed_until`, the timer must also still carry that claim: Schedule() clears claims, so
// an ingest that scheduled the case again within the same second is not mistaken for the claim.
void Reschedule(soci::session& session, std::string_view kind, int64_t subject_id,
                int64_t claimed_due_at, int64_t next_due_at,
                std::optional<int64_t> claimed_until = std::nullopt);

// The due time of a timer, or nullopt when it has none.
std::optional<int64_t> TimerDueAt(soci::session& session, std::string_view kind,
                                  int64_t subject_id);

struct DueTimer {
  std::string kind;
  int64_t subject_id = 0;
  int64_t due_at = 0;
  int64_t claimed_until = 0;  // the end of this server's claim
};

// Claims at most `limit` timers due at `now` whose earlier claim (if any) has ended, earliest
// first, until now + `lease_seconds`, in a transaction of its own. On PostgreSQL rows another
// server is claiming are skipped (FOR UPDATE SKIP LOCKED); SQLite has one writer, so a plain
// select inside the write transaction suffices.
std::vector<DueTimer> ClaimDue(store::Database& db, int64_t now, int limit, int64_t lease_seconds);

// The earliest moment at which some timer will be claimable: its due time, or the end of its
// current claim if later. nullopt when the schedule is empty.
std::optional<int64_t> NextClaimableAt(store::Database& db);

struct TimerLoopOptions {
  int batch = 100;                            // timers claimed per round
  int64_t lease_seconds = 120;                // how long a claim keeps others off a timer
  std::chrono::milliseconds max_sleep{5000};  // upper bound of a sleep, to notice timers
                                              // that other servers scheduled
};

// A thread that runs due timers: it sleeps until the earliest due time (at most max_sleep, so
// timers added by other servers are seen within seconds), claims the due rows and hands each to
// the JudgementRunner.
class TimerLoop {
 public:
  TimerLoop(store::Database& db, JudgementRunner& runner, const Clock& clock,
            TimerLoopOptions options = {});
  ~TimerLoop();  // stops the thread

  void Start();
  void Stop();

  // Ends the current sleep, so that timers just scheduled as due now run at once.
  void Wake();

  // Runs every timer due now, round after round until none is left, and returns how many ran.
  // Safe to call without Start(), as tests do with a ManualClock.
  int RunDue();

 private:
  void Loop();

  store::Database& db_;
  JudgementRunner& runner_;
  const Clock& clock_;
  TimerLoopOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace mingjing::supervision
