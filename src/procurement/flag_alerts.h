// Turns procurement flags into alerts (cards) through the supervision interface, as any business
// system's findings would. Each flag becomes a finding of rule "procurement.<rule>", which obeys
// the stored rule (switched off, level setting, confirm mode). AlertService issues it with the
// flag's evidence, within the caller's write transaction.
//
// The alert has no case. It goes to the supervisors of `division_code`, the division of the tender
// (bids) or of the ocid's first sender (OCDS releases), and to `department_id`, which can then
// respond to the supervisor's inquiry. For bids that is the tender's oversight department, else
// the department of the sending system's API key when the key names one. The tender number or ocid takes the
// case number's place in messages and lists.
#pragma once

#include <soci/soci.h>

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "procurement/procurement_flag.h"
#include "supervision/alert_service.h"
#include "supervision/rule_set.h"

namespace mingjing::procurement {

// A flag as it is handed to the alert service.
struct FlagForAlert {
  std::string rule_code;  // "procurement.<rule>"
  FlagLevel level = FlagLevel::kWarning;
  // Unique among the flags of `FlagAlertTarget::key`; with it forms the alert's dedupe subject.
  std::string subject;
  boost::json::object evidence;
};

struct FlagAlertTarget {
  std::string key;          // "tender:<id>" or "buyer:<id>", so two targets' subjects differ
  std::string case_number;  // tender number, or the ocid of a buyer-risk flag
  std::string title;        // tender title, may be empty
  std::string division_code;
  int64_t department_id = 0;  // the department that responds; 0 for supervisors only
};

// Issues an alert for each flag whose rule is switched on and whose alert does not exist yet.
// Returns, per flag in order, the id of the alert issued, or 0 when none was (rule switched off,
// or the alert already existed).
std::vector<int64_t> IssueFlagAlerts(soci::session& session,
                                     const supervision::AlertService& alerts,
                                     const supervision::RuleSet& rules,
                                     const FlagAlertTarget& target,
                                     const std::vector<FlagForAlert>& flags, int64_t now);

// The template variables of a flag: every text or number member of the evidence, lists joined by
// ", ", and {bidders} and {bid_ids} from the evidence's bids.
boost::json::object FlagTemplateVars(const boost::json::object& evidence);

std::optional<FlagLevel> ParseFlagLevel(std::string_view name);

}  // namespace mingjing::procurement
