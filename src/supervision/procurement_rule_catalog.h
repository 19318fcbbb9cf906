// The procurement rows of the rule catalogue, kept apart from the case rules because another
// domain raises their findings. Internal to mingjing_supervision: read them through RuleCatalog().
#pragma once

#include <span>

#include "supervision/rule_catalog.h"

namespace mingjing::supervision {

// The procurement.* rules, in the order the documentation lists them.
std::span<const RuleDefinition> ProcurementRuleDefinitions();

}  // namespace mingjing::supervision
