#include "supervision/rule_finding.h"

#include <boost/json.hpp>

namespace mingjing::supervision {

std::optional<Finding> StartRuleFinding(const RuleSet& rules, std::string_view code,
                                        Level proposed, std::string subject) {
  const RuleDefinition* definition = FindRuleDefinition(code);
  const Rule* rule = rules.Find(code);
  if (definition == nullptr && rule == nullptr) return std::nullopt;
  if (rule != nullptr && !rules.Enabled(code, "")) return std::nullopt;

  Finding finding;
  finding.rule_code = std::string(code);
  finding.subject = std::move(subject);
  finding.level = proposed;
  boost::json::object settings =
      rule != nullptr ? rules.EffectiveSettings(code, "", "") : DefaultSettings(*definition);
  if (const auto* level = settings.if_contains("level"); level != nullptr && level->is_string()) {
    finding.level = ParseLevel(level->get_string()).value_or(proposed);
  }
  finding.rule_version = rule != nullptr ? rule->version : 1;
  RuleMode mode = rule != nullptr ? rule->mode : definition->mode;
  finding.needs_confirmation = mode == RuleMode::kConfirm;
  return finding;
}

}  // namespace mingjing::supervision
