// The supervision rules: supervisors and auditors read them, platform administrators change
// their settings, modes, templates and per-item overrides. Every change makes a new version of
// the rule.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "api/guard.h"
#include "api/routes.h"
#include "supervision/rule_set.h"

namespace mingjing::api {
namespace {

using auth::Role;
namespace json = boost::json;
namespace sv = mingjing::supervision;

Result<void> RequireReader(const http::Request& request) {
  return RequireRole(request, {Role::kPlatformAdmin, Role::kSupervisor, Role::kAuditAdmin});
}

// Reads the required `version` member: the rule's version the caller read, so that a change
// made by another administrator in the meantime is never overwritten unseen.
Result<int> ExpectedVersion(const json::object& body) {
  const json::value* v = body.if_contains("version");
  if (v == nullptr || v->is_null()) {
    return Error::InvalidField("version",
                               "version is required: send the rule's version you last read");
  }
  if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > INT32_MAX) {
    return Error::InvalidField("version", "version must be a positive whole number");
  }
  return int(v->as_int64());
}

Result<std::optional<bool>> OptionalBool(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<bool>();
  if (!v->is_bool()) {
    return Error::InvalidField(std::string(key), fmt::format("{} must be true or false", key));
  }
  return std::optional<bool>(v->as_bool());
}

Result<std::optional<json::object>> OptionalObject(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<json::object>();
  if (!v->is_object()) {
    return Error::InvalidField(std::string(key), fmt::format("{} must be a JSON object", key));
  }
  return std::optional<json::object>(v->as_object());
}

Result<std::optional<std::string>> OptionalText(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) {
    return Error::InvalidField(std::string(key), fmt::format("{} must be a string", key));
  }
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<sv::RuleChange> ParseRuleChange(const json::object& body) {
  sv::RuleChange change;
  auto enabled = OptionalBool(body, "enabled");
  if (!enabled) return enabled.error();
  change.enabled = *enabled;
  auto mode = OptionalText(body, "mode");
  if (!mode) return mode.error();
  if (*mode) {
    change.mode = sv::ParseRuleMode(**mode);
    if (!change.mode) return Error::InvalidField("mode", "mode must be auto or confirm");
  }
  auto settings = OptionalObject(body, "settings");
  if (!settings) return settings.error();
  change.settings = *settings;
  auto zh = OptionalText(body, "template_zh");
  if (!zh) return zh.error();
  change.template_zh = *zh;
  auto en = OptionalText(body, "template_en");
  if (!en) return en.error();
  change.template_en = *en;
  auto version = ExpectedVersion(body);
  if (!version) return version.error();
  change.expected_version = *version;
  return change;
}

json::object RuleDetail(store::Database& db, const sv::Rule& rule) {
  json::array versions;
  for (const sv::RuleVersion& v : sv::ListRuleVersions(db, rule.code)) {
    versions.push_back(sv::RuleVersionToJson(v));
  }
  json::array overrides;
  sv::RuleSet rules = sv::LoadRuleSet(db);
  for (const sv::RuleOverride& o : rules.overrides()) {
    if (o.rule_code == rule.code) overrides.push_back(sv::OverrideToJson(o));
  }
  json::object out = sv::RuleToJson(rule);
  out["versions"] = std::move(versions);
  out["overrides"] = std::move(overrides);
  return out;
}

std::string CodeOf(const http::Request& request) { return std::string(request.PathParam("code")); }

http::Response ListRules(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireReader(request); !ok) return http::ErrorResponse(ok.error());
  sv::RuleSet rules = sv::LoadRuleSet(ctx.db);
  json::array items;
  for (const sv::Rule& rule : rules.rules()) {
    json::object item = sv::RuleToJson(rule);
    int64_t overrides = 0;
    for (const sv::RuleOverride& o : rules.overrides()) overrides += o.rule_code == rule.code;
    item["override_count"] = overrides;
    items.push_back(std::move(item));
  }
  return http::Json(json::object{{"items", std::move(items)}});
}

http::Response GetRule(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireReader(request); !ok) return http::ErrorResponse(ok.error());
  sv::RuleSet rules = sv::LoadRuleSet(ctx.db);
  const sv::Rule* rule = rules.Find(CodeOf(request));
  if (rule == nullptr) return http::ErrorResponse(Error::NotFound("rule not found"));
  return http::Json(RuleDetail(ctx.db, *rule));
}

http::Response PutRule(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto change = ParseRuleChange(*body);
  if (!change) return http::ErrorResponse(change.error());
  auto rule =
      sv::UpdateRule(ctx.db, ctx.ledger, ActorOf(request), CodeOf(request), *change, ctx.clock);
  if (!rule) return http::ErrorResponse(rule.error());
  return http::Json(RuleDetail(ctx.db, *rule));
}

http::Response PutOverride(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  sv::OverrideChange change;
  auto enabled = OptionalBool(*body, "enabled");
  if (!enabled) return http::ErrorResponse(enabled.error());
  change.enabled = *enabled;
  auto settings = OptionalObject(*body, "settings");
  if (!settings) return http::ErrorResponse(settings.error());
  change.settings = *settings;
  auto version = ExpectedVersion(*body);
  if (!version) return http::ErrorResponse(version.error());
  change.expected_version = *version;

  std::string item_code(request.PathParam("item_code"));
  auto saved = sv::SetOverride(ctx.db, ctx.ledger, ActorOf(request), CodeOf(request), item_code,
                               change, ctx.clock);
  if (!saved) return http::ErrorResponse(saved.error());
  sv::RuleSet rules = sv::LoadRuleSet(ctx.db);
  return http::Json(RuleDetail(ctx.db, *rules.Find(CodeOf(request))));
}

http::Response DeleteOverride(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  std::string item_code(request.PathParam("item_code"));
  auto deleted = sv::DeleteOverride(ctx.db, ctx.ledger, ActorOf(request), CodeOf(request),
                                    item_code, ctx.clock);
  if (!deleted) return http::ErrorResponse(deleted.error());
  sv::RuleSet rules = sv::LoadRuleSet(ctx.db);
  return http::Json(RuleDetail(ctx.db, *rules.Find(CodeOf(request))));
}

}  // namespace

void RegisterRuleRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/rules", [&ctx](http::Request& r) { return ListRules(ctx, r); },
             {.summary = "Every supervision rule with its settings (administrators, supervisors "
                         "and auditors)",
              .tag = "rules"});
  router.Get("/api/v1/rules/{code}", [&ctx](http::Request& r) { return GetRule(ctx, r); },
             {.summary = "A rule with every version and its per-item overrides", .tag = "rules"});
  router.Put("/api/v1/rules/{code}", [&ctx](http::Request& r) { return PutRule(ctx, r); },
             {.summary = "Change a rule's switch, mode, settings or templates (platform "
                         "administrator); `version` guards against lost updates",
              .tag = "rules"});
  router.Put("/api/v1/rules/{code}/overrides/{item_code}",
             [&ctx](http::Request& r) { return PutOverride(ctx, r); },
             {.summary = "Set a rule's switch or settings for one service item (platform "
                         "administrator)",
              .tag = "rules"});
  router.Delete("/api/v1/rules/{code}/overrides/{item_code}",
                [&ctx](http::Request& r) { return DeleteOverride(ctx, r); },
                {.summary = "Remove a rule's override for one service item (platform "
                            "administrator)",
                 .tag = "rules"});
}

}  // namespace mingjing::api
