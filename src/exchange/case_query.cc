#include "exchange/case_query.h"

#include <map>

#include "store/row.h"

namespace mingjing::exchange {
namespace {

constexpr const char* kCaseColumns =
    "SELECT id, sender_system, case_number, item_code, item_type, division_code, "
    "department_code, department_id, applicant_name_hash, submitted_at, accepted_at, "
    "completed_at, state, current_step, suspended, outcome, result_document_number, "
    "fee_total_fen, fee_count, return_count, suspension_count, last_event_at, version, created_at "
    "FROM cases";

Case CaseFromRow(const soci::row& r) {
  Case c;
  c.id = store::Int64(r, 0);
  c.sender_system = store::Text(r, 1);
  c.case_number = store::Text(r, 2);
  c.item_code = store::Text(r, 3);
  c.item_type = store::Text(r, 4);
  c.division_code = store::Text(r, 5);
  c.department_code = store::Text(r, 6);
  c.department_id = store::Int64(r, 7);
  c.applicant_name_hash = store::Text(r, 8);
  c.submitted_at = store::Int64(r, 9);
  c.accepted_at = store::Int64(r, 10);
  c.completed_at = store::Int64(r, 11);
  c.state = store::Text(r, 12);
  c.current_step = store::Text(r, 13);
  c.suspended = store::Int64(r, 14) != 0;
  c.outcome = store::Text(r, 15);
  c.result_document_number = store::Text(r, 16);
  c.fee_total_fen = store::Int64(r, 17);
  c.fee_count = store::Int64(r, 18);
  c.return_count = store::Int64(r, 19);
  c.suspension_count = store::Int64(r, 20);
  c.last_event_at = store::Int64(r, 21);
  c.version = store::Int64(r, 22);
  c.created_at = store::Int64(r, 23);
  return c;
}

}  // namespace

std::optional<Case> FindCase(store::Database& db, int64_t id) {
  auto lease = db.Acquire();
  return FindCase(*lease, id);
}

std::optional<Case> FindCase(soci::session& session, int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kCaseColumns) + " WHERE id = :id", soci::use(key));
  for (const soci::row& r : rows) return CaseFromRow(r);
  return std::nullopt;
}

std::vector<Case> ListCases(store::Database& db, const CaseFilter& filter) {
  // Empty filter values match everything, so one statement serves every combination.
  auto lease = db.Acquire();
  std::string scope = filter.scope + "%";
  long long department = filter.department_id;
  long long limit = filter.limit;
  long long offset = filter.offset;
  std::vector<Case> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kCaseColumns) +
                             " WHERE division_code LIKE :scope "
                             "AND (:state = '' OR state = :state2) "
                             "AND (:item = '' OR item_code = :item2) "
                             "AND (:number = '' OR case_number = :number2) "
                             "AND ((:dept = 0 AND :dcode = '') OR department_id = :dept2 "
                             "OR (:dcode2 <> '' AND department_code = :dcode3)) "
                             "ORDER BY last_event_at DESC, id DESC LIMIT :limit OFFSET :offset",
       soci::use(scope), soci::use(filter.state), soci::use(filter.state),
       soci::use(filter.item_code), soci::use(filter.item_code), soci::use(filter.case_number),
       soci::use(filter.case_number), soci::use(department), soci::use(filter.department_code),
       soci::use(department), soci::use(filter.department_code), soci::use(filter.department_code),
       soci::use(limit), soci::use(offset));
  for (const soci::row& r : rows) out.push_back(CaseFromRow(r));
  return out;
}

std::vector<TimelineEvent> CaseTimeline(store::Database& db, int64_t case_id) {
  auto lease = db.Acquire();
  long long key = case_id;
  std::vector<TimelineEvent> out;
  std::map<int64_t, size_t> index_by_row;
  soci::rowset<soci::row> events =
      (lease->prepare << "SELECT id, event_id, event_type, occurred_at, received_at, version, "
                         "withdrawn FROM case_events WHERE case_id = :c ORDER BY occurred_at, id",
       soci::use(key));
  for (const soci::row& r : events) {
    index_by_row[store::Int64(r, 0)] = out.size();
    out.push_back(TimelineEvent{store::Text(r, 1),
                                store::Text(r, 2),
                                store::Int64(r, 3),
                                store::Int64(r, 4),
                                store::Int64(r, 5),
                                store::Int64(r, 6) != 0,
                                {}});
  }
  soci::rowset<soci::row> versions =
      (lease->prepare << "SELECT v.event_row_id, v.version, v.occurred_at, v.received_at, "
                         "v.payload, v.content_hash FROM case_event_versions v "
                         "JOIN case_events e ON e.id = v.event_row_id WHERE e.case_id = :c "
                         "ORDER BY v.event_row_id, v.version",
       soci::use(key));
  for (const soci::row& r : versions) {
    auto it = index_by_row.find(store::Int64(r, 0));
    if (it == index_by_row.end()) continue;
    out[it->second].versions.push_back(EventVersion{store::Int64(r, 1), store::Int64(r, 2),
                                                    store::Int64(r, 3), store::Text(r, 4),
                                                    store::Text(r, 5)});
  }
  return out;
}

std::vector<TamperAlarm> ListTamperAlarms(store::Database& db, int64_t case_id) {
  auto lease = db.Acquire();
  long long key = case_id;
  std::vector<TamperAlarm> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT id, case_id, event_id, kind, old_version, new_version, "
                         "raised_at FROM tamper_alarms WHERE case_id = :c ORDER BY id",
       soci::use(key));
  for (const soci::row& r : rows) {
    out.push_back(TamperAlarm{store::Int64(r, 0), store::Int64(r, 1), store::Text(r, 2),
                              store::Text(r, 3), store::Int64(r, 4), store::Int64(r, 5),
                              store::Int64(r, 6)});
  }
  return out;
}

std::vector<StoredEvent> LoadStoredEvents(soci::session& session, int64_t case_id) {
  long long key = case_id;
  std::vector<StoredEvent> events;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT id, event_type, occurred_at, payload, withdrawn FROM "
                          "case_events WHERE case_id = :c",
       soci::use(key));
  for (const soci::row& row : rows) {
    auto type = ParseEventType(store::Text(row, 1));
    if (!type) continue;
    events.push_back(StoredEvent{store::Int64(row, 0), *type, store::Int64(row, 2),
                                 store::Text(row, 3), store::Int64(row, 4) != 0});
  }
  return events;
}

}  // namespace mingjing::exchange
