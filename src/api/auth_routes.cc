#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "api/authentication.h"
#include "api/guard.h"
#include "api/json_fields.h"
#include "api/routes.h"
#include "org/department.h"
#include "org/division.h"
#include "org/user.h"

namespace mingjing::api {
namespace {

namespace bhttp = boost::beast::http;

boost::json::object UserJson(ApiContext& ctx, const org::User& u) {
  boost::json::array roles;
  for (org::Role r : u.roles) roles.emplace_back(org::RoleName(r));
  boost::json::object out{{"id", u.id},
                          {"username", u.username},
                          {"display_name", u.display_name},
                          {"division_code", u.division_code},
                          {"department_id", u.department_id},
                          {"roles", std::move(roles)},
                          {"totp_enabled", u.totp_enabled}};
  if (auto d = org::FindDivision(ctx.db, u.division_code)) out["division_name"] = d->name;
  if (u.department_id != 0) {
    if (auto dep = org::FindDepartment(ctx.db, u.department_id)) out["department_name"] = dep->name;
  }
  return out;
}

// The full session state of the caller's cookie, for the handlers that need more than the
// principal (second-factor flags).
Result<auth::ResolvedSession> CurrentSession(ApiContext& ctx, const http::Request& request) {
  std::string token = SessionTokenFromCookie(request.Header(bhttp::field::cookie));
  auto session = auth::ResolveSession(ctx.db, token, ctx.auth.session, ctx.clock);
  if (!session) return Error{ErrorCode::kUnauthenticated, "sign in again", {}};
  return *session;
}

Result<boost::json::object> JsonBody(const http::Request& request) {
  std::string_view type = request.Header(bhttp::field::content_type);
  if (!type.starts_with("application/json")) {
    return Error::InvalidField("Content-Type", "send the body as application/json");
  }
  return http::ParseJsonObjectBody(request);
}

http::Response Login(ApiContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto username = RequiredString(*body, "username", 64);
  if (!username) return http::ErrorResponse(username.error());
  auto password = RequiredString(*body, "password", 1024);
  if (!password) return http::ErrorResponse(password.error());
  if (ctx.login_limiter) {
    int64_t retry_after = ctx.login_limiter->Acquire(request.remote_address());
    if (retry_after > 0) {
      spdlog::warn("login rejected by the per-address limit client={} retry_after={}",
                   http::EscapeForLog(request.remote_address()), retry_after);
      http::Response response = http::ErrorResponse(Error{
          ErrorCode::kRateLimited,
          fmt::format("too many login attempts from this address; retry after {} s", retry_after),
          ""});
      response.SetHeader(bhttp::field::retry_after, std::to_string(retry_after));
      return response;
    }
  }

  auto outcome = auth::Login(ctx.auth, *username, *password, request.remote_address(),
                             std::string(request.Header(bhttp::field::user_agent)));
  if (!outcome) return http::ErrorResponse(outcome.error());

  auto user = org::FindUserByName(ctx.db, *username);
  boost::json::object out{{"user", UserJson(ctx, *user)},
                          {"csrf_token", outcome->session.csrf_token},
                          {"second_factor",
                           {{"required", outcome->second_factor_required},
                            {"enrolled", outcome->totp_enrolled},
                            {"done", outcome->session.second_factor_done}}}};
  auto response = http::Json(out);
  response.SetHeader(bhttp::field::set_cookie,
                     SessionCookie(outcome->session.token, ctx.secure_cookies,
                                   ctx.auth.session.absolute_timeout_seconds));
  response.SetHeader(bhttp::field::cache_control, "no-store");
  return response;
}

http::Response Me(ApiContext& ctx, http::Request& request) {
  const auth::Principal& p = Caller(request);
  auto user = org::FindUser(ctx.db, p.user_id);
  if (!user) return http::ErrorResponse(Error{ErrorCode::kUnauthenticated, "sign in again", {}});
  boost::json::object out{{"user", UserJson(ctx, *user)},
                          {"csrf_token", p.csrf_token},
                          {"second_factor",
                           {{"required", p.second_factor_required},
                            {"enrolled", p.totp_enrolled},
                            {"done", p.second_factor_done}}}};
  auto response = http::Json(out);
  response.SetHeader(bhttp::field::cache_control, "no-store");
  return response;
}

// Reads {"code": "123456"} and calls `action` with the current session.
template <class Action>
http::Response WithCode(ApiContext& ctx, http::Request& request, Action action) {
  auto body = JsonBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto code = RequiredString(*body, "code", 10);
  if (!code) return http::ErrorResponse(code.error());
  auto session = CurrentSession(ctx, request);
  if (!session) return http::ErrorResponse(session.error());
  auto done = action(*session, *code);
  if (!done) return http::ErrorResponse(done.error());
  return http::NoContent();
}

http::Response EnrolTotp(ApiContext& ctx, http::Request& request) {
  auto session = CurrentSession(ctx, request);
  if (!session) return http::ErrorResponse(session.error());
  auto uri = auth::BeginTotpEnrolment(ctx.auth, *session, request.remote_address());
  if (!uri) return http::ErrorResponse(uri.error());
  auto response = http::Json(boost::json::object{{"otpauth_uri", *uri}});
  response.SetHeader(bhttp::field::cache_control, "no-store");
  return response;
}

http::Response ChangePassword(ApiContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto current = RequiredString(*body, "current_password", 1024);
  if (!current) return http::ErrorResponse(current.error());
  auto fresh = RequiredString(*body, "new_password", 1024);
  if (!fresh) return http::ErrorResponse(fresh.error());
  auto session = CurrentSession(ctx, request);
  if (!session) return http::ErrorResponse(session.error());
  auto changed =
      auth::ChangePassword(ctx.auth, *session, *current, *fresh, request.remote_address());
  if (!changed) return http::ErrorResponse(changed.error());
  auto response = http::NoContent();
  response.SetHeader(bhttp::field::set_cookie, SessionCookie("", ctx.secure_cookies, 0));
  return response;
}

http::Response Logout(ApiContext& ctx, http::Request& request) {
  auto session = CurrentSession(ctx, request);
  if (session) auth::Logout(ctx.auth, *session, request.remote_address());
  auto response = http::NoContent();
  response.SetHeader(bhttp::field::set_cookie, SessionCookie("", ctx.secure_cookies, 0));
  return response;
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, ApiContext& ctx) {
  using http::AuthRequirement;
  router.Post("/api/v1/auth/login", [&ctx](http::Request& r) { return Login(ctx, r); },
              {.summary = "Sign in with username and password; sets the session cookie",
               .tag = "auth",
               .auth = AuthRequirement::kPublic,
               .max_body_bytes = 4096});
  router.Post("/api/v1/auth/logout", [&ctx](http::Request& r) { return Logout(ctx, r); },
              {.summary = "End the current session", .tag = "auth"});
  router.Post("/api/v1/auth/totp/enrol", [&ctx](http::Request& r) { return EnrolTotp(ctx, r); },
              {.summary = "Start TOTP enrolment; returns the otpauth:// URI", .tag = "auth"});
  router.Post("/api/v1/auth/totp/confirm",
              [&ctx](http::Request& r) {
                return WithCode(
                    ctx, r, [&](const auth::ResolvedSession& s, const std::string& code) {
                      return auth::ConfirmTotpEnrolment(ctx.auth, s, code, r.remote_address());
                    });
              },
              {.summary = "Confirm TOTP enrolment with the first code", .tag = "auth"});
  router.Post("/api/v1/auth/totp/verify",
              [&ctx](http::Request& r) {
                return WithCode(
                    ctx, r, [&](const auth::ResolvedSession& s, const std::string& code) {
                      return auth::VerifySecondFactor(ctx.auth, s, code, r.remote_address());
                    });
              },
              {.summary = "Pass the second factor with a TOTP code", .tag = "auth"});
  router.Post("/api/v1/auth/password", [&ctx](http::Request& r) { return ChangePassword(ctx, r); },
              {.summary = "Change the password; ends every session of the user", .tag = "auth"});
  router.Get("/api/v1/me", [&ctx](http::Request& r) { return Me(ctx, r); },
             {.summary = "The signed-in user, roles, region and CSRF token", .tag = "auth"});
}

}  // namespace mingjing::api
