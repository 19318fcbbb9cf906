// Reading cases, their event timelines with every version, and their tamper alarms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exchange/case_state.h"
#include "store/database.h"

namespace mingjing::exchange {

// One row of the cases table; see 0005_cases.sql for the meaning of each column.
struct Case {
  int64_t id = 0;
  std::string sender_system;
  std::string case_number;
  std::string item_code;
  std::string item_type;
  std::string division_code;
  std::string department_code;
  int64_t department_id = 0;
  std::string applicant_name_hash;
  int64_t submitted_at = 0;
  int64_t accepted_at = 0;
  int64_t completed_at = 0;
  std::string state;
  std::string current_step;
  bool suspended = false;
  std::string outcome;
  std::string result_document_number;
  int64_t fee_total_fen = 0;
  int64_t fee_count = 0;
  int64_t return_count = 0;
  int64_t suspension_count = 0;
  int64_t last_event_at = 0;
  int64_t version = 0;
  int64_t created_at = 0;  // when the platform first received an event of the case
};

struct EventVersion {
  int64_t version = 0;
  int64_t occurred_at = 0;
  int64_t received_at = 0;
  std::string payload;  // canonical JSON as stored
  std::string content_hash;
};

// One event of a case's timeline with every version received, oldest first.
struct TimelineEvent {
  std::string event_id;
  std::string event_type;
  int64_t occurred_at = 0;
  int64_t received_at = 0;
  int64_t version = 0;
  bool withdrawn = false;
  std::vector<EventVersion> versions;
};

struct TamperAlarm {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string event_id;
  std::string kind;
  int64_t old_version = 0;
  int64_t new_version = 0;
  int64_t raised_at = 0;
};

struct CaseFilter {
  std::string scope;  // division code prefix; "" for every division
  std::string state;
  std::string item_code;
  std::string case_number;
  // With either set, only cases of that department: by id, or by the code senders use for it.
  int64_t department_id = 0;
  std::string department_code;
  int64_t limit = 50;
  int64_t offset = 0;
};

std::optional<Case> FindCase(store::Database& db, int64_t id);
// Reads the case within the caller's session, e.g. inside a write transaction.
std::optional<Case> FindCase(soci::session& session, int64_t id);

// Cases matching `filter`, most recent event first.
std::vector<Case> ListCases(store::Database& db, const CaseFilter& filter);

// The case's events ordered by occurred_at, then by arrival.
std::vector<TimelineEvent> CaseTimeline(store::Database& db, int64_t case_id);

std::vector<TamperAlarm> ListTamperAlarms(store::Database& db, int64_t case_id);

// The case's events as FoldEvents reads them, read through an open session so that ingest can
// call it inside its transaction.
std::vector<StoredEvent> LoadStoredEvents(soci::session& session, int64_t case_id);

}  // namespace mingjing::exchange
