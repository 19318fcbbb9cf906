#include "supervision/judgement_runner.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "calendar/local_time.h"
#include "exchange/case_query.h"
#include "store/transaction.h"
#include "supervision/handling.h"
#include "supervision/judge.h"
#include "supervision/rule_set.h"
#include "supervision/timer_schedule.h"
#include "supervision/trend_rules.h"

namespace mingjing::supervision {
namespace {

std::string LocalText(int64_t seconds) {
  return calendar::FormatLocal(TimePoint(std::chrono::seconds(seconds)));
}

// The finding of an order rule on `alert`, or nullopt when the rule is switched off.
std::optional<Finding> OrderFinding(const RuleSet& rules, std::string_view code, const Alert& alert,
                                    int days, int64_t order_at, int64_t deadline) {
  const Rule* rule = rules.Find(code);
  if (rule != nullptr && !rules.Enabled(code, alert.item_code)) return std::nullopt;
  Finding f;
  f.rule_code = std::string(code);
  f.rule_version = rule != nullptr ? rule->version : 1;
  f.level = Level::kRed;
  f.subject = fmt::format("alert:{}", alert.id);
  f.needs_confirmation = rule != nullptr && rule->mode == RuleMode::kConfirm;
  f.vars = {{"alert_id", alert.id},
            {"case_number", alert.case_number},
            {"working_days", days},
            {"order_date", LocalText(order_at)},
            {"deadline", LocalText(deadline)}};
  f.evidence = {{"alert_id", alert.id},
                {"alert_state", alert.state},
                {"ordered_at", LocalText(order_at)},
                {"deadline", LocalText(deadline)},
                {"working_days", days}};
  return f;
}

}  // namespace

int OrderLimitDays(soci::session& session, std::string_view code, std::string_view item_code,
                   int fallback) {
  RuleSet rules = LoadRuleSet(session);
  boost::json::object settings = rules.EffectiveSettings(code, item_code, "");
  if (const boost::json::value* days = settings.if_contains("working_days")) {
    if (days->is_int64() && days->as_int64() > 0) return static_cast<int>(days->as_int64());
  }
  return fallback;
}

std::vector<int64_t> TouchedCases(const exchange::BatchResult& batch) {
  std::vector<int64_t> ids;
  for (const exchange::EventResult& e : batch.events) {
    bool stored = e.status == exchange::EventStatus::kAccepted ||
                  e.status == exchange::EventStatus::kNewVersion;
    if (stored && e.case_id != 0 && std::find(ids.begin(), ids.end(), e.case_id) == ids.end()) {
      ids.push_back(e.case_id);
    }
  }
  for (int64_t related : batch.related_cases) {
    if (std::find(ids.begin(), ids.end(), related) == ids.end()) ids.push_back(related);
  }
  return ids;
}

CaseJudgeFactory StoredRulesJudgeFactory(store::Database& db, CalendarSource calendar) {
  return [&db, calendar = std::move(calendar)]() -> CaseJudge {
    auto rules = std::make_shared<const RuleSet>(LoadRuleSet(db));
    std::shared_ptr<const calendar::WorkingCalendar> snapshot = calendar();
    return [rules, snapshot](soci::session& session, int64_t case_id, int64_t now) {
      return supervision::JudgeCase(session, case_id, *rules, *snapshot, now);
    };
  };
}

void JudgementRunner::JudgeAfterIngest(std::span<const int64_t> case_ids) {
  if (case_ids.empty()) return;
  int64_t now = clock_.NowSeconds();
  try {
    auto lease = db_.Acquire();
    store::WriteTransaction tx(lease);
    ScheduleCases(*lease, case_ids, now);
    tx.Commit();
  } catch (const std::exception& e) {
    spdlog::error("scheduling {} ingested cases failed: {}", case_ids.size(), e.what());
    return;
  }
  JudgeNow(case_ids, now);
}

void JudgementRunner::JudgeScheduled(std::span<const int64_t> case_ids, int64_t scheduled_at) {
  if (case_ids.empty()) return;
  if (timer_wake_) {
    timer_wake_();
    return;
  }
  JudgeNow(case_ids, scheduled_at);
}

void JudgementRunner::JudgeNow(std::span<const int64_t> case_ids, int64_t scheduled_at) {
  CaseJudge judge;
  try {
    judge = judges_();
  } catch (const std::exception& e) {
    spdlog::error("loading the rules failed; the timer loop will judge {} cases: {}",
                  case_ids.size(), e.what());
    return;
  }
  std::vector<CaseToJudge> cases;
  cases.reserve(case_ids.size());
  for (int64_t id : case_ids) cases.push_back({id, scheduled_at});
  JudgeCases(judge, cases);
}

Result<ApplyResult> JudgementRunner::JudgeCaseIn(soci::session& session, const CaseJudge& judge,
                                                 const CaseToJudge& target, int64_t now) {
  std::optional<exchange::Case> c = exchange::FindCase(session, target.case_id);
  if (!c) {
    Reschedule(session, kCaseTimer, target.case_id, target.claimed_due_at, 0,
               target.claimed_until);
    return Error::NotFound(fmt::format("case {} not found", target.case_id));
  }
  Result<Judgement> judgement = judge(session, target.case_id, now);
  if (!judgement) return judgement.error();
  ApplyResult applied = alerts_.ApplyJudgement(session, *c, *judgement, now);
  Reschedule(session, kCaseTimer, target.case_id, target.claimed_due_at,
             judgement->next_check_at, target.claimed_until);
  return applied;
}

Result<ApplyResult> JudgementRunner::JudgeCase(const CaseJudge& judge, int64_t case_id,
                                               int64_t claimed_due_at) {
  int64_t now = clock_.NowSeconds();
  auto lease = db_.Acquire();
  store::WriteTransaction tx(lease);
  Result<ApplyResult> result = JudgeCaseIn(*lease, judge, {case_id, claimed_due_at}, now);
  // A missing case gives an error but its timer is removed all the same.
  if (result || result.error().code == ErrorCode::kNotFound) tx.Commit();
  return result;
}

int JudgementRunner::JudgeCases(const CaseJudge& judge, std::span<const CaseToJudge> cases) {
  int judged = 0;
  for (size_t first = 0; first < cases.size(); first += kCasesPerTransaction) {
    std::span<const CaseToJudge> chunk =
        cases.subspan(first, std::min(kCasesPerTransaction, cases.size() - first));
    try {
      int64_t now = clock_.NowSeconds();
      auto lease = db_.Acquire();
      store::WriteTransaction tx(lease);
      int in_chunk = 0;
      for (const CaseToJudge& c : chunk) {
        *lease << "SAVEPOINT judge_case";
        bool keep = false;
        try {
          Result<ApplyResult> result = JudgeCaseIn(*lease, judge, c, now);
          keep = result || result.error().code == ErrorCode::kNotFound;
          if (!result) {
            spdlog::error("judging case_id={} failed: {}", c.case_id, result.error().message);
          }
        } catch (const soci::soci_error& e) {
          spdlog::error("judging case_id={} failed; its timer will retry: {}", c.case_id,
                        e.what());
        }
        if (!keep) *lease << "ROLLBACK TO SAVEPOINT judge_case";
        *lease << "RELEASE SAVEPOINT judge_case";
        if (keep) ++in_chunk;
      }
      tx.Commit();
      judged += in_chunk;
    } catch (const std::exception& e) {
      spdlog::error("judging {} cases failed; their timers will retry: {}", chunk.size(),
                    e.what());
    }
  }
  return judged;
}

Result<ApplyResult> JudgementRunner::CheckOrder(const calendar::WorkingCalendar& calendar,
                                                int64_t alert_id, int64_t claimed_due_at) {
  int64_t now = clock_.NowSeconds();
  auto lease = db_.Acquire();
  store::WriteTransaction tx(lease);
  std::optional<Alert> alert = FindAlertForUpdate(*lease, alert_id);
  bool open_order = alert && alert->handling == "order" &&
                    (alert->state == kStateOrdered || alert->state == kStateRectifying ||
                     alert->state == kStateReported);
  int64_t order_at = open_order ? LatestActionTime(*lease, alert_id, "order") : 0;
  if (!open_order || order_at == 0) {
    Reschedule(*lease, kAlertTimer, alert_id, claimed_due_at, 0);
    tx.Commit();
    return ApplyResult{};
  }

  RuleSet rules = LoadRuleSet(*lease);
  int start_days = OrderLimitDays(*lease, "order.not_started", alert->item_code, kOrderStartDays);
  int close_days = OrderLimitDays(*lease, "order.not_closed", alert->item_code, kOrderCloseDays);
  auto start_deadline = WorkingDaysDeadline(calendar, order_at, start_days);
  if (!start_deadline) return start_deadline.error();
  auto close_deadline = WorkingDaysDeadline(calendar, order_at, close_days);
  if (!close_deadline) return close_deadline.error();

  std::vector<Finding> findings;
  int64_t next = 0;
  if (alert->state == kStateOrdered) {
    if (now > *start_deadline) {
      if (auto f = OrderFinding(rules, "order.not_started", *alert, start_days, order_at,
                                *start_deadline)) {
        findings.push_back(std::move(*f));
      }
    } else {
      next = *start_deadline + 1;
    }
  }
  if (now > *close_deadline) {
    if (auto f = OrderFinding(rules, "order.not_closed", *alert, close_days, order_at,
                              *close_deadline)) {
      findings.push_back(std::move(*f));
    }
  } else if (next == 0) {
    next = *close_deadline + 1;
  }

  AlertTarget target{alert->case_id, alert->case_number, alert->item_code, alert->division_code,
                     alert->department_id};
  ApplyResult applied = alerts_.IssueFindings(*lease, target, findings, now);
  Reschedule(*lease, kAlertTimer, alert_id, claimed_due_at, next);
  tx.Commit();
  return applied;
}

namespace {

// 01:00 platform time on the first day of the month after the one holding `now`.
int64_t FirstOfNextMonth(int64_t now) {
  using namespace std::chrono;
  year_month_day today{calendar::ToLocal(TimePoint(seconds(now))).date};
  year_month next = year_month(today.year(), today.month()) + months(1);
  return duration_cast<seconds>(
             calendar::FromLocal(local_days(next / day(1)), hours(1)).time_since_epoch())
      .count();
}

}  // namespace

Result<ApplyResult> JudgementRunner::JudgeTrends(int64_t claimed_due_at) {
  using namespace std::chrono;
  int64_t now = clock_.NowSeconds();
  year_month_day today{calendar::ToLocal(TimePoint(seconds(now))).date};
  year_month judged = year_month(today.year(), today.month()) - months(1);

  auto lease = db_.Acquire();
  store::WriteTransaction tx(lease);
  RuleSet rules = LoadRuleSet(*lease);
  ApplyResult total;
  for (const DepartmentFinding& f :
       JudgeMonthlyTrends(*lease, rules, int(judged.year()), unsigned(judged.month()))) {
    AlertTarget target{
        .division_code = f.division_code, .department_id = f.department_id, .by_department = true};
    ApplyResult one = alerts_.IssueFindings(*lease, target, {f.finding}, now);
    total.issued.insert(total.issued.end(), one.issued.begin(), one.issued.end());
    total.known += one.known;
  }
  Reschedule(*lease, kTrendTimer, 0, claimed_due_at, FirstOfNextMonth(now));
  tx.Commit();
  return total;
}

void JudgementRunner::ScheduleTrends() {
  auto lease = db_.Acquire();
  store::WriteTransaction tx(lease);
  if (!TimerDueAt(*lease, kTrendTimer, 0)) Schedule(*lease, kTrendTimer, 0, clock_.NowSeconds());
  tx.Commit();
}

}  // namespace mingjing::supervision
