// Ingest of event batches from business systems: validation, scope checks, idempotent storage,
// event versions, tamper alarms and the recomputed case state, all in one transaction that is
// committed before the caller answers, so a returned result means the events are durable.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "exchange/event_validation.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::exchange {

// The business system a batch comes from and what its key allows.
struct Sender {
  std::string system;                   // api_keys.key_id, or "import" for an unsigned file import
  std::string division_code;            // the key's division; events must lie inside its subtree
  std::vector<std::string> item_types;  // allowed item types; empty allows every type
};

enum class EventStatus {
  kAccepted,    // stored for the first time
  kDuplicate,   // same sender, event id and content as before: nothing changed
  kNewVersion,  // same event id with different content: stored as a new version, alarm raised
  kRejected,    // not stored; `errors` says why
};

std::string_view EventStatusName(EventStatus status);

// Tamper alarm kinds, as stored in tamper_alarms.kind.
inline constexpr std::string_view kResendWithDifferentContent = "resend_with_different_content";
inline constexpr std::string_view kChangeAfterCompletion = "change_after_completion";
inline constexpr std::string_view kDeletion = "deletion";

struct EventResult {
  size_t index = 0;  // position in the batch
  std::string event_id;
  EventStatus status = EventStatus::kRejected;
  int64_t case_id = 0;  // the platform's case id, 0 when rejected before a case was found
  int64_t version = 0;  // the event's version after this call
  std::vector<FieldError> errors;
  std::vector<std::string> alarms;  // kinds of the tamper alarms this event raised
};

struct BatchResult {
  std::vector<EventResult> events;
  // Cases the batch did not touch whose judgement may change with it: cases that share a fee
  // receipt number with a touched case, by department or sending system.
  std::vector<int64_t> related_cases;
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t new_versions = 0;
  int64_t rejected = 0;
  int64_t alarms = 0;
};

// Work that must commit with the batch or not at all, e.g. scheduling the touched cases for
// judging. Runs inside the batch's transaction, after its rows and ledger entries.
using BeforeCommit = std::function<void(soci::session&, const BatchResult&)>;

// Stores a batch of at most kMaxEventsPerBatch events. A bad event is rejected on its own and
// never blocks the others, even when the store fails on it. Error fields are named
// `<path>[i].<field>`, e.g. "events[3].occurred_at", or just `<field>` when `path` is empty (a
// file import reports line numbers instead). Appends one ledger entry for the batch and one per
// tamper alarm. Returns kTooLarge for an oversized batch; throws soci::soci_error when the store
// fails, with nothing committed.
Result<BatchResult> IngestEvents(store::Database& db, ledger::Ledger& ledger,
                                 const ledger::Actor& actor, const Sender& sender,
                                 std::span<const boost::json::value> events, const Clock& clock,
                                 std::string_view path = "events",
                                 const BeforeCommit& before_commit = {});

}  // namespace mingjing::exchange
