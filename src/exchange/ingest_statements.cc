#include "exchange/ingest_statements.h"

#include "exchange/event.h"

namespace mingjing::exchange {

using soci::into;
using soci::use;

IngestStatements::IngestStatements(soci::session& session) : session_(session) {}

std::optional<IngestStatements::CaseRow> IngestStatements::FindCase(const std::string& system,
                                                                     const std::string& number) {
  if (!find_case_) {
    find_case_.emplace(
        (session_.prepare << "SELECT id, item_code, item_type, division_code, completed_at "
                             "FROM cases WHERE sender_system = :s AND case_number = :n",
         use(system_), use(number_), into(out_id_), into(out_a_), into(out_b_), into(out_c_),
         into(out_completed_)));
  }
  system_ = system;
  number_ = number;
  if (!find_case_->execute(true)) return std::nullopt;
  return CaseRow{out_id_, out_a_, out_b_, out_c_, out_completed_};
}

std::optional<IngestStatements::EventRow> IngestStatements::FindEvent(
    const std::string& system, const std::string& event_id) {
  if (!find_event_) {
    find_event_.emplace(
        (session_.prepare << "SELECT e.id, e.case_id, c.case_number, e.event_type, e.version, "
                             "e.content_hash FROM case_events e JOIN cases c ON c.id = e.case_id "
                             "WHERE e.sender_system = :s AND e.event_id = :e",
         use(system_), use(event_id_), into(out_id_), into(out_case_id_), into(out_a_),
         into(out_b_), into(out_version_), into(out_c_)));
  }
  system_ = system;
  event_id_ = event_id;
  if (!find_event_->execute(true)) return std::nullopt;
  return EventRow{out_id_, out_case_id_, out_a_,
                  ParseEventType(out_b_).value_or(EventType::kSubmitted), out_version_, out_c_};
}

bool IngestStatements::ItemInCatalogue(const std::string& code) {
  if (!item_) {
    item_.emplace((session_.prepare << "SELECT count(*) FROM service_items WHERE code = :c",
                   use(item_code_), into(out_count_)));
  }
  item_code_ = code;
  item_->execute(true);
  return out_count_ > 0;
}

bool IngestStatements::DepartmentExists(int64_t id) {
  if (!department_) {
    department_.emplace((session_.prepare << "SELECT count(*) FROM departments WHERE id = :id",
                         use(key_), into(out_count_)));
  }
  key_ = id;
  department_->execute(true);
  return out_count_ > 0;
}

int64_t IngestStatements::InsertEvent(const NewEvent& e) {
  if (!insert_event_) {
    insert_event_.emplace(
        (session_.prepare << "INSERT INTO case_events (case_id, sender_system, event_id, "
                             "event_type, occurred_at, received_at, payload, content_hash, "
                             "version) VALUES (:c, :s, :e, :t, :o, :r, :p, :h, 1) RETURNING id",
         use(case_key_), use(system_), use(event_id_), use(type_), use(occurred_),
         use(received_), use(payload_), use(hash_), into(out_id_)));
  }
  case_key_ = e.case_id;
  system_ = e.system;
  event_id_ = e.event_id;
  type_ = e.type;
  occurred_ = e.occurred_at;
  received_ = e.received_at;
  payload_ = e.payload;
  hash_ = e.content_hash;
  insert_event_->execute(true);
  return out_id_;
}

void IngestStatements::InsertVersion(int64_t event_row_id, int64_t version, int64_t occurred_at,
                                     int64_t received_at, const std::string& payload,
                                     const std::string& content_hash) {
  if (!insert_version_) {
    insert_version_.emplace(
        (session_.prepare << "INSERT INTO case_event_versions (event_row_id, version, "
                             "occurred_at, received_at, payload, content_hash) "
                             "VALUES (:e, :v, :o, :r, :p, :h)",
         use(key_), use(version_), use(occurred_), use(received_), use(payload_), use(hash_)));
  }
  key_ = event_row_id;
  version_ = version;
  occurred_ = occurred_at;
  received_ = received_at;
  payload_ = payload;
  hash_ = content_hash;
  insert_version_->execute(true);
}

std::vector<StoredEvent> IngestStatements::LoadEvents(int64_t case_id) {
  if (!load_events_) {
    load_events_.emplace(
        (session_.prepare << "SELECT id, event_type, occurred_at, payload, withdrawn FROM "
                             "case_events WHERE case_id = :c",
         use(case_key_), into(out_id_), into(out_a_), into(out_occurred_), into(out_b_),
         into(out_withdrawn_)));
  }
  case_key_ = case_id;
  std::vector<StoredEvent> events;
  load_events_->execute(false);
  while (load_events_->fetch()) {
    std::optional<EventType> type = ParseEventType(out_a_);
    if (!type) continue;
    events.push_back(StoredEvent{out_id_, *type, out_occurred_, out_b_, out_withdrawn_ != 0});
  }
  return events;
}

}  // namespace mingjing::exchange
