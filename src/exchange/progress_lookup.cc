#include "exchange/progress_lookup.h"

#include <spdlog/spdlog.h>

#include "calendar/deadline.h"
#include "catalog/item_store.h"
#include "crypto/random.h"
#include "exchange/case_query.h"
#include "exchange/event_validation.h"
#include "store/row.h"

namespace mingjing::exchange {
namespace {

struct CaseRow {
  int64_t id = 0;
  std::string item_code;
  std::string department_code;
  int64_t department_id = 0;
};

// The case whose stored hash equals the hash of `query_code`. Two sending systems may use the
// same case number, so every case with the number is compared.
std::optional<CaseRow> FindMatchingCase(soci::session& s, const std::string& case_number,
                                        std::string_view query_code) {
  std::string expected = HashQueryCode(case_number, query_code);
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT id, query_code_hash, item_code, department_code, department_id "
                    "FROM cases WHERE case_number = :n ORDER BY id",
       soci::use(case_number));
  std::optional<CaseRow> match;
  for (const soci::row& r : rows) {
    std::string stored = store::Text(r, 1);
    if (match || stored.empty() || !crypto::ConstantTimeEquals(stored, expected)) continue;
    match = CaseRow{store::Int64(r, 0), store::Text(r, 2), store::Text(r, 3), store::Int64(r, 4)};
  }
  return match;
}

std::string DepartmentName(soci::session& s, const CaseRow& c) {
  std::string name;
  soci::indicator ind = soci::i_null;
  if (c.department_id > 0) {
    long long id = c.department_id;
    s << "SELECT name FROM departments WHERE id = :id", soci::use(id), soci::into(name, ind);
  } else if (!c.department_code.empty()) {
    s << "SELECT name FROM departments WHERE code = :c ORDER BY id LIMIT 1",
        soci::use(c.department_code), soci::into(name, ind);
  }
  return ind == soci::i_ok ? name : std::string();
}

std::string_view MilestoneName(EventType type) {
  switch (type) {
    case EventType::kSubmitted:
      return "申报";
    case EventType::kPreAccepted:
      return "预受理";
    case EventType::kAccepted:
      return "受理";
    case EventType::kNotAccepted:
      return "不予受理";
    case EventType::kStepStarted:
      return "环节开始";
    case EventType::kStepFinished:
      return "环节办理完毕";
    case EventType::kSuspended:
      return "暂停计时";
    case EventType::kResumed:
      return "恢复计时";
    case EventType::kReturned:
      return "退回";
    case EventType::kCompleted:
      return "办结";
    case EventType::kFeeCharged:
    case EventType::kCorrection:
    case EventType::kDeleted:
      break;
  }
  return "";
}

calendar::SuspensionReason ReasonOf(const std::string& code) {
  auto reason = calendar::ParseSuspensionReason(code);
  return reason ? *reason : calendar::SuspensionReason::kOther;
}

// Sets the deadline fields of `out` from the item's promised limit.
void ComputePromisedDeadline(const calendar::WorkingCalendar& calendar,
                             const catalog::ServiceItem& item, const CaseState& state,
                             CaseProgress& out) {
  if (item.promised_limit.unit == calendar::LimitUnit::kImmediate) {
    out.deadline_state = "no_deadline";
    return;
  }
  calendar::DeadlineRequest request;
  request.start = TimePoint(std::chrono::seconds(state.accepted_at));
  request.limit = item.promised_limit;
  // NOTE: the days a suspended event states are not added to the limit here, because the
  // interface does not say whether they extend it; the supervision rules decide that.
  for (const SuspensionPeriod& p : state.suspensions) {
    calendar::Suspension s;
    s.reason = ReasonOf(p.reason_code);
    s.start = TimePoint(std::chrono::seconds(p.start));
    if (p.end != 0) s.end = TimePoint(std::chrono::seconds(p.end));
    request.suspensions.push_back(s);
  }
  auto deadline = calendar::ComputeDeadline(calendar, request);
  if (!deadline) {
    spdlog::warn("progress lookup: no deadline for item {}: {}", item.code,
                 deadline.error().message);
    return;
  }
  out.deadline_state = std::string(calendar::DeadlineStateName(deadline->state));
  if (deadline->deadline) {
    out.deadline =
        std::chrono::duration_cast<std::chrono::seconds>(deadline->deadline->time_since_epoch())
            .count();
  }
}

}  // namespace

Error NoProgressMatch() {
  return Error::NotFound(
      "no case matches this case number and query code: check both against the receipt");
}

std::vector<ProgressStep> ProgressSteps(const CaseState& state) {
  std::vector<ProgressStep> steps;
  for (const Milestone& m : state.milestones) {
    std::string name(MilestoneName(m.type));
    bool step_event = m.type == EventType::kStepStarted || m.type == EventType::kStepFinished;
    if (step_event) {
      std::string step = m.step_name.empty() ? m.step_code : m.step_name;
      name = m.type == EventType::kStepStarted ? step + "：开始" : step + "：办理完毕";
    } else if (m.type == EventType::kReturned && !m.step_code.empty()) {
      name += "至" + m.step_code;
    }
    steps.push_back({std::string(EventTypeName(m.type)), std::move(name), m.occurred_at});
  }
  return steps;
}

Result<CaseProgress> LookUpProgress(store::Database& db, const calendar::WorkingCalendar* calendar,
                                    std::string_view case_number, std::string_view query_code) {
  if (case_number.empty() || case_number.size() > 64 || query_code.size() < kMinQueryCodeBytes ||
      query_code.size() > static_cast<size_t>(kMaxQueryCodeBytes)) {
    return NoProgressMatch();
  }

  auto lease = db.Acquire();
  std::string number(case_number);
  std::optional<CaseRow> c = FindMatchingCase(*lease, number, query_code);
  if (!c) return NoProgressMatch();

  CaseState state = FoldEvents(LoadStoredEvents(*lease, c->id));
  CaseProgress out;
  out.case_number = number;
  out.item_code = c->item_code;
  out.department_name = DepartmentName(*lease, *c);
  out.state = state.state;
  out.suspended = state.suspended;
  out.outcome = state.outcome;
  out.steps = ProgressSteps(state);
  out.deadline_state = "not_started";

  std::optional<catalog::ServiceItem> item = catalog::FindItemByCode(*lease, c->item_code);
  if (item) out.item_name = item->name;
  if (item && out.department_name.empty()) {
    // The catalogue names the item's department when the sender's department is unknown.
    out.department_name = DepartmentName(*lease, CaseRow{0, "", "", item->department_id});
  }
  lease.Release();  // the calendar computation needs no connection

  if (item && calendar && state.accepted_at != 0) {
    ComputePromisedDeadline(*calendar, *item, state, out);
  } else if (item && state.accepted_at != 0) {
    out.deadline_state = "unknown";
  }
  return out;
}

}  // namespace mingjing::exchange
