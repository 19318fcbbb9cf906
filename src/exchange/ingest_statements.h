// The statements that ingest runs for every event, prepared once per batch. SOCI prepares an
// inline statement anew on each call, and on SQLite that parse cost more than the rows written.
// Here each statement binds to the fields below and runs again for each event with new values.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "exchange/case_state.h"
#include "exchange/event.h"

namespace mingjing::exchange {

class IngestStatements {
 public:
  explicit IngestStatements(soci::session& session);
  IngestStatements(const IngestStatements&) = delete;
  IngestStatements& operator=(const IngestStatements&) = delete;

  struct CaseRow {
    int64_t id = 0;
    std::string item_code;
    std::string item_type;
    std::string division_code;
    int64_t completed_at = 0;
  };
  struct EventRow {
    int64_t id = 0;
    int64_t case_id = 0;
    std::string case_number;
    EventType type = EventType::kSubmitted;
    int64_t version = 0;
    std::string content_hash;
  };
  struct NewEvent {
    int64_t case_id = 0;
    std::string system;
    std::string event_id;
    std::string type;
    int64_t occurred_at = 0;
    int64_t received_at = 0;
    std::string payload;
    std::string content_hash;
  };

  std::optional<CaseRow> FindCase(const std::string& system, const std::string& number);
  std::optional<EventRow> FindEvent(const std::string& system, const std::string& event_id);
  bool ItemInCatalogue(const std::string& code);
  bool DepartmentExists(int64_t id);
  // Inserts the event as version 1 and returns its row id.
  int64_t InsertEvent(const NewEvent& e);
  void InsertVersion(int64_t event_row_id, int64_t version, int64_t occurred_at,
                     int64_t received_at, const std::string& payload,
                     const std::string& content_hash);
  // Every stored event of the case, for folding into its state.
  std::vector<StoredEvent> LoadEvents(int64_t case_id);

 private:
  soci::session& session_;
  // Inputs. long long rather than int64_t: the type SOCI binds as a 64-bit integer.
  std::string system_, number_, event_id_, item_code_, type_, payload_, hash_;
  long long key_ = 0, case_key_ = 0, version_ = 0, occurred_ = 0, received_ = 0;
  // Outputs.
  long long out_id_ = 0, out_case_id_ = 0, out_completed_ = 0, out_version_ = 0, out_count_ = 0;
  long long out_occurred_ = 0, out_withdrawn_ = 0;
  std::string out_a_, out_b_, out_c_;

  std::optional<soci::statement> find_case_, find_event_, item_, department_, insert_event_,
      insert_version_, load_events_;
};

}  // namespace mingjing::exchange
