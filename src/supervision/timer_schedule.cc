#include "supervision/timer_schedule.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "store/row.h"
#include "store/transaction.h"
#include "supervision/judgement_runner.h"

namespace mingjing::supervision {

void Schedule(soci::session& session, std::string_view kind, int64_t subject_id, int64_t due_at) {
  std::string k(kind);
  long long subject = subject_id;
  long long due = due_at;
  session << "INSERT INTO timers (kind, subject_id, due_at, claimed_until) VALUES (:k, :s, :d, 0) "
             "ON CONFLICT (kind, subject_id) DO UPDATE SET due_at = excluded.due_at, "
             "claimed_until = 0",
      soci::use(k), soci::use(subject), soci::use(due);
}

void CancelTimer(soci::session& session, std::string_view kind, int64_t subject_id) {
  std::string k(kind);
  long long subject = subject_id;
  session << "DELETE FROM timers WHERE kind = :k AND subject_id = :s", soci::use(k),
      soci::use(subject);
}

void Reschedule(soci::session& session, std::string_view kind, int64_t subject_id,
                int64_t claimed_due_at, int64_t next_due_at,
                std::optional<int64_t> claimed_until) {
  std::string k(kind);
  long long subject = subject_id;
  long long claimed = claimed_due_at;
  long long next = next_due_at;
  // Without a claim to compare, -1 matches any claimed_until (it is never negative).
  long long claim = claimed_until.value_or(-1);
  const char* same_claim = " AND (CAST(:cu AS BIGINT) < 0 OR claimed_until = :cu2)";
  if (next_due_at == 0) {
    session << std::string("DELETE FROM timers WHERE kind = :k AND subject_id = :s AND "
                           "due_at = :d") + same_claim,
        soci::use(k), soci::use(subject), soci::use(claimed), soci::use(claim), soci::use(claim);
    return;
  }
  session << std::string("UPDATE timers SET due_at = :n, claimed_until = 0 "
                         "WHERE kind = :k AND subject_id = :s AND due_at = :d") + same_claim,
      soci::use(next), soci::use(k), soci::use(subject), soci::use(claimed), soci::use(claim),
      soci::use(claim);
}

std::optional<int64_t> TimerDueAt(soci::session& session, std::string_view kind,
                                  int64_t subject_id) {
  std::string k(kind);
  long long subject = subject_id;
  long long due = 0;
  session << "SELECT due_at FROM timers WHERE kind = :k AND subject_id = :s", soci::use(k),
      soci::use(subject), soci::into(due);
  if (!session.got_data()) return std::nullopt;
  return due;
}

void ScheduleCases(soci::session& session, std::span<const int64_t> case_ids, int64_t due_at) {
  for (int64_t id : case_ids) Schedule(session, kCaseTimer, id, due_at);
}

std::vector<DueTimer> ClaimDue(store::Database& db, int64_t now, int limit, int64_t lease_seconds) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  std::string lock = lease.backend() == store::Backend::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  long long at = now;
  long long count = limit;
  std::vector<DueTimer> due;
  {
    soci::rowset<soci::row> rows =
        (lease->prepare << "SELECT kind, subject_id, due_at FROM timers WHERE due_at <= :n AND "
                           "claimed_until <= :n2 ORDER BY due_at LIMIT :l" +
                               lock,
         soci::use(at), soci::use(at), soci::use(count));
    for (const soci::row& r : rows) {
      due.push_back({store::Text(r, 0), store::Int64(r, 1), store::Int64(r, 2),
                     now + lease_seconds});
    }
  }
  long long until = now + lease_seconds;
  for (const DueTimer& t : due) {
    long long subject = t.subject_id;
    *lease << "UPDATE timers SET claimed_until = :c WHERE kind = :k AND subject_id = :s",
        soci::use(until), soci::use(t.kind), soci::use(subject);
  }
  tx.Commit();
  return due;
}

std::optional<int64_t> NextClaimableAt(store::Database& db) {
  auto lease = db.Acquire();
  // Two index reads on timers_claim instead of one scan: the earliest unclaimed timer, and the
  // few claimed ones, which become claimable at the later of their due time and claim end.
  std::optional<int64_t> next;
  long long at = 0;
  soci::indicator indicator = soci::i_null;
  *lease << "SELECT due_at FROM timers WHERE claimed_until = 0 ORDER BY due_at LIMIT 1",
      soci::into(at, indicator);
  if (lease->got_data() && indicator == soci::i_ok) next = at;
  indicator = soci::i_null;
  *lease << "SELECT min(CASE WHEN claimed_until > due_at THEN claimed_until ELSE due_at END) "
            "FROM timers WHERE claimed_until > 0",
      soci::into(at, indicator);
  if (indicator == soci::i_ok && (!next || at < *next)) next = at;
  return next;
}

TimerLoop::TimerLoop(store::Database& db, JudgementRunner& runner, const Clock& clock,
                     TimerLoopOptions options)
    : db_(db), runner_(runner), clock_(clock), options_(options) {}

TimerLoop::~TimerLoop() { Stop(); }

void TimerLoop::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
  spdlog::info("timer loop started lease_seconds={} batch={}", options_.lease_seconds,
               options_.batch);
}

void TimerLoop::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  spdlog::info("timer loop stopped");
}

int TimerLoop::RunDue() {
  int ran = 0;
  for (;;) {
    int64_t now = clock_.NowSeconds();
    std::vector<DueTimer> due = ClaimDue(db_, now, options_.batch, options_.lease_seconds);
    if (due.empty()) return ran;

    // One snapshot of the rules and the calendar serves the whole round.
    CaseJudge judge = runner_.NewJudge();
    std::shared_ptr<const calendar::WorkingCalendar> calendar = runner_.Calendar();
    // Case timers share transactions (JudgeCases); orders and trends are rare and run alone.
    std::vector<CaseToJudge> cases;
    for (const DueTimer& t : due) {
      if (t.kind == kCaseTimer) {
        cases.push_back({t.subject_id, t.due_at, t.claimed_until});
        continue;
      }
      Result<ApplyResult> result = Error::Internal("unknown timer kind");
      if (t.kind == kAlertTimer) {
        result = runner_.CheckOrder(*calendar, t.subject_id, t.due_at);
      } else if (t.kind == kTrendTimer) {
        result = runner_.JudgeTrends(t.due_at);
      }
      // A failed timer keeps its claim until the lease ends, then runs again.
      if (!result) {
        spdlog::error("timer failed kind={} subject_id={} error={}", t.kind, t.subject_id,
                      result.error().message);
      }
      ++ran;
    }
    runner_.JudgeCases(judge, cases);
    ran += static_cast<int>(cases.size());
    if (static_cast<int>(due.size()) < options_.batch) return ran;
  }
}

void TimerLoop::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void TimerLoop::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    std::chrono::milliseconds sleep = options_.max_sleep;
    try {
      RunDue();
      if (std::optional<int64_t> next = NextClaimableAt(db_)) {
        auto until = std::chrono::seconds(*next - clock_.NowSeconds());
        // The floor keeps a timer due this very second from spinning the loop.
        sleep = std::clamp<std::chrono::milliseconds>(until, std::chrono::milliseconds(200),
                                                      options_.max_sleep);
      }
    } catch (const std::exception& e) {
      spdlog::error("timer loop round failed: {}", e.what());
    }
    lock.lock();
    wake_.wait_for(lock, sleep, [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

}  // namespace mingjing::supervision
