// The catalogue of supervision rules: every rule code of the platform, with its category,
// default level, mode and settings, its message templates and the legal source it enforces.
// The stored `rules` rows start from these defaults (EnsureDefaultRules in rule_set.h) and
// administrators change them from there; the catalogue itself never changes at run time.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "supervision/finding.h"

namespace mingjing::supervision {

std::optional<Level> ParseLevel(std::string_view name);

// "auto": a finding is issued as a card at once. "confirm": it waits as a pending alert until a
// supervisor confirms it.
enum class RuleMode { kAuto, kConfirm };

std::string_view RuleModeName(RuleMode mode);  // "auto", "confirm"
std::optional<RuleMode> ParseRuleMode(std::string_view name);

// The type a settings member must have.
enum class SettingKind {
  kRatio,        // a number in (0, 1]
  kWholeNumber,  // an integer between min and max
  kTextList,     // an array of strings
  kTimeLimit,    // {"unit": "working_days", "amount": 15}, as the catalogue states limits
  kFlag,         // true or false
  kLevel,        // "warning", "yellow" or "red"
};

struct SettingSpec {
  std::string_view name;
  SettingKind kind;
  int64_t min = 0;
  int64_t max = 0;
};

struct RuleDefinition {
  std::string_view code;
  std::string_view category;  // time, step, procedure, fee, correction, return, refusal,
                              // dormancy, tamper, trend, order, procurement
  Level level = Level::kWarning;
  RuleMode mode = RuleMode::kAuto;
  std::string_view default_settings;  // JSON object text
  std::span<const SettingSpec> settings;
  std::string_view template_zh;  // {placeholders} filled from Finding::vars
  std::string_view template_en;
  std::string_view meaning;       // one sentence for the administrator's screen
  std::string_view legal_source;  // the law and article, or the policy, behind the rule
};

// Every rule, in the order the documentation lists them.
std::span<const RuleDefinition> RuleCatalog();

const RuleDefinition* FindRuleDefinition(std::string_view code);

// The parsed default settings of `rule`.
boost::json::object DefaultSettings(const RuleDefinition& rule);

// Checks `settings` against the rule's setting specs. Every rule also accepts "level", and
// "by_type" (an object of item types, each holding the same members except by_type). The error
// names the offending member below `field`, e.g. "settings.by_type.penalty.warn_ratio".
Result<void> ValidateSettings(const RuleDefinition& rule, const boost::json::object& settings,
                              const std::string& field = "settings");

// Replaces each {name} of `text` by vars[name]: strings as they are, numbers in decimal. An
// unknown name stays as written, so a template with a typo still shows where it is wrong.
std::string FillTemplate(std::string_view text, const boost::json::object& vars);

// Checks a message template: not empty, at most 1,000 bytes, braces balanced.
Result<void> ValidateTemplate(std::string_view text, const std::string& field);

}  // namespace mingjing::supervision
