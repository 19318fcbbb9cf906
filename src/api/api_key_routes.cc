#include <boost/json.hpp>

#include "api/guard.h"
#include "api/json_fields.h"
#include "api/routes.h"
#include "auth/api_key.h"

namespace mingjing::api {
namespace {

using auth::Role;

boost::json::object ApiKeyJson(const auth::ApiKey& k) {
  boost::json::array types;
  for (const auto& t : k.item_types) types.emplace_back(t);
  boost::json::array scopes;
  for (const auto& s : k.scopes) scopes.emplace_back(s);
  return {{"id", k.id},
          {"key_id", k.key_id},
          {"name", k.name},
          {"division_code", k.division_code},
          {"department_id", k.department_id},
          {"item_types", std::move(types)},
          {"scopes", std::move(scopes)},
          {"created_at", k.created_at},
          {"revoked_at", k.revoked_at},
          {"last_used_at", k.last_used_at}};
}

http::Response ListKeys(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kSecurityAdmin, Role::kAuditAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  boost::json::array items;
  for (const auto& k : auth::ListApiKeys(ctx.db, Caller(request).division_code)) {
    items.push_back(ApiKeyJson(k));
  }
  return http::Json(boost::json::object{{"items", std::move(items)}});
}

http::Response CreateKey(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kSecurityAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto name = RequiredString(*body, "name", 200);
  if (!name) return http::ErrorResponse(name.error());
  auto division = RequiredString(*body, "division_code", 12);
  if (!division) return http::ErrorResponse(division.error());
  auto department = OptionalInt(*body, "department_id");
  if (!department) return http::ErrorResponse(department.error());
  auto types = OptionalStringArray(*body, "item_types", 20);
  if (!types) return http::ErrorResponse(types.error());
  auto scopes = OptionalStringArray(*body, "scopes", 10);
  if (!scopes) return http::ErrorResponse(scopes.error());

  auto issued = auth::CreateApiKey(ctx.db, ctx.ledger, Caller(request), request.remote_address(),
                                   {*name, *division, *department, *types, *scopes}, ctx.clock);
  if (!issued) return http::ErrorResponse(issued.error());
  auto out = ApiKeyJson(issued->key);
  out["secret"] = issued->secret;
  auto response = http::Json(out, boost::beast::http::status::created);
  response.SetHeader(boost::beast::http::field::cache_control, "no-store");
  return response;
}

http::Response RevokeKey(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kSecurityAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto done = auth::RevokeApiKey(ctx.db, ctx.ledger, Caller(request), request.remote_address(), *id,
                                 ctx.clock);
  if (!done) return http::ErrorResponse(done.error());
  return http::NoContent();
}

// Lets a business system check its key and signature before it sends real data.
http::Response Ping(http::Request& request) {
  const auth::Principal& p = Caller(request);
  boost::json::array types;
  for (const auto& t : p.item_types) types.emplace_back(t);
  boost::json::array scopes;
  for (const auto& s : p.scopes) scopes.emplace_back(s);
  return http::Json(boost::json::object{{"system", p.name},
                                        {"division_code", p.division_code},
                                        {"item_types", std::move(types)},
                                        {"scopes", std::move(scopes)}});
}

}  // namespace

void RegisterApiKeyRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/api-keys", [&ctx](http::Request& r) { return ListKeys(ctx, r); },
             {.summary = "Business-system API keys in the caller's region", .tag = "api-keys"});
  router.Post("/api/v1/api-keys", [&ctx](http::Request& r) { return CreateKey(ctx, r); },
              {.summary = "Issue an API key with its item_types and scopes (\"procurement\" "
                          "to push bids and OCDS); the secret is returned once (security "
                          "administrator)",
               .tag = "api-keys"});
  router.Post("/api/v1/api-keys/{id}/revoke",
              [&ctx](http::Request& r) { return RevokeKey(ctx, r); },
              {.summary = "Revoke an API key (security administrator)", .tag = "api-keys"});
  router.Get("/api/v1/exchange/ping", [](http::Request& r) { return Ping(r); },
             {.summary = "Check a business system's key and request signature",
              .tag = "exchange",
              .auth = http::AuthRequirement::kApiKey});
}

}  // namespace mingjing::api
