// The state of a case, derived from all of its events. The state is never updated in place by
// one event: it is recomputed from every stored event ordered by occurred_at, so events that
// arrive out of order still give the state they describe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "exchange/event.h"
#include "exchange/fee_receipts.h"

namespace mingjing::exchange {

// One stored event as the fold reads it: the current version of its canonical payload.
struct StoredEvent {
  int64_t row_id = 0;  // case_events.id, the tie-breaker after occurred_at and type
  EventType type = EventType::kSubmitted;
  int64_t occurred_at = 0;
  std::string payload;
  bool withdrawn = false;
};

// A step of the case that the public progress lookup shows: what happened and when.
struct Milestone {
  EventType type = EventType::kSubmitted;
  std::string step_code;  // step events: the step; returned: the step sent back to
  std::string step_name;  // step events, when the sender named the step
  int64_t occurred_at = 0;
};

// A period during which the case's clock stood still, from a suspended event to the next
// resumed event with the same reason code.
struct SuspensionPeriod {
  std::string reason_code;  // one of kSuspensionReasons
  int64_t days = 0;         // the days the sender stated for the procedure
  int64_t start = 0;
  int64_t end = 0;  // 0 while the case is still suspended
};

struct CaseState {
  std::string state = "submitted";  // see the cases.state column for the values
  std::string current_step;
  bool suspended = false;
  std::string outcome;
  std::string result_document_number;
  std::string applicant_name_hash;
  std::string department_code;
  int64_t department_id = 0;
  int64_t submitted_at = 0;
  int64_t accepted_at = 0;
  int64_t completed_at = 0;  // set by completed and by not_accepted, which both close a case
  int64_t fee_total_fen = 0;
  int64_t fee_count = 0;
  int64_t return_count = 0;
  int64_t suspension_count = 0;
  int64_t last_event_at = 0;
  std::string query_code_hash;                // from the submitted event; "" when none was given
  std::vector<Milestone> milestones;          // in the fold's order
  std::vector<SuspensionPeriod> suspensions;  // in the fold's order
  std::vector<FeeReceipt> fees;               // in the fold's order
};

// Returns the rank that orders events stamped with the same second the way a case moves:
// submitted first, then acceptance, steps, suspensions, fees, returns and completion.
int EventOrderRank(EventType type);

// Applies the corrections among `events` to their targets, drops withdrawn events, orders the
// rest by (occurred_at, type rank, row id) and folds them into the case state. The type rank
// orders events stamped with the same second the way a case moves (submitted before accepted
// before a step before completed).
CaseState FoldEvents(std::vector<StoredEvent> events);

}  // namespace mingjing::exchange
