#include "exchange/ingest.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_set>

#include "exchange/case_query.h"
#include "exchange/case_state.h"
#include "exchange/fee_receipts.h"
#include "exchange/ingest_statements.h"
#include "org/division_code.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::exchange {
namespace {

using CaseRow = IngestStatements::CaseRow;
using EventRow = IngestStatements::EventRow;

struct Alarm {
  int64_t case_id = 0;
  std::string division_code;
  std::string event_id;
  std::string_view kind;
  int64_t old_version = 0;
  int64_t new_version = 0;
};

std::optional<CaseRow> FindCaseRowById(soci::session& s, int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT id, item_code, item_type, division_code, completed_at FROM cases "
                    "WHERE id = :id",
       soci::use(key));
  for (const soci::row& r : rows) {
    return CaseRow{store::Int64(r, 0), store::Text(r, 1), store::Text(r, 2), store::Text(r, 3),
                   store::Int64(r, 4)};
  }
  return std::nullopt;
}

// True when the service-item catalogue has been loaded, so item codes can be checked against it.
// NOTE: an empty catalogue checks nothing, so that cases can be received before the catalogue
// is imported.
bool CatalogueLoaded(soci::session& s, store::Backend backend) {
  long long tables = 0;
  if (backend == store::Backend::kSqlite) {
    s << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'service_items'",
        soci::into(tables);
  } else {
    s << "SELECT count(*) FROM information_schema.tables WHERE table_name = 'service_items' "
         "AND table_schema = current_schema()",
        soci::into(tables);
  }
  if (tables == 0) return false;
  long long items = 0;
  s << "SELECT count(*) FROM (SELECT 1 FROM service_items LIMIT 1) AS any_item", soci::into(items);
  return items > 0;
}

std::string FieldPath(std::string_view prefix, std::string_view field) {
  return prefix.empty() ? std::string(field) : fmt::format("{}.{}", prefix, field);
}

// Stores the events of one batch inside the caller's transaction.
class BatchWriter {
 public:
  BatchWriter(soci::session& session, store::Backend backend, const Sender& sender, int64_t now)
      : s_(session),
        statements_(session),
        sender_(sender),
        now_(now),
        check_catalogue_(CatalogueLoaded(s_, backend)) {}

  // Stores one valid event. On a rejection the caller rolls the event's savepoint back.
  void Process(const Event& e, std::string_view prefix, EventResult& r) {
    std::optional<EventRow> existing = FindEvent(e.event_id);
    if (existing) {
      ProcessResend(e, *existing, prefix, r);
    } else {
      ProcessNew(e, prefix, r);
    }
  }

  // Alarms of the events processed since the last call, for the ledger.
  std::vector<Alarm> TakeAlarms() { return std::exchange(pending_alarms_, {}); }

  // Recomputes the state of every case whose recomputation was deferred, once each, so that a
  // case with ten events in the batch folds its events once instead of ten times.
  void Flush() {
    for (int64_t id : dirty_order_) {
      if (dirty_.erase(id) > 0) Recompute(id);
    }
    dirty_.clear();
    dirty_order_.clear();
  }

  // The cases recomputed so far that have fees.
  const std::set<int64_t>& cases_with_fees() const { return cases_with_fees_; }

 private:
  void Reject(EventResult& r, std::string field, std::string message) {
    r.status = EventStatus::kRejected;
    r.errors.push_back({std::move(field), std::move(message)});
  }

  // Checks that an event for an existing case names the same item, type and division.
  bool SameIdentity(const Event& e, const CaseRow& c, std::string_view prefix, EventResult& r) {
    auto check = [&](std::string_view field, const std::string& sent, const std::string& kept) {
      if (sent == kept) return;
      Reject(r, FieldPath(prefix, field),
             fmt::format("case {} was registered with {} {}; send the same value", e.case_number,
                         field, kept));
    };
    check("item_code", e.item_code, c.item_code);
    check("item_type", e.item_type, c.item_type);
    check("division_code", e.division_code, c.division_code);
    return r.errors.empty();
  }

  void ProcessResend(const Event& e, const EventRow& existing, std::string_view prefix,
                     EventResult& r) {
    r.case_id = existing.case_id;
    if (existing.case_number != e.case_number) {
      Reject(r, FieldPath(prefix, "event_id"),
             fmt::format("was already used for case {}; give each event its own event_id",
                         existing.case_number));
      return;
    }
    if (existing.content_hash == e.content_hash) {
      r.status = EventStatus::kDuplicate;
      r.version = existing.version;
      return;
    }
    CaseRow c = FindCaseRowById(s_, existing.case_id).value_or(CaseRow{});
    if (!SameIdentity(e, c, prefix, r)) return;

    long long version = existing.version + 1;
    long long row_id = existing.id;
    std::string type(EventTypeName(e.type));
    long long occurred = e.occurred_at;
    long long now = now_;
    s_ << "UPDATE case_events SET event_type = :t, occurred_at = :o, received_at = :r, "
          "payload = :p, content_hash = :h, version = :v WHERE id = :id",
        soci::use(type), soci::use(occurred), soci::use(now), soci::use(e.payload),
        soci::use(e.content_hash), soci::use(version), soci::use(row_id);
    InsertVersion(row_id, version, e);

    RaiseAlarm(c, e.event_id, row_id, kResendWithDifferentContent, existing.version, version, 0, r);
    if (c.completed_at != 0) {
      RaiseAlarm(c, e.event_id, row_id, kChangeAfterCompletion, existing.version, version, 0, r);
    }
    // NOTE: a changed resend of a `deleted` event does not move the withdrawal to another
    // target; the alarm above makes the change visible.
    Recompute(c.id);
    dirty_.erase(c.id);
    r.status = EventStatus::kNewVersion;
    r.version = version;
  }

  void ProcessNew(const Event& e, std::string_view prefix, EventResult& r) {
    std::optional<CaseRow> c = FindCase(e.case_number);
    if (c) {
      r.case_id = c->id;
      if (!SameIdentity(e, *c, prefix, r)) return;
    } else if (check_catalogue_ && !statements_.ItemInCatalogue(e.item_code)) {
      Reject(r, FieldPath(prefix, "item_code"),
             fmt::format("{} is not in the service-item catalogue; check the code or ask the "
                         "platform administrator to add the item",
                         e.item_code));
      return;
    }
    if (e.department_id != 0 && !statements_.DepartmentExists(e.department_id)) {
      Reject(r, FieldPath(prefix, "department_id"),
             fmt::format("department {} does not exist; send department_code instead",
                         e.department_id));
      return;
    }

    std::optional<EventRow> target;
    bool changes_earlier = e.type == EventType::kCorrection || e.type == EventType::kDeleted;
    if (changes_earlier) {
      std::string_view field =
          e.type == EventType::kCorrection ? "corrects_event_id" : "deletes_event_id";
      target = FindEvent(e.target_event_id);
      if (!target || target->case_number != e.case_number) {
        Reject(r, FieldPath(prefix, field),
               fmt::format("event {} of case {} was not found; send it first", e.target_event_id,
                           e.case_number));
        return;
      }
      if (target->type == EventType::kCorrection || target->type == EventType::kDeleted) {
        Reject(r, FieldPath(prefix, field),
               "must name an ordinary event, not a correction or deletion");
        return;
      }
    }

    if (!c) c = InsertCase(e);
    r.case_id = c->id;
    int64_t row_id = InsertEvent(c->id, e);

    if (e.type == EventType::kDeleted) {
      long long target_id = target->id;
      s_ << "UPDATE case_events SET withdrawn = 1 WHERE id = :id", soci::use(target_id);
      RaiseAlarm(*c, e.target_event_id, target->id, kDeletion, target->version, target->version,
                 row_id, r);
    }
    bool after_completion =
        c->completed_at != 0 && (changes_earlier || e.occurred_at > c->completed_at);
    if (after_completion) {
      if (target) {
        RaiseAlarm(*c, e.target_event_id, target->id, kChangeAfterCompletion, target->version,
                   target->version, row_id, r);
      } else {
        RaiseAlarm(*c, e.event_id, row_id, kChangeAfterCompletion, 1, 1, 0, r);
      }
    }
    // Only completions, refusals to accept, corrections and deletions can move `completed_at`,
    // which the next event of this batch reads. Every other state change waits for Flush().
    if (e.type == EventType::kCompleted || e.type == EventType::kNotAccepted || changes_earlier) {
      Recompute(c->id);
      dirty_.erase(c->id);
    } else if (dirty_.insert(c->id).second) {
      dirty_order_.push_back(c->id);
    }
    r.status = EventStatus::kAccepted;
    r.version = 1;
  }

  CaseRow InsertCase(const Event& e) {
    long long id = 0;
    long long now = now_;
    long long department_id = e.department_id;
    soci::indicator department_ind = e.department_id > 0 ? soci::i_ok : soci::i_null;
    s_ << "INSERT INTO cases (sender_system, case_number, item_code, item_type, division_code, "
          "department_code, department_id, state, created_at, updated_at) "
          "VALUES (:s, :n, :i, :t, :d, :dc, :di, 'submitted', :c, :u) RETURNING id",
        soci::use(sender_.system), soci::use(e.case_number), soci::use(e.item_code),
        soci::use(e.item_type), soci::use(e.division_code), soci::use(e.department_code),
        soci::use(department_id, department_ind), soci::use(now), soci::use(now), soci::into(id);
    return CaseRow{id, e.item_code, e.item_type, e.division_code, 0};
  }

  int64_t InsertEvent(int64_t case_id, const Event& e) {
    int64_t id = statements_.InsertEvent({.case_id = case_id,
                                          .system = sender_.system,
                                          .event_id = e.event_id,
                                          .type = std::string(EventTypeName(e.type)),
                                          .occurred_at = e.occurred_at,
                                          .received_at = now_,
                                          .payload = e.payload,
                                          .content_hash = e.content_hash});
    InsertVersion(id, 1, e);
    return id;
  }

  void InsertVersion(int64_t row_id, int64_t version, const Event& e) {
    statements_.InsertVersion(row_id, version, e.occurred_at, now_, e.payload, e.content_hash);
  }

  std::optional<CaseRow> FindCase(const std::string& number) {
    return statements_.FindCase(sender_.system, number);
  }

  std::optional<EventRow> FindEvent(const std::string& event_id) {
    return statements_.FindEvent(sender_.system, event_id);
  }

  void RaiseAlarm(const CaseRow& c, const std::string& event_id, int64_t event_row_id,
                  std::string_view kind, int64_t old_version, int64_t new_version,
                  int64_t cause_row_id, EventResult& r) {
    long long case_key = c.id;
    long long row = event_row_id;
    long long old_v = old_version;
    long long new_v = new_version;
    long long cause = cause_row_id;
    soci::indicator cause_ind = cause_row_id > 0 ? soci::i_ok : soci::i_null;
    long long now = now_;
    std::string kind_text(kind);
    s_ << "INSERT INTO tamper_alarms (case_id, event_row_id, event_id, kind, old_version, "
          "new_version, cause_event_row_id, raised_at) "
          "VALUES (:c, :e, :id, :k, :o, :n, :cause, :t)",
        soci::use(case_key), soci::use(row), soci::use(event_id), soci::use(kind_text),
        soci::use(old_v), soci::use(new_v), soci::use(cause, cause_ind), soci::use(now);
    pending_alarms_.push_back(
        Alarm{c.id, c.division_code, event_id, kind, old_version, new_version});
    r.alarms.emplace_back(kind);
  }

  // Recomputes the case's state and its fee receipt index rows from all of its stored events.
  void Recompute(int64_t case_id) {
    long long key = case_id;
    CaseState st = FoldEvents(statements_.LoadEvents(case_id));

    // Cases are keyed by their sender, so the case's sending system is this batch's.
    StoreFeeReceipts(s_, case_id, sender_.system,
                     DepartmentKey(st.department_id, st.department_code), st.fees);
    if (!st.fees.empty()) cases_with_fees_.insert(case_id);

    long long department_id = st.department_id;
    soci::indicator department_ind = st.department_id > 0 ? soci::i_ok : soci::i_null;
    long long submitted = st.submitted_at, accepted = st.accepted_at, completed = st.completed_at;
    int suspended = st.suspended ? 1 : 0;
    long long fee_total = st.fee_total_fen, fee_count = st.fee_count;
    long long returns = st.return_count, suspensions = st.suspension_count;
    long long last = st.last_event_at, now = now_;
    s_ << "UPDATE cases SET state = :state, current_step = :step, suspended = :susp, "
          "outcome = :outcome, result_document_number = :doc, applicant_name_hash = :applicant, "
          "department_code = :dc, department_id = :di, submitted_at = :sub, accepted_at = :acc, "
          "completed_at = :comp, fee_total_fen = :fee, fee_count = :fees, return_count = :ret, "
          "suspension_count = :suspensions, last_event_at = :last, "
          "query_code_hash = :query_code, version = version + 1, updated_at = :now WHERE id = :id",
        soci::use(st.state), soci::use(st.current_step), soci::use(suspended),
        soci::use(st.outcome), soci::use(st.result_document_number),
        soci::use(st.applicant_name_hash), soci::use(st.department_code),
        soci::use(department_id, department_ind), soci::use(submitted), soci::use(accepted),
        soci::use(completed), soci::use(fee_total), soci::use(fee_count), soci::use(returns),
        soci::use(suspensions), soci::use(last), soci::use(st.query_code_hash), soci::use(now),
        soci::use(key);
  }

  soci::session& s_;
  IngestStatements statements_;
  const Sender& sender_;
  int64_t now_;
  bool check_catalogue_;
  std::vector<Alarm> pending_alarms_;
  std::unordered_set<int64_t> dirty_;
  std::vector<int64_t> dirty_order_;
  std::set<int64_t> cases_with_fees_;
};

// At most this many other cases are judged again for one case's shared receipts.
constexpr int kMaxRelatedCases = 50;

// The cases outside `touched` that share a fee receipt number with a case of `with_fees` that
// the batch touched.
std::vector<int64_t> CasesSharingReceiptsWith(soci::session& s, const std::set<int64_t>& touched,
                                              const std::set<int64_t>& with_fees) {
  std::set<int64_t> related;
  for (int64_t case_id : with_fees) {
    if (!touched.contains(case_id)) continue;  // its events were rolled back
    for (int64_t other : CasesSharingReceipts(s, case_id, kMaxRelatedCases)) {
      if (!touched.contains(other)) related.insert(other);
    }
  }
  return {related.begin(), related.end()};
}

// Rejects events outside the sender's region or item types before anything is stored.
void CheckScope(const Sender& sender, const Event& e, std::string_view prefix, EventResult& r) {
  if (!sender.division_code.empty() &&
      !org::DivisionContains(sender.division_code, e.division_code)) {
    r.errors.push_back({FieldPath(prefix, "division_code"),
                        fmt::format("{} lies outside the region {} of this system's key; send "
                                    "only cases of that region",
                                    e.division_code, sender.division_code)});
  }
  if (!sender.item_types.empty() && std::find(sender.item_types.begin(), sender.item_types.end(),
                                              e.item_type) == sender.item_types.end()) {
    r.errors.push_back(
        {FieldPath(prefix, "item_type"),
         fmt::format("{} is not among the item types this system's key allows", e.item_type)});
  }
}

void AppendLedgerEntries(soci::session& s, ledger::Ledger& ledger, const ledger::Actor& actor,
                         const Sender& sender, const BatchResult& result,
                         const std::vector<Alarm>& alarms) {
  if (result.accepted + result.new_versions > 0) {
    ledger.Append(s, actor,
                  ledger::Entry{.action = "exchange.ingest",
                                .object_type = "exchange_batch",
                                .object_id = sender.system,
                                .division_code = sender.division_code,
                                .detail = {{"events", result.events.size()},
                                           {"accepted", result.accepted},
                                           {"duplicates", result.duplicates},
                                           {"new_versions", result.new_versions},
                                           {"rejected", result.rejected},
                                           {"alarms", result.alarms}}});
  }
  for (const Alarm& a : alarms) {
    ledger.Append(s, actor,
                  ledger::Entry{.action = "case.tamper_alarm",
                                .object_type = "case",
                                .object_id = std::to_string(a.case_id),
                                .division_code = a.division_code,
                                .detail = {{"kind", a.kind},
                                           {"event_id", a.event_id},
                                           {"sender_system", sender.system},
                                           {"old_version", a.old_version},
                                           {"new_version", a.new_version}}});
  }
}

// Writes the valid events in batch order and recomputes the touched cases. With `isolate`, each
// event runs in a savepoint, so a store error rejects that event alone. Without it, a store
// error propagates and the caller rolls the whole attempt back.
std::vector<Alarm> WriteEvents(soci::session& s, store::Backend backend, const Sender& sender,
                               int64_t now, const std::vector<std::optional<Event>>& valid,
                               std::vector<EventResult>& results, std::string_view path,
                               bool isolate, std::set<int64_t>& cases_with_fees) {
  BatchWriter writer(s, backend, sender, now);
  std::vector<Alarm> alarms;
  for (size_t i = 0; i < valid.size(); ++i) {
    if (!valid[i]) continue;
    EventResult& r = results[i];
    std::string prefix = path.empty() ? std::string() : fmt::format("{}[{}]", path, i);
    if (!isolate) {
      writer.Process(*valid[i], prefix, r);
      for (Alarm& a : writer.TakeAlarms()) alarms.push_back(std::move(a));
      continue;
    }
    s << "SAVEPOINT exchange_event";
    try {
      writer.Process(*valid[i], prefix, r);
    } catch (const soci::soci_error& e) {
      spdlog::error("exchange event not stored system={} event_id={} error={}", sender.system,
                    r.event_id, e.what());
      r.status = EventStatus::kRejected;
      r.alarms.clear();
      r.errors.push_back({prefix, "could not be stored because of a store error; send it again"});
    }
    if (r.status == EventStatus::kRejected) {
      s << "ROLLBACK TO SAVEPOINT exchange_event";
      writer.TakeAlarms();
    } else {
      for (Alarm& a : writer.TakeAlarms()) alarms.push_back(std::move(a));
    }
    s << "RELEASE SAVEPOINT exchange_event";
  }
  writer.Flush();
  cases_with_fees = writer.cases_with_fees();
  return alarms;
}

}  // namespace

std::string_view EventStatusName(EventStatus status) {
  switch (status) {
    case EventStatus::kAccepted:
      return "accepted";
    case EventStatus::kDuplicate:
      return "duplicate";
    case EventStatus::kNewVersion:
      return "new_version";
    case EventStatus::kRejected:
      return "rejected";
  }
  return "rejected";
}

Result<BatchResult> IngestEvents(store::Database& db, ledger::Ledger& ledger,
                                 const ledger::Actor& actor, const Sender& sender,
                                 std::span<const boost::json::value> events, const Clock& clock,
                                 std::string_view path, const BeforeCommit& before_commit) {
  if (events.size() > kMaxEventsPerBatch) {
    return Error{ErrorCode::kTooLarge,
                 fmt::format("a batch holds at most {} events but {} were sent; split it",
                             kMaxEventsPerBatch, events.size()),
                 std::string(path)};
  }
  int64_t now = clock.NowSeconds();

  BatchResult result;
  std::vector<std::optional<Event>> valid(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    std::string prefix = path.empty() ? std::string() : fmt::format("{}[{}]", path, i);
    EventResult r;
    r.index = i;
    if (events[i].is_object()) {
      if (const auto* id = events[i].get_object().if_contains("event_id"); id && id->is_string()) {
        r.event_id = std::string(id->get_string());
      }
    }
    ValidatedEvent v = ValidateEvent(events[i], prefix, now);
    r.errors = std::move(v.errors);
    if (v.event) CheckScope(sender, *v.event, prefix, r);
    if (r.errors.empty()) valid[i] = std::move(v.event);
    result.events.push_back(std::move(r));
  }

  // Most batches store every event without a store error, so the events are first written with
  // no savepoint each. A store error rolls that attempt back and the batch is written again with
  // a savepoint per event, so that the failing event is rejected alone. This relies on
  // BatchWriter rejecting an event only before its first write.
  auto lease = db.Acquire();
  std::vector<EventResult> unwritten = result.events;
  std::optional<store::WriteTransaction> tx;
  std::vector<Alarm> alarms;
  std::set<int64_t> cases_with_fees;
  try {
    tx.emplace(lease);
    alarms = WriteEvents(*lease, lease.backend(), sender, now, valid, result.events, path, false,
                         cases_with_fees);
  } catch (const soci::soci_error& e) {
    spdlog::warn("exchange batch retried event by event system={} error={}", sender.system,
                 e.what());
    tx.reset();
    result.events = std::move(unwritten);
    tx.emplace(lease);
    alarms = WriteEvents(*lease, lease.backend(), sender, now, valid, result.events, path, true,
                         cases_with_fees);
  }

  std::set<int64_t> touched;
  for (const EventResult& r : result.events) {
    bool stored = r.status == EventStatus::kAccepted || r.status == EventStatus::kNewVersion;
    if (stored && r.case_id != 0) touched.insert(r.case_id);
  }
  result.related_cases = CasesSharingReceiptsWith(*lease, touched, cases_with_fees);

  for (const EventResult& r : result.events) {
    switch (r.status) {
      case EventStatus::kAccepted:
        ++result.accepted;
        break;
      case EventStatus::kDuplicate:
        ++result.duplicates;
        break;
      case EventStatus::kNewVersion:
        ++result.new_versions;
        break;
      case EventStatus::kRejected:
        ++result.rejected;
        break;
    }
    result.alarms += static_cast<int64_t>(r.alarms.size());
  }
  AppendLedgerEntries(*lease, ledger, actor, sender, result, alarms);
  if (before_commit) before_commit(*lease, result);
  tx->Commit();
  return result;
}

}  // namespace mingjing::exchange
