// Runs the rules on cases and turns their findings into alerts, each case in a write transaction
// of its own: after an ingest has committed, and when a timer comes due. It also checks the
// deadlines of supervision orders (督办) when their timers come due.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "calendar/working_calendar.h"
#include "common/clock.h"
#include "common/error.h"
#include "exchange/ingest.h"
#include "store/database.h"
#include "supervision/alert_service.h"
#include "supervision/finding.h"

namespace mingjing::supervision {

// Judges one case at `now` within the caller's transaction; JudgeCase (judge.h) bound to a
// snapshot of the rules and the calendar.
using CaseJudge = std::function<Result<Judgement>(soci::session&, int64_t case_id, int64_t now)>;

// Returns a CaseJudge over the current rules and calendar. Called with no store lease held, once
// per batch of cases, so it may read the store itself.
using CaseJudgeFactory = std::function<CaseJudge()>;

// Returns the current working calendar. Called with no store lease held.
using CalendarSource = std::function<std::shared_ptr<const calendar::WorkingCalendar>()>;

// The distinct cases whose events a batch stored (accepted or new versions), in batch order,
// then the batch's related cases (BatchResult::related_cases).
std::vector<int64_t> TouchedCases(const exchange::BatchResult& batch);

// A factory of judges over the stored rules (LoadRuleSet) and `calendar`.
CaseJudgeFactory StoredRulesJudgeFactory(store::Database& db, CalendarSource calendar);

// A case to judge, with the due time of its timer when the caller claimed it (or set it).
struct CaseToJudge {
  int64_t case_id = 0;
  int64_t claimed_due_at = 0;
  // The end of the caller's claim on the timer, or 0 for a timer set by the caller itself.
  int64_t claimed_until = 0;
};

class JudgementRunner {
 public:
  JudgementRunner(store::Database& db, const AlertService& alerts, CaseJudgeFactory judges,
                  CalendarSource calendar, const Clock& clock)
      : db_(db),
        alerts_(alerts),
        judges_(std::move(judges)),
        calendar_(std::move(calendar)),
        clock_(clock) {}

  // Judges the cases an ingest touched, once it has committed. First every case's timer is set
  // to now in one transaction, so that a crash before judging leaves the work to the timer loop.
  // Then each case is judged in a transaction of its own. Logs failures and never throws, since
  // the ingest is already acknowledged.
  void JudgeAfterIngest(std::span<const int64_t> case_ids);

  // Judges cases that an ingest scheduled as due at `scheduled_at` in its own transaction
  // (ScheduleCases through exchange::BeforeCommit). With a timer loop attached it only wakes the
  // loop, which judges them in shared transactions, so the ingest's response does not wait.
  // Without one it judges them here.
  void JudgeScheduled(std::span<const int64_t> case_ids, int64_t scheduled_at);

  // Attaches the wake-up of the timer loop that runs this runner's timers, or detaches it when
  // empty. Set before serving and cleared after, while no request is in progress.
  void SetTimerWake(std::function<void()> wake) { timer_wake_ = std::move(wake); }

  // Judges one case, issues the new alerts and moves the case's timer to the judgement's next
  // check (or removes it), in one transaction. `claimed_due_at` is the timer's due time when it
  // was claimed; a timer moved by someone else since then is left alone.
  Result<ApplyResult> JudgeCase(const CaseJudge& judge, int64_t case_id, int64_t claimed_due_at);

  // Judges several cases as JudgeCase does, up to kCasesPerTransaction of them in one
  // transaction, so they share one durable commit. Each case runs in a savepoint, so a case that
  // fails is rolled back alone and its timer stays for a retry. Logs failures and never throws.
  // Returns how many cases were judged.
  int JudgeCases(const CaseJudge& judge, std::span<const CaseToJudge> cases);
  static constexpr size_t kCasesPerTransaction = 100;

  // Checks the supervision order of an alert against its start and close limits, raises
  // order.not_started or order.not_closed when one has passed, and moves the alert's timer to
  // the next limit (or removes it).
  Result<ApplyResult> CheckOrder(const calendar::WorkingCalendar& calendar, int64_t alert_id,
                                 int64_t claimed_due_at);

  // Judges the monthly trend rules for the calendar month before `now` and moves the trend
  // timer to 01:00 on the first of the next month. A month judged twice raises nothing new.
  Result<ApplyResult> JudgeTrends(int64_t claimed_due_at);

  // Makes sure the trend timer exists; a new one is due at once, so a server that starts
  // mid-month judges the month before.
  void ScheduleTrends();

  CaseJudge NewJudge() const { return judges_(); }
  std::shared_ptr<const calendar::WorkingCalendar> Calendar() const { return calendar_(); }
  const AlertService& alerts() const { return alerts_; }
  const Clock& clock() const { return clock_; }

 private:
  // Judges cases whose timers are due at `scheduled_at`, in shared transactions.
  void JudgeNow(std::span<const int64_t> case_ids, int64_t scheduled_at);

  // JudgeCase within the caller's transaction. A case that no longer exists loses its timer and
  // gives kNotFound.
  Result<ApplyResult> JudgeCaseIn(soci::session& session, const CaseJudge& judge,
                                  const CaseToJudge& target, int64_t now);

  store::Database& db_;
  const AlertService& alerts_;
  CaseJudgeFactory judges_;
  CalendarSource calendar_;
  const Clock& clock_;
  std::function<void()> timer_wake_;
};

}  // namespace mingjing::supervision
