// Row helpers shared by the rule reads and the rule administration services. Internal to
// mingjing_supervision.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "supervision/rule_set.h"

namespace mingjing::supervision {

// Writes `rule` as it is now to rule_versions.
void InsertRuleVersion(soci::session& session, const Rule& rule, const std::string& changed_by,
                       int64_t changed_at);

}  // namespace mingjing::supervision
