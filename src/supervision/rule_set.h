// The rules as stored: each rule's current version and settings, its per-item overrides, and
// the services that change them. Every change bumps the rule's version, keeps the new version in
// rule_versions and appends a ledger entry in the same transaction.
#pragma once

#include <soci/soci.h>

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "ledger/ledger.h"
#include "store/database.h"
#include "supervision/finding.h"
#include "supervision/rule_catalog.h"

namespace mingjing::supervision {

struct Rule {
  std::string code;
  std::string category;
  int version = 1;
  bool enabled = true;
  RuleMode mode = RuleMode::kAuto;
  boost::json::object settings;
  std::string template_zh;
  std::string template_en;
  int64_t updated_at = 0;  // Unix seconds
};

// A rule's setting for one service item. An empty optional keeps the rule's own value.
struct RuleOverride {
  std::string rule_code;
  std::string item_code;
  std::optional<bool> enabled;
  std::optional<boost::json::object> settings;  // merged over the rule's settings
  int64_t updated_at = 0;
};

struct RuleVersion {
  int version = 0;
  bool enabled = true;
  RuleMode mode = RuleMode::kAuto;
  boost::json::object settings;
  std::string template_zh;
  std::string template_en;
  std::string changed_by;
  int64_t changed_at = 0;
};

// An immutable snapshot of the rules and their overrides, cheap to share between judgements.
class RuleSet {
 public:
  RuleSet() = default;
  RuleSet(std::vector<Rule> rules, std::vector<RuleOverride> overrides);

  // The catalogue's defaults at version 1, for tests and for a store without rules.
  static RuleSet Defaults();

  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<RuleOverride>& overrides() const { return overrides_; }

  const Rule* Find(std::string_view code) const;
  const RuleOverride* FindOverride(std::string_view code, std::string_view item_code) const;

  // False when the rule is unknown, switched off, or switched off for `item_code`.
  bool Enabled(std::string_view code, std::string_view item_code) const;

  // The settings that apply to a case of `item_code` whose item type is `type_key`: the rule's
  // settings, then the item's override over them, then by_type[type_key] of the result. Each
  // step replaces members one by one; by_type itself is left out of the result.
  boost::json::object EffectiveSettings(std::string_view code, std::string_view item_code,
                                        std::string_view type_key) const;

 private:
  std::vector<Rule> rules_;
  std::vector<RuleOverride> overrides_;
};

// Reads every rule and override.
RuleSet LoadRuleSet(soci::session& session);
RuleSet LoadRuleSet(store::Database& db);

// Inserts each catalogue rule missing from the store at version 1, with its first rule_versions
// row, and one ledger entry naming the rules inserted. Leaves stored rules as they are, so it is
// safe to call on every start. Returns the number of rules inserted.
int EnsureDefaultRules(store::Database& db, ledger::Ledger& ledger, const Clock& clock);

// Every version of a rule, oldest first.
std::vector<RuleVersion> ListRuleVersions(store::Database& db, std::string_view code);

// An administrator's change to a rule. Absent members stay as they are.
struct RuleChange {
  std::optional<bool> enabled;
  std::optional<RuleMode> mode;
  std::optional<boost::json::object> settings;  // replaces the settings as a whole
  std::optional<std::string> template_zh;
  std::optional<std::string> template_en;
  int expected_version = 0;  // when not 0, must equal the stored version (kConflict otherwise)
};

// Validates and applies `change`. NotFound for an unknown code; InvalidField naming the member
// ("settings.warn_ratio", "template_zh").
Result<Rule> UpdateRule(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                        std::string_view code, const RuleChange& change, const Clock& clock);

struct OverrideChange {
  std::optional<bool> enabled;
  std::optional<boost::json::object> settings;
  int expected_version = 0;  // of the rule, as for RuleChange
};

// Creates or replaces the override of `code` for `item_code`, which must be in the catalogue
// once the catalogue is loaded. The rule's version is bumped, since its effect changes.
Result<RuleOverride> SetOverride(store::Database& db, ledger::Ledger& ledger,
                                 const ledger::Actor& actor, std::string_view code,
                                 std::string_view item_code, const OverrideChange& change,
                                 const Clock& clock);

// Removes the override; NotFound when there is none.
Result<void> DeleteOverride(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                            std::string_view code, std::string_view item_code, const Clock& clock);

boost::json::object RuleToJson(const Rule& rule);
boost::json::object OverrideToJson(const RuleOverride& rule_override);
boost::json::object RuleVersionToJson(const RuleVersion& version);

}  // namespace mingjing::supervision
