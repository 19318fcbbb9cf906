// The red-flag indicators over stored OCDS data. After releases are pushed or imported, the eleven
// indicators run over every compiled release of the sending division. Each process-level result
// (the "OCID" group) not alerted before becomes a warning card.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "procurement/flag_alerts.h"
#include "procurement/indicator_settings.h"
#include "store/database.h"
#include "supervision/alert_service.h"

namespace mingjing::procurement {

// Runs the indicators in `settings` over the compiled releases of each of `division_codes`, each
// division in a write transaction of its own, and issues one alert of rule
// "procurement.indicator_<code>" per flagged (ocid, indicator) not alerted before. The alert goes
// to that division and to `department_id` (0 for none). The indicators compare a process with the
// others of the division, so a new release can flag an older process. A division whose run fails
// is logged and skipped, because the releases are already stored. Returns the alerts issued.
int64_t JudgeIndicators(store::Database& db, const supervision::AlertService& alerts,
                        const std::vector<std::string>& division_codes, int64_t department_id,
                        const Clock& clock,
                        const IndicatorSettings& settings = DefaultIndicatorSettings());

// Builds the flag of one process-level result: rule "procurement.indicator_<code>" (lower case),
// subject the indicator code, evidence the code, name, ocid, value and what the value measures,
// and the division's counts of processes examined and excluded.
FlagForAlert IndicatorFlag(std::string_view indicator, std::string_view ocid, double value,
                           const std::string& division_code, uint64_t processes_examined,
                           uint64_t processes_excluded);

}  // namespace mingjing::procurement
