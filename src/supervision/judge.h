// The entry point of the rules: judge one case as it stands now. The exchange route calls this
// after every ingested batch for each case it touched, and the timer schedule calls it when a
// case's next_check_at comes due. Judging only reads; turning findings into alerts is the alert
// service's job (alert_service.h).
#pragma once

#include <cstdint>
#include <soci/soci.h>

#include "calendar/working_calendar.h"
#include "common/error.h"
#include "supervision/finding.h"

namespace mingjing::supervision {

class RuleSet;  // rule_set.h: the rules' current settings with their per-item overrides

// Reads the case, its events (current versions, corrections applied), its tamper alarms and its
// service item from `session`, and runs every enabled case rule of `rules` at `now` (Unix
// seconds). Returns NotFound when the case does not exist. A case whose item is missing from
// the catalogue is judged by the rules that need no item (procedure, tamper, dormancy).
Result<Judgement> JudgeCase(soci::session& session, int64_t case_id, const RuleSet& rules,
                            const calendar::WorkingCalendar& calendar, int64_t now);

}  // namespace mingjing::supervision
