// The buyer risk rules over stored OCDS data: after releases are pushed or imported, every
// compiled release of each buyer they touched is judged again, and new flags become alerts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "procurement/buyer_risk_rules.h"
#include "store/database.h"
#include "supervision/alert_service.h"

namespace mingjing::procurement {

// Runs the buyer risk rules over all stored compiled releases of each buyer in `buyer_ids` and
// issues an alert for each flag not alerted before, each buyer in a write transaction of its own.
// An alert goes to the division that stores the flagged ocid and to `department_id`, the
// department of the sending system's key (0 for none). A buyer whose judging fails is
// logged and skipped, because the releases are already stored and acknowledged; the next release
// of that buyer judges it again. Returns the number of alerts issued.
int64_t JudgeBuyers(store::Database& db, const supervision::AlertService& alerts,
                    const std::vector<std::string>& buyer_ids, int64_t department_id,
                    const Clock& clock,
                    const BuyerRiskSettings& settings = {});

}  // namespace mingjing::procurement
