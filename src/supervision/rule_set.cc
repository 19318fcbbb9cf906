#include "supervision/rule_set.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "store/row.h"
#include "store/transaction.h"
#include "supervision/rule_rows.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;

json::object ParseObject(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  return !ec && value.is_object() ? std::move(value.as_object()) : json::object();
}

// Replaces the members of `base` by those of `over`, one by one. by_type is merged one level
// deeper, so an override may change one member for one item type and keep the rest.
void MergeInto(json::object& base, const json::object& over) {
  for (const auto& [key, value] : over) {
    json::value* existing = base.if_contains(key);
    if (key == "by_type" && existing && existing->is_object() && value.is_object()) {
      for (const auto& [type, type_settings] : value.get_object()) {
        json::value* target = existing->as_object().if_contains(type);
        if (target && target->is_object() && type_settings.is_object()) {
          for (const auto& [k, v] : type_settings.get_object()) target->as_object()[k] = v;
        } else {
          existing->as_object()[type] = type_settings;
        }
      }
      continue;
    }
    base[key] = value;
  }
}

Rule DefaultRule(const RuleDefinition& definition, int64_t now) {
  return Rule{.code = std::string(definition.code),
              .category = std::string(definition.category),
              .version = 1,
              .enabled = true,
              .mode = definition.mode,
              .settings = DefaultSettings(definition),
              .template_zh = std::string(definition.template_zh),
              .template_en = std::string(definition.template_en),
              .updated_at = now};
}

}  // namespace

RuleSet::RuleSet(std::vector<Rule> rules, std::vector<RuleOverride> overrides)
    : rules_(std::move(rules)), overrides_(std::move(overrides)) {}

RuleSet RuleSet::Defaults() {
  std::vector<Rule> rules;
  for (const RuleDefinition& definition : RuleCatalog()) {
    rules.push_back(DefaultRule(definition, 0));
  }
  return RuleSet(std::move(rules), {});
}

const Rule* RuleSet::Find(std::string_view code) const {
  for (const Rule& rule : rules_) {
    if (rule.code == code) return &rule;
  }
  return nullptr;
}

const RuleOverride* RuleSet::FindOverride(std::string_view code, std::string_view item_code) const {
  for (const RuleOverride& o : overrides_) {
    if (o.rule_code == code && o.item_code == item_code) return &o;
  }
  return nullptr;
}

bool RuleSet::Enabled(std::string_view code, std::string_view item_code) const {
  const Rule* rule = Find(code);
  if (rule == nullptr) return false;
  const RuleOverride* o = FindOverride(code, item_code);
  if (o != nullptr && o->enabled) return *o->enabled;
  return rule->enabled;
}

json::object RuleSet::EffectiveSettings(std::string_view code, std::string_view item_code,
                                        std::string_view type_key) const {
  const Rule* rule = Find(code);
  if (rule == nullptr) return {};
  json::object settings = rule->settings;
  const RuleOverride* o = FindOverride(code, item_code);
  if (o != nullptr && o->settings) MergeInto(settings, *o->settings);

  json::object by_type;
  if (json::value* v = settings.if_contains("by_type"); v && v->is_object()) {
    by_type = std::move(v->as_object());
  }
  settings.erase("by_type");
  if (json::value* v = by_type.if_contains(type_key); v && v->is_object()) {
    MergeInto(settings, v->as_object());
  }
  return settings;
}

RuleSet LoadRuleSet(soci::session& session) {
  std::vector<Rule> rules;
  soci::rowset<soci::row> rule_rows =
      (session.prepare << "SELECT code, category, version, enabled, mode, settings, "
                          "template_zh, template_en, updated_at FROM rules ORDER BY code");
  for (const soci::row& r : rule_rows) {
    rules.push_back(Rule{.code = store::Text(r, 0),
                         .category = store::Text(r, 1),
                         .version = int(store::Int64(r, 2)),
                         .enabled = store::Int64(r, 3) != 0,
                         .mode = ParseRuleMode(store::Text(r, 4)).value_or(RuleMode::kAuto),
                         .settings = ParseObject(store::Text(r, 5)),
                         .template_zh = store::Text(r, 6),
                         .template_en = store::Text(r, 7),
                         .updated_at = store::Int64(r, 8)});
  }

  std::vector<RuleOverride> overrides;
  soci::rowset<soci::row> override_rows =
      (session.prepare << "SELECT rule_code, item_code, enabled, settings, updated_at "
                          "FROM rule_overrides ORDER BY rule_code, item_code");
  for (const soci::row& r : override_rows) {
    RuleOverride o{.rule_code = store::Text(r, 0), .item_code = store::Text(r, 1)};
    if (r.get_indicator(2) != soci::i_null) o.enabled = store::Int64(r, 2) != 0;
    if (r.get_indicator(3) != soci::i_null) o.settings = ParseObject(store::Text(r, 3));
    o.updated_at = store::Int64(r, 4);
    overrides.push_back(std::move(o));
  }
  return RuleSet(std::move(rules), std::move(overrides));
}

RuleSet LoadRuleSet(store::Database& db) {
  auto lease = db.Acquire();
  return LoadRuleSet(*lease);
}

void InsertRuleVersion(soci::session& session, const Rule& rule, const std::string& changed_by,
                       int64_t changed_at) {
  int version = rule.version;
  int enabled = rule.enabled ? 1 : 0;
  std::string mode(RuleModeName(rule.mode));
  std::string settings = json::serialize(rule.settings);
  long long at = changed_at;
  session << "INSERT INTO rule_versions (rule_code, version, enabled, mode, settings, "
             "template_zh, template_en, changed_by, changed_at) "
             "VALUES (:c, :v, :e, :m, :s, :tz, :te, :by, :at)",
      soci::use(rule.code), soci::use(version), soci::use(enabled), soci::use(mode),
      soci::use(settings), soci::use(rule.template_zh), soci::use(rule.template_en),
      soci::use(changed_by), soci::use(at);
}

namespace {

int InsertMissingRules(store::Database& db, ledger::Ledger& ledger, const Clock& clock) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  int64_t now = clock.NowSeconds();
  const ledger::Actor actor{"platform", ""};

  json::array inserted;
  for (const RuleDefinition& definition : RuleCatalog()) {
    std::string code(definition.code);
    long long present = 0;
    *lease << "SELECT count(*) FROM rules WHERE code = :c", soci::use(code), soci::into(present);
    if (present > 0) continue;

    Rule rule = DefaultRule(definition, now);
    int enabled = 1;
    std::string mode(RuleModeName(rule.mode));
    std::string settings = json::serialize(rule.settings);
    long long at = now;
    *lease << "INSERT INTO rules (code, category, version, enabled, mode, settings, "
              "template_zh, template_en, updated_at) "
              "VALUES (:c, :cat, 1, :e, :m, :s, :tz, :te, :at)",
        soci::use(rule.code), soci::use(rule.category), soci::use(enabled), soci::use(mode),
        soci::use(settings), soci::use(rule.template_zh), soci::use(rule.template_en),
        soci::use(at);
    InsertRuleVersion(*lease, rule, actor.name, now);
    inserted.push_back(json::value(rule.code));
  }
  if (inserted.empty()) return 0;

  int count = int(inserted.size());
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "rule.create_defaults",
                              .object_type = "rule",
                              .object_id = "",
                              .division_code = "",
                              .detail = {{"rules", std::move(inserted)}}});
  tx.Commit();
  spdlog::info("supervision rules inserted count={}", count);
  return count;
}

}  // namespace

int EnsureDefaultRules(store::Database& db, ledger::Ledger& ledger, const Clock& clock) {
  // Two servers starting together on PostgreSQL may both find a rule missing. The second insert
  // then fails on the primary key once the first server commits, and a second pass finds the
  // rule present.
  for (int attempt = 0;; ++attempt) {
    try {
      return InsertMissingRules(db, ledger, clock);
    } catch (const soci::soci_error& e) {
      if (attempt > 0 || !store::IsUniqueViolation(e)) throw;
      spdlog::info("supervision rules were inserted by another server; checking again");
    }
  }
}

std::vector<RuleVersion> ListRuleVersions(store::Database& db, std::string_view code) {
  auto lease = db.Acquire();
  std::string key(code);
  std::vector<RuleVersion> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT version, enabled, mode, settings, template_zh, template_en, "
                         "changed_by, changed_at FROM rule_versions WHERE rule_code = :c "
                         "ORDER BY version",
       soci::use(key));
  for (const soci::row& r : rows) {
    out.push_back(RuleVersion{.version = int(store::Int64(r, 0)),
                              .enabled = store::Int64(r, 1) != 0,
                              .mode = ParseRuleMode(store::Text(r, 2)).value_or(RuleMode::kAuto),
                              .settings = ParseObject(store::Text(r, 3)),
                              .template_zh = store::Text(r, 4),
                              .template_en = store::Text(r, 5),
                              .changed_by = store::Text(r, 6),
                              .changed_at = store::Int64(r, 7)});
  }
  return out;
}

boost::json::object RuleToJson(const Rule& rule) {
  json::object out{{"code", rule.code},
                   {"category", rule.category},
                   {"version", rule.version},
                   {"enabled", rule.enabled},
                   {"mode", RuleModeName(rule.mode)},
                   {"settings", rule.settings},
                   {"template_zh", rule.template_zh},
                   {"template_en", rule.template_en},
                   {"updated_at", rule.updated_at}};
  if (const RuleDefinition* definition = FindRuleDefinition(rule.code)) {
    out["default_level"] = LevelName(definition->level);
    out["meaning"] = definition->meaning;
    out["legal_source"] = definition->legal_source;
  }
  return out;
}

boost::json::object OverrideToJson(const RuleOverride& rule_override) {
  json::object out{{"rule_code", rule_override.rule_code},
                   {"item_code", rule_override.item_code},
                   {"enabled", nullptr},
                   {"settings", nullptr},
                   {"updated_at", rule_override.updated_at}};
  if (rule_override.enabled) out["enabled"] = *rule_override.enabled;
  if (rule_override.settings) out["settings"] = *rule_override.settings;
  return out;
}

boost::json::object RuleVersionToJson(const RuleVersion& version) {
  return {{"version", version.version},         {"enabled", version.enabled},
          {"mode", RuleModeName(version.mode)}, {"settings", version.settings},
          {"template_zh", version.template_zh}, {"template_en", version.template_en},
          {"changed_by", version.changed_by},   {"changed_at", version.changed_at}};
}

}  // namespace mingjing::supervision
