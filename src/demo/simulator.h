// The traffic simulator: a business system that sends realistic cases through the public
// exchange interface, built from the server's own catalogue and working calendar, so that the
// console fills with live cases and cards. Each case is one of the kinds below; its events are
// back-dated so that the cards it should raise are due as soon as it arrives.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/time_limit.h"
#include "common/clock.h"
#include "common/error.h"
#include "exchange/signed_client.h"

namespace mingjing::demo {

enum class CaseKind {
  kOnTime,                 // every step in order, completed well before the promised deadline
  kLate,                   // completed a day after the promised deadline
  kPastStatutory,          // completed a day after the statutory deadline (法定时限)
  kSkippedStep,            // a required step of the item never happens
  kFeeOnFreeItem,          // a fee charged on an item that is free by law
  kFeeAboveStandard,       // a fee above the item's standard amount
  kRepeatedCorrection,     // two correction notices (补正) on one case
  kReturnedTwice,          // sent back twice to the same step
  kRefusedShortReason,     // not accepted (不予受理) with a reason under 10 characters
  kAlteredAfterCompletion,  // completed, then resent with a different document number and
                            // corrected
  kReceiptReused,  // the standard fee, with a receipt number that other cases of the same
                   // department in this run carry too
};

// "on_time", "late", "past_statutory", "skipped_step", "fee_on_free_item", "fee_above_standard",
// "repeated_correction", "returned_twice", "refused_short_reason", "altered_after_completion",
// "receipt_reused".
std::string_view CaseKindName(CaseKind kind);
const std::vector<CaseKind>& AllCaseKinds();

// A service item as the simulator uses it, read from GET /api/v1/catalog/items/{id}.
struct SimItem {
  std::string code;
  std::string type;  // catalogue item type code
  int64_t department_id = 0;
  std::string division_code;
  calendar::TimeLimit promised_limit;
  calendar::TimeLimit statutory_limit;
  bool fee_free = true;
  int64_t fee_fen = 0;             // the standard fee when not free
  std::vector<std::string> steps;  // step names in order, e.g. 受理, 审查, 决定, 办结
};

// Whether `item` can carry a case of `kind`. A late case needs a promised deadline, and a case
// past the statutory limit a statutory one. A skipped step needs a step between acceptance and
// completion. A fee above the standard or a reused receipt needs a standard fee.
bool ItemSuits(const SimItem& item, CaseKind kind);

// The instants a case is built around, in Unix seconds. `deadline` is counted from
// `accepted_at`: the statutory deadline for a past_statutory case, the promised one for any
// other, or 0 when the item has no such limit.
struct CaseTimes {
  int64_t accepted_at = 0;
  int64_t deadline = 0;
  int64_t now = 0;
};

// The events of one case. `first` goes in one batch; `follow_up` is sent once `first` is stored,
// as a sender that changes data after the fact would.
struct PlannedCase {
  CaseKind kind = CaseKind::kOnTime;
  std::string case_number;
  std::string query_code;  // printed on the applicant's receipt; opens the progress lookup
  std::vector<boost::json::object> first;
  std::vector<boost::json::object> follow_up;
};

// Builds the events of a case of `kind` on `item`. Every occurred_at lies between
// times.accepted_at minus an hour and times.now. Event ids are "<case_number>-<n>". A
// receipt_reused case charges its fee with `shared_receipt`.
PlannedCase PlanCase(CaseKind kind, const SimItem& item, const CaseTimes& times,
                     const std::string& case_number, std::mt19937_64& rng,
                     const std::string& shared_receipt = "");

struct SimulatorOptions {
  double cases_per_second = 1;
  int64_t duration_seconds = 0;  // 0: no time limit
  int64_t max_cases = 0;         // 0: no limit on the number of cases
  uint64_t seed = 1;
  std::string run_id;   // prefix of case numbers; empty: the clock and 16 random bits
  std::string ack_log;  // file that gets the event id of every event a 2xx response stored
};

struct SimulationSummary {
  std::map<CaseKind, int64_t> cases;
  int64_t requests = 0;
  int64_t failed_requests = 0;  // no HTTP response, or a status other than 200
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t new_versions = 0;
  int64_t rejected = 0;
  int64_t alarms = 0;
  std::vector<CaseKind> skipped_kinds;  // kinds no catalogue item suits
  // A few (case number, query code) pairs to try the public progress lookup with.
  std::vector<std::pair<std::string, std::string>> samples;
};

class Simulator {
 public:
  Simulator(exchange::SignedClient& client, SimulatorOptions options, const Clock& clock);

  // Reads the key's scope (GET /api/v1/exchange/ping) and the items of its division that its
  // item types allow. Fails when the key is refused or no item is found.
  Result<void> LoadCatalogue();

  // Sends cases at the configured rate, cycling through the case kinds, until the duration has
  // passed, max_cases cases were tried, or `stop` becomes true. A failed request is counted and
  // logged, and the run goes on, so the simulator survives a server restart.
  SimulationSummary Run(const std::atomic<bool>& stop);

  const std::vector<SimItem>& items() const { return items_; }

 private:
  Result<exchange::ClientResponse> GetPublic(const std::string& target);
  Result<CaseTimes> TimesFor(CaseKind kind, const SimItem& item);
  Result<int64_t> DeadlineOf(const SimItem& item, const calendar::TimeLimit& limit,
                             int64_t accepted_at);
  void Send(const std::vector<boost::json::object>& events, SimulationSummary& summary);

  exchange::SignedClient& client_;
  SimulatorOptions options_;
  const Clock& clock_;
  std::mt19937_64 rng_;
  std::vector<SimItem> items_;
  int64_t logged_failures_ = 0;
};

}  // namespace mingjing::demo
