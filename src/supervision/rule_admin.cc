// Administrators' changes to rules and per-item overrides (rule_set.h).
#include <fmt/format.h>

#include <boost/json.hpp>

#include "store/row.h"
#include "store/transaction.h"
#include "supervision/rule_rows.h"
#include "supervision/rule_set.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;

json::object ParseObject(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  return !ec && value.is_object() ? std::move(value.as_object()) : json::object();
}

// The stored rule, locked for the rest of the transaction on PostgreSQL (SQLite's BEGIN
// IMMEDIATE already serialises writers).
std::optional<Rule> ReadRuleForUpdate(store::Lease& lease, const std::string& code) {
  std::string sql =
      "SELECT code, category, version, enabled, mode, settings, template_zh, template_en, "
      "updated_at FROM rules WHERE code = :c";
  if (lease.backend() == store::Backend::kPostgres) sql += " FOR UPDATE";
  soci::rowset<soci::row> rows = (lease->prepare << sql, soci::use(code));
  for (const soci::row& r : rows) {
    return Rule{.code = store::Text(r, 0),
                .category = store::Text(r, 1),
                .version = int(store::Int64(r, 2)),
                .enabled = store::Int64(r, 3) != 0,
                .mode = ParseRuleMode(store::Text(r, 4)).value_or(RuleMode::kAuto),
                .settings = ParseObject(store::Text(r, 5)),
                .template_zh = store::Text(r, 6),
                .template_en = store::Text(r, 7),
                .updated_at = store::Int64(r, 8)};
  }
  return std::nullopt;
}

Result<Rule> LockRule(store::Lease& lease, std::string_view code, int expected_version) {
  auto rule = ReadRuleForUpdate(lease, std::string(code));
  if (!rule) return Error::NotFound(fmt::format("rule {} not found", code));
  if (expected_version != 0 && expected_version != rule->version) {
    return Error::Conflict(
        fmt::format("rule {} is at version {}, not {}: reload it and apply the change again", code,
                    rule->version, expected_version));
  }
  return *rule;
}

// Raises the rule's version, writes the rule row and its new rule_versions row.
void SaveNewVersion(soci::session& session, Rule& rule, const ledger::Actor& actor, int64_t now) {
  rule.version += 1;
  rule.updated_at = now;
  int version = rule.version;
  int enabled = rule.enabled ? 1 : 0;
  std::string mode(RuleModeName(rule.mode));
  std::string settings = json::serialize(rule.settings);
  long long at = now;
  session << "UPDATE rules SET version = :v, enabled = :e, mode = :m, settings = :s, "
             "template_zh = :tz, template_en = :te, updated_at = :at WHERE code = :c",
      soci::use(version), soci::use(enabled), soci::use(mode), soci::use(settings),
      soci::use(rule.template_zh), soci::use(rule.template_en), soci::use(at), soci::use(rule.code);
  InsertRuleVersion(session, rule, actor.name, now);
}

bool ItemCodeKnown(soci::session& session, const std::string& item_code) {
  long long items = 0;
  session << "SELECT count(*) FROM (SELECT 1 FROM service_items LIMIT 1) AS any_item",
      soci::into(items);
  if (items == 0) return true;  // no catalogue loaded yet: overrides may come first
  long long n = 0;
  session << "SELECT count(*) FROM service_items WHERE code = :c", soci::use(item_code),
      soci::into(n);
  return n > 0;
}

std::optional<RuleOverride> ReadOverride(soci::session& session, const std::string& code,
                                         const std::string& item_code) {
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT enabled, settings, updated_at FROM rule_overrides "
                          "WHERE rule_code = :c AND item_code = :i",
       soci::use(code), soci::use(item_code));
  for (const soci::row& r : rows) {
    RuleOverride o{.rule_code = code, .item_code = item_code};
    if (r.get_indicator(0) != soci::i_null) o.enabled = store::Int64(r, 0) != 0;
    if (r.get_indicator(1) != soci::i_null) o.settings = ParseObject(store::Text(r, 1));
    o.updated_at = store::Int64(r, 2);
    return o;
  }
  return std::nullopt;
}

}  // namespace

Result<Rule> UpdateRule(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                        std::string_view code, const RuleChange& change, const Clock& clock) {
  const RuleDefinition* definition = FindRuleDefinition(code);
  if (definition == nullptr) return Error::NotFound(fmt::format("rule {} not found", code));
  if (change.settings) {
    auto ok = ValidateSettings(*definition, *change.settings);
    if (!ok) return ok.error();
  }
  if (change.template_zh) {
    auto ok = ValidateTemplate(*change.template_zh, "template_zh");
    if (!ok) return ok.error();
  }
  if (change.template_en) {
    auto ok = ValidateTemplate(*change.template_en, "template_en");
    if (!ok) return ok.error();
  }

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  auto locked = LockRule(lease, code, change.expected_version);
  if (!locked) return locked.error();
  Rule before = *locked;
  Rule rule = before;
  if (change.enabled) rule.enabled = *change.enabled;
  if (change.mode) rule.mode = *change.mode;
  if (change.settings) rule.settings = *change.settings;
  if (change.template_zh) rule.template_zh = *change.template_zh;
  if (change.template_en) rule.template_en = *change.template_en;

  SaveNewVersion(*lease, rule, actor, clock.NowSeconds());
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "rule.update",
                              .object_type = "rule",
                              .object_id = rule.code,
                              .division_code = "",
                              .detail = {{"version", rule.version},
                                         {"before", RuleToJson(before)},
                                         {"after", RuleToJson(rule)}}});
  tx.Commit();
  return rule;
}

Result<RuleOverride> SetOverride(store::Database& db, ledger::Ledger& ledger,
                                 const ledger::Actor& actor, std::string_view code,
                                 std::string_view item_code, const OverrideChange& change,
                                 const Clock& clock) {
  const RuleDefinition* definition = FindRuleDefinition(code);
  if (definition == nullptr) return Error::NotFound(fmt::format("rule {} not found", code));
  if (item_code.empty() || item_code.size() > 64) {
    return Error::InvalidField("item_code", "item_code must be 1 to 64 bytes");
  }
  if (!change.enabled && !change.settings) {
    return Error::InvalidField("settings",
                               "an override needs enabled, settings or both; to drop it, "
                               "send DELETE");
  }
  if (change.settings) {
    auto ok = ValidateSettings(*definition, *change.settings);
    if (!ok) return ok.error();
  }

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  auto locked = LockRule(lease, code, change.expected_version);
  if (!locked) return locked.error();
  Rule rule = *locked;
  std::string item(item_code);
  if (!ItemCodeKnown(*lease, item)) {
    return Error::InvalidField("item_code",
                               fmt::format("{} is not in the service-item catalogue", item));
  }
  std::optional<RuleOverride> before = ReadOverride(*lease, rule.code, item);

  int64_t now = clock.NowSeconds();
  RuleOverride o{.rule_code = rule.code,
                 .item_code = item,
                 .enabled = change.enabled,
                 .settings = change.settings,
                 .updated_at = now};
  int enabled = o.enabled.value_or(false) ? 1 : 0;
  soci::indicator enabled_ind = o.enabled ? soci::i_ok : soci::i_null;
  std::string settings = o.settings ? json::serialize(*o.settings) : std::string();
  soci::indicator settings_ind = o.settings ? soci::i_ok : soci::i_null;
  long long at = now;
  *lease << "DELETE FROM rule_overrides WHERE rule_code = :c AND item_code = :i",
      soci::use(rule.code), soci::use(item);
  *lease << "INSERT INTO rule_overrides (rule_code, item_code, enabled, settings, updated_at) "
            "VALUES (:c, :i, :e, :s, :at)",
      soci::use(rule.code), soci::use(item), soci::use(enabled, enabled_ind),
      soci::use(settings, settings_ind), soci::use(at);

  SaveNewVersion(*lease, rule, actor, now);
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "rule.override_set",
                              .object_type = "rule",
                              .object_id = rule.code,
                              .division_code = "",
                              .detail = {{"version", rule.version},
                                         {"item_code", item},
                                         {"before", before ? json::value(OverrideToJson(*before))
                                                           : json::value(nullptr)},
                                         {"after", OverrideToJson(o)}}});
  tx.Commit();
  return o;
}

Result<void> DeleteOverride(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                            std::string_view code, std::string_view item_code, const Clock& clock) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  auto locked = LockRule(lease, code, 0);
  if (!locked) return locked.error();
  Rule rule = *locked;
  std::string item(item_code);
  std::optional<RuleOverride> before = ReadOverride(*lease, rule.code, item);
  if (!before) {
    return Error::NotFound(fmt::format("rule {} has no override for item {}", code, item));
  }
  *lease << "DELETE FROM rule_overrides WHERE rule_code = :c AND item_code = :i",
      soci::use(rule.code), soci::use(item);

  SaveNewVersion(*lease, rule, actor, clock.NowSeconds());
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "rule.override_delete",
                              .object_type = "rule",
                              .object_id = rule.code,
                              .division_code = "",
                              .detail = {{"version", rule.version},
                                         {"item_code", item},
                                         {"before", OverrideToJson(*before)}}});
  tx.Commit();
  return {};
}

}  // namespace mingjing::supervision
