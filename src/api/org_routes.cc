#include <algorithm>
#include <boost/json.hpp>

#include "api/guard.h"
#include "api/json_fields.h"
#include "api/routes.h"
#include "org/department.h"
#include "org/division.h"
#include "org/user.h"

namespace mingjing::api {
namespace {

using auth::Role;

boost::json::object DivisionJson(const org::Division& d) {
  return {{"code", d.code}, {"name", d.name}, {"level", d.level}, {"parent_code", d.parent_code}};
}

boost::json::object DepartmentJson(const org::Department& d) {
  return {{"id", d.id}, {"division_code", d.division_code}, {"code", d.code}, {"name", d.name}};
}

boost::json::object UserSummaryJson(const org::User& u) {
  boost::json::array roles;
  for (Role r : u.roles) roles.emplace_back(org::RoleName(r));
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"division_code", u.division_code},
          {"department_id", u.department_id},
          {"phone", u.phone},
          {"email", u.email},
          {"roles", std::move(roles)},
          {"totp_enabled", u.totp_enabled},
          {"disabled", u.disabled},
          {"locked_until", u.locked_until}};
}

http::Response GetDivision(ApiContext& ctx, http::Request& request) {
  std::string code(request.PathParam("code"));
  if (code == "mine") code = Caller(request).division_code;
  if (auto ok = RequireInRegion(request, code, "division"); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto division = org::FindDivision(ctx.db, code);
  if (!division) return http::ErrorResponse(Error::NotFound("division not found"));
  boost::json::array children;
  for (const auto& c : org::ChildDivisions(ctx.db, code)) children.push_back(DivisionJson(c));
  auto out = DivisionJson(*division);
  out["children"] = std::move(children);
  return http::Json(out);
}

http::Response ListDepartments(ApiContext& ctx, http::Request& request) {
  std::string scope(request.Query("division").value_or(Caller(request).division_code));
  if (auto ok = RequireInRegion(request, scope, "division"); !ok) {
    return http::ErrorResponse(ok.error());
  }
  boost::json::array items;
  for (const auto& d : org::ListDepartments(ctx.db, scope)) items.push_back(DepartmentJson(d));
  return http::Json(boost::json::object{{"items", std::move(items)}});
}

http::Response CreateDepartment(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  org::Department d;
  auto division = RequiredString(*body, "division_code", 12);
  if (!division) return http::ErrorResponse(division.error());
  auto name = RequiredString(*body, "name", 200);
  if (!name) return http::ErrorResponse(name.error());
  auto code = OptionalString(*body, "code", 64);
  if (!code) return http::ErrorResponse(code.error());
  if (auto ok = RequireInRegion(request, *division, "division"); !ok) {
    return http::ErrorResponse(Error::InvalidField("division_code", "division not in your region"));
  }
  d.division_code = *division;
  d.name = *name;
  d.code = *code;
  auto created = org::CreateDepartment(ctx.db, ctx.ledger, ActorOf(request), d, ctx.clock);
  if (!created) return http::ErrorResponse(created.error());
  return http::Json(DepartmentJson(*created), boost::beast::http::status::created);
}

Result<org::Department> DepartmentInRegion(ApiContext& ctx, const http::Request& request) {
  auto id = PathId(request, "id");
  if (!id) return id.error();
  auto d = org::FindDepartment(ctx.db, *id);
  if (!d || !RequireInRegion(request, d->division_code, "department")) {
    return Error::NotFound("department not found");
  }
  return *d;
}

http::Response GetDepartment(ApiContext& ctx, http::Request& request) {
  auto d = DepartmentInRegion(ctx, request);
  if (!d) return http::ErrorResponse(d.error());
  auto out = DepartmentJson(*d);
  boost::json::array windows;
  for (const auto& w : org::ListServiceWindows(ctx.db, d->id)) {
    windows.push_back({{"id", w.id}, {"name", w.name}, {"address", w.address}, {"phone", w.phone}});
  }
  out["windows"] = std::move(windows);
  return http::Json(out);
}

http::Response CreateWindow(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto d = DepartmentInRegion(ctx, request);
  if (!d) return http::ErrorResponse(d.error());
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto name = RequiredString(*body, "name", 200);
  if (!name) return http::ErrorResponse(name.error());
  auto address = OptionalString(*body, "address", 500);
  if (!address) return http::ErrorResponse(address.error());
  auto phone = OptionalString(*body, "phone", 40);
  if (!phone) return http::ErrorResponse(phone.error());
  auto created = org::CreateServiceWindow(ctx.db, ctx.ledger, ActorOf(request),
                                          {0, d->id, *name, *address, *phone});
  if (!created) return http::ErrorResponse(created.error());
  return http::Json(boost::json::object{{"id", created->id}, {"name", created->name}},
                    boost::beast::http::status::created);
}

http::Response ListUsers(ApiContext& ctx, http::Request& request) {
  if (auto ok =
          RequireRole(request, {Role::kPlatformAdmin, Role::kSecurityAdmin, Role::kAuditAdmin});
      !ok) {
    return http::ErrorResponse(ok.error());
  }
  boost::json::array items;
  for (const auto& u : org::ListUsers(ctx.db, Caller(request).division_code)) {
    items.push_back(UserSummaryJson(u));
  }
  return http::Json(boost::json::object{{"items", std::move(items)}});
}

Result<org::NewUser> ParseNewUser(const boost::json::object& body) {
  org::NewUser u;
  auto username = RequiredString(body, "username", 32);
  if (!username) return username.error();
  auto display = RequiredString(body, "display_name", 100);
  if (!display) return display.error();
  auto division = RequiredString(body, "division_code", 12);
  if (!division) return division.error();
  auto department = OptionalInt(body, "department_id");
  if (!department) return department.error();
  auto phone = OptionalString(body, "phone", 20);
  if (!phone) return phone.error();
  auto email = OptionalString(body, "email", 254);
  if (!email) return email.error();
  auto password = RequiredString(body, "password", 1024);
  if (!password) return password.error();
  auto roles = OptionalStringArray(body, "roles", 6);
  if (!roles) return roles.error();

  for (const auto& name : *roles) {
    auto role = org::ParseRole(name);
    if (!role) {
      return Error::InvalidField("roles", "unknown role '" + name +
                                              "': use platform_admin, security_admin, "
                                              "audit_admin, supervisor, department_head or "
                                              "department_staff");
    }
    u.roles.push_back(*role);
  }

  u.username = *username;
  u.display_name = *display;
  u.division_code = *division;
  u.department_id = *department;
  u.phone = *phone;
  u.email = *email;
  u.password = *password;
  return u;
}

http::Response CreateUser(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin, Role::kSecurityAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto user = ParseNewUser(*body);
  if (!user) return http::ErrorResponse(user.error());
  // Separation of duties: the platform administrator manages ordinary accounts, but accounts of
  // the three administrator roles are created only by the security administrator.
  bool creates_admin = std::any_of(user->roles.begin(), user->roles.end(), org::IsAdministrator);
  if (creates_admin && !Caller(request).HasRole(Role::kSecurityAdmin)) {
    return http::ErrorResponse(
        Error::Forbidden("only the security administrator may create administrator accounts"));
  }
  if (!creates_admin && !Caller(request).HasRole(Role::kPlatformAdmin)) {
    return http::ErrorResponse(
        Error::Forbidden("ordinary accounts are created by the platform administrator"));
  }
  if (!RequireInRegion(request, user->division_code, "division")) {
    return http::ErrorResponse(
        Error::InvalidField("division_code", "the division is outside your region"));
  }
  auto created = org::CreateUser(ctx.db, ctx.ledger, ActorOf(request), *user, ctx.clock,
                                 ctx.auth.login.hash_cost);
  if (!created) return http::ErrorResponse(created.error());
  return http::Json(UserSummaryJson(*created), boost::beast::http::status::created);
}

Result<org::User> UserInRegion(ApiContext& ctx, const http::Request& request) {
  auto id = PathId(request, "id");
  if (!id) return id.error();
  auto u = org::FindUser(ctx.db, *id);
  if (!u || !RequireInRegion(request, u->division_code, "user")) {
    return Error::NotFound("user not found");
  }
  return *u;
}

http::Response GetUser(ApiContext& ctx, http::Request& request) {
  if (auto ok =
          RequireRole(request, {Role::kPlatformAdmin, Role::kSecurityAdmin, Role::kAuditAdmin});
      !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto u = UserInRegion(ctx, request);
  if (!u) return http::ErrorResponse(u.error());
  return http::Json(UserSummaryJson(*u));
}

// A security administrator's action on one account: TOTP reset or unlock.
template <class Action>
http::Response SecurityAction(ApiContext& ctx, http::Request& request, Action action) {
  if (auto ok = RequireRole(request, {Role::kSecurityAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto u = UserInRegion(ctx, request);
  if (!u) return http::ErrorResponse(u.error());
  if (u->id == Caller(request).user_id) {
    return http::ErrorResponse(
        Error::Forbidden("a security administrator may not reset or unlock their own account"));
  }
  auto done = action(u->id);
  if (!done) return http::ErrorResponse(done.error());
  return http::NoContent();
}

}  // namespace

void RegisterOrgRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/divisions/{code}", [&ctx](http::Request& r) { return GetDivision(ctx, r); },
             {.summary = "A division and its children ('mine' for the caller's own)",
              .tag = "organisation"});
  router.Get("/api/v1/departments", [&ctx](http::Request& r) { return ListDepartments(ctx, r); },
             {.summary = "Departments in the caller's region (?division= narrows it)",
              .tag = "organisation"});
  router.Post("/api/v1/departments", [&ctx](http::Request& r) { return CreateDepartment(ctx, r); },
              {.summary = "Create a department (platform administrator)", .tag = "organisation"});
  router.Get("/api/v1/departments/{id}", [&ctx](http::Request& r) { return GetDepartment(ctx, r); },
             {.summary = "A department with its service windows", .tag = "organisation"});
  router.Post("/api/v1/departments/{id}/windows",
              [&ctx](http::Request& r) { return CreateWindow(ctx, r); },
              {.summary = "Add a service window (platform administrator)", .tag = "organisation"});
  router.Get("/api/v1/users", [&ctx](http::Request& r) { return ListUsers(ctx, r); },
             {.summary = "Accounts in the caller's region (administrators)", .tag = "users"});
  router.Post("/api/v1/users", [&ctx](http::Request& r) { return CreateUser(ctx, r); },
              {.summary = "Create an account (platform administrator; administrator accounts: "
                          "security administrator)",
               .tag = "users"});
  router.Get("/api/v1/users/{id}", [&ctx](http::Request& r) { return GetUser(ctx, r); },
             {.summary = "One account (administrators)", .tag = "users"});
  router.Post("/api/v1/users/{id}/totp-reset",
              [&ctx](http::Request& r) {
                return SecurityAction(ctx, r, [&](int64_t id) {
                  return auth::ResetTotp(ctx.auth, Caller(r), id, r.remote_address());
                });
              },
              {.summary = "Clear an account's TOTP (security administrator)", .tag = "users"});
  router.Post("/api/v1/users/{id}/unlock",
              [&ctx](http::Request& r) {
                return SecurityAction(ctx, r, [&](int64_t id) {
                  return auth::UnlockAccount(ctx.auth, Caller(r), id, r.remote_address());
                });
              },
              {.summary = "Unlock an account (security administrator)", .tag = "users"});
}

}  // namespace mingjing::api
