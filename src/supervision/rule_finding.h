// Findings raised outside the case judgement, such as procurement flags, made to obey the stored
// rules exactly as case findings do. A switched-off rule raises nothing. The rule's "level"
// setting replaces the level proposed, and a rule in "confirm" mode leaves the alert pending.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "supervision/finding.h"
#include "supervision/rule_set.h"

namespace mingjing::supervision {

// Starts a finding of rule `code` on `subject`, or returns nothing when the rule is switched off.
// `proposed` is the level the raising domain chose (a rule may grade its own findings); a
// "level" in the rule's settings takes its place. A rule with no stored row follows its catalogue
// defaults, and a code unknown to the catalogue too raises nothing.
std::optional<Finding> StartRuleFinding(const RuleSet& rules, std::string_view code,
                                        Level proposed, std::string subject);

}  // namespace mingjing::supervision
