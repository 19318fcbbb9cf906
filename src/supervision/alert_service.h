// The alert service turns findings into alerts (cards). A finding whose dedupe key is new becomes
// one alert, one alert_actions row ("issue"), one ledger entry ("alert.issue") and one call of
// each listener, all inside the caller's write transaction. A known finding changes nothing.
// Because the key is unique in the store, several servers judging the same case at once still
// issue each card once.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "exchange/case_query.h"
#include "ledger/ledger.h"
#include "supervision/alert_store.h"
#include "supervision/finding.h"

namespace mingjing::supervision {

// One event in the life of an alert: "issued" for a new alert (issued or pending), or
// "action:<name>" for a handling step.
struct AlertEvent {
  const Alert& alert;  // the alert after the event
  std::string event;
};

// Called inside the write transaction that made the change, with its session, so that a
// listener can write an outbox row that commits or rolls back with the change. A listener
// that throws rolls the change back.
using AlertListener = std::function<void(soci::session&, const AlertEvent&, int64_t now)>;

// The subject of new alerts: a case, or for order deadlines the case of an earlier alert.
struct AlertTarget {
  int64_t case_id = 0;
  std::string case_number;
  std::string item_code;
  std::string division_code;
  int64_t department_id = 0;
  // Key the alert by department instead of case: findings about a whole department, such as the
  // monthly trends, whose subject ("month:2026-11") is the same for every department.
  bool by_department = false;
};

// The target of a case. A case that names its department only by code gets the id of the
// department with that code in the case's division, when there is one.
AlertTarget TargetOfCase(soci::session& session, const exchange::Case& c);

struct ApplyResult {
  std::vector<Alert> issued;  // alerts created by this call, issued or pending
  int64_t known = 0;          // findings whose alert already existed
};

class AlertService {
 public:
  explicit AlertService(ledger::Ledger& ledger) : ledger_(ledger) {}

  // Adds a listener. Call before the service is shared between threads.
  void AddListener(AlertListener listener) { listeners_.push_back(std::move(listener)); }

  // Issues an alert for each new finding of `judgement` on case `c`, within the caller's open
  // write transaction on `session`. `now` is Unix seconds. Throws soci::soci_error on a store
  // failure, which rolls the caller's transaction back.
  ApplyResult ApplyJudgement(soci::session& session, const exchange::Case& c,
                             const Judgement& judgement, int64_t now) const;

  // The same for findings on any target, e.g. an order deadline on the case of an earlier alert.
  ApplyResult IssueFindings(soci::session& session, const AlertTarget& target,
                            const std::vector<Finding>& findings, int64_t now) const;

  // Calls every listener for `event` of `alert`.
  void Announce(soci::session& session, const Alert& alert, std::string event, int64_t now) const;

  ledger::Ledger& ledger() const { return ledger_; }

 private:
  ledger::Ledger& ledger_;
  std::vector<AlertListener> listeners_;
};

// The Chinese and English messages of `finding` from its rule's stored templates, or from the
// catalogue's when the rule has no stored row.
std::pair<std::string, std::string> RenderMessages(soci::session& session, const Finding& finding);

}  // namespace mingjing::supervision
