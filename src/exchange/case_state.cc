#include "exchange/case_state.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "common/text.h"

namespace mingjing::exchange {
namespace {

namespace json = boost::json;

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

int64_t Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  return 0;
}

struct Parsed {
  const StoredEvent* stored;
  int64_t occurred_at;
  json::object fields;
};

void Apply(const Parsed& e, CaseState& s) {
  const json::object& f = e.fields;
  int64_t t = e.occurred_at;
  s.last_event_at = std::max(s.last_event_at, t);
  if (auto code = Str(f, "department_code"); !code.empty()) s.department_code = code;
  if (auto id = Int(f, "department_id"); id > 0) s.department_id = id;

  EventType type = e.stored->type;
  if (type != EventType::kCorrection && type != EventType::kDeleted &&
      type != EventType::kFeeCharged) {
    s.milestones.push_back({type, Str(f, type == EventType::kReturned ? "to_step" : "step_code"),
                            Str(f, "step_name"), t});
  }

  switch (type) {
    case EventType::kSubmitted:
      s.state = "submitted";
      if (s.submitted_at == 0) s.submitted_at = t;
      if (auto hash = Str(f, "applicant_name_hash"); !hash.empty()) s.applicant_name_hash = hash;
      if (auto hash = Str(f, "query_code_hash"); !hash.empty()) s.query_code_hash = hash;
      break;
    case EventType::kPreAccepted:
      s.state = "pre_accepted";
      break;
    case EventType::kAccepted:
      s.state = "accepted";
      s.accepted_at = t;
      break;
    case EventType::kNotAccepted:
      s.state = "not_accepted";
      s.completed_at = t;
      break;
    case EventType::kStepStarted:
    case EventType::kStepFinished:
      s.state = "in_progress";
      s.current_step = Str(f, "step_code");
      break;
    case EventType::kSuspended:
      s.suspended = true;
      ++s.suspension_count;
      s.suspensions.push_back({Str(f, "reason_code"), Int(f, "days"), t, 0});
      break;
    case EventType::kResumed:
      s.suspended = false;
      for (SuspensionPeriod& p : s.suspensions) {
        if (p.end == 0 && p.reason_code == Str(f, "reason_code")) p.end = t;
      }
      break;
    case EventType::kFeeCharged:
      s.fee_total_fen += Int(f, "amount_fen");
      ++s.fee_count;
      s.fees.push_back({e.stored->row_id, std::string(TrimSpaces(Str(f, "receipt_number"))), t});
      break;
    case EventType::kReturned:
      s.state = "returned";
      s.current_step = Str(f, "to_step");
      ++s.return_count;
      break;
    case EventType::kCompleted:
      s.state = "completed";
      s.completed_at = t;
      s.suspended = false;
      s.outcome = Str(f, "outcome");
      s.result_document_number = Str(f, "result_document_number");
      break;
    case EventType::kCorrection:
    case EventType::kDeleted:
      break;
  }
}

}  // namespace

int EventOrderRank(EventType type) {
  switch (type) {
    case EventType::kSubmitted:
      return 0;
    case EventType::kPreAccepted:
      return 1;
    case EventType::kAccepted:
    case EventType::kNotAccepted:
      return 2;
    case EventType::kStepStarted:
      return 3;
    case EventType::kSuspended:
      return 4;
    case EventType::kResumed:
      return 5;
    case EventType::kFeeCharged:
      return 6;
    case EventType::kStepFinished:
      return 7;
    case EventType::kReturned:
      return 8;
    case EventType::kCompleted:
      return 9;
    case EventType::kCorrection:
    case EventType::kDeleted:
      return 10;
  }
  return 10;
}

CaseState FoldEvents(std::vector<StoredEvent> events) {
  // Corrections apply in the order they occurred, so a later correction wins.
  std::sort(events.begin(), events.end(), [](const StoredEvent& a, const StoredEvent& b) {
    return std::tie(a.occurred_at, a.row_id) < std::tie(b.occurred_at, b.row_id);
  });

  std::vector<Parsed> parsed;
  std::map<std::string, size_t> by_event_id;
  std::vector<const StoredEvent*> corrections;
  for (const StoredEvent& e : events) {
    if (e.withdrawn || e.type == EventType::kDeleted) continue;
    if (e.type == EventType::kCorrection) {
      corrections.push_back(&e);
      continue;
    }
    boost::system::error_code ec;
    json::value v = json::parse(e.payload, ec);
    if (ec || !v.is_object()) continue;  // stored payloads are canonical JSON objects
    by_event_id[Str(v.get_object(), "event_id")] = parsed.size();
    parsed.push_back({&e, e.occurred_at, std::move(v.get_object())});
  }

  for (const StoredEvent* c : corrections) {
    boost::system::error_code ec;
    json::value v = json::parse(c->payload, ec);
    if (ec || !v.is_object()) continue;
    auto target = by_event_id.find(Str(v.get_object(), "corrects_event_id"));
    const json::value* values = v.get_object().if_contains("values");
    if (target == by_event_id.end() || !values || !values->is_object()) continue;
    Parsed& p = parsed[target->second];
    for (const auto& [key, value] : values->get_object()) p.fields[key] = value;
    if (auto when = ParseRfc3339(Str(p.fields, "occurred_at"))) p.occurred_at = *when;
  }

  std::sort(parsed.begin(), parsed.end(), [](const Parsed& a, const Parsed& b) {
    return std::make_tuple(a.occurred_at, EventOrderRank(a.stored->type), a.stored->row_id) <
           std::make_tuple(b.occurred_at, EventOrderRank(b.stored->type), b.stored->row_id);
  });
  CaseState state;
  for (const Parsed& p : parsed) Apply(p, state);
  return state;
}

}  // namespace mingjing::exchange
