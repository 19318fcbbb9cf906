#include "api/authentication.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "auth/request_signature.h"
#include "auth/session.h"
#include "crypto/random.h"

namespace mingjing::api {
namespace {

namespace bhttp = boost::beast::http;

bool IsUnsafe(bhttp::verb method) {
  return method != bhttp::verb::get && method != bhttp::verb::head &&
         method != bhttp::verb::options;
}

// Paths a signed-in user may reach before passing the second factor: enough to enrol or enter
// a TOTP code, see who they are, and log out.
bool AllowedBeforeSecondFactor(std::string_view path) {
  return path.starts_with("/api/v1/auth/") || path == "/api/v1/me";
}

http::Response Unauthenticated(std::string message) {
  return http::ErrorResponse(Error{ErrorCode::kUnauthenticated, std::move(message), {}});
}

std::optional<http::Response> AuthenticateApiKey(ApiContext& ctx, http::Request& request) {
  auth::SignedRequest signed_request{
      .method = std::string(request.method_string()),
      .target = std::string(request.target()),
      .body = request.body(),
      .key_id = std::string(request.Header("X-Mingjing-Key")),
      .timestamp = std::string(request.Header("X-Mingjing-Timestamp")),
      .nonce = std::string(request.Header("X-Mingjing-Nonce")),
      .signature = std::string(request.Header("X-Mingjing-Signature")),
  };
  auto principal = auth::VerifySignedRequest(ctx.db, signed_request, ctx.clock);
  if (!principal) {
    spdlog::warn("signed request rejected request_id={} key={} reason={}", request.request_id(),
                 signed_request.key_id, principal.error().message);
    return http::ErrorResponse(principal.error());
  }
  request.principal = std::make_shared<const auth::Principal>(std::move(*principal));
  return std::nullopt;
}

std::optional<http::Response> AuthenticateSession(ApiContext& ctx, http::Request& request) {
  std::string token = SessionTokenFromCookie(request.Header(bhttp::field::cookie));
  if (token.empty()) return Unauthenticated("sign in first: no session cookie was sent");
  auto session = auth::ResolveSession(ctx.db, token, ctx.auth.session, ctx.clock);
  if (!session) return Unauthenticated("the session has expired or was ended: sign in again");

  if (IsUnsafe(request.method())) {
    std::string_view sent = request.Header(kCsrfHeader);
    if (sent.empty() || !crypto::ConstantTimeEquals(sent, session->principal.csrf_token)) {
      return http::ErrorResponse(Error::Forbidden(
          "missing or wrong X-CSRF-Token header: send the csrf_token from /api/v1/me"));
    }
  }
  if (session->second_factor_required && !session->second_factor_done &&
      !AllowedBeforeSecondFactor(request.path())) {
    return http::ErrorResponse(Error::Forbidden(
        session->totp_enrolled ? "enter your TOTP code first (POST /api/v1/auth/totp/verify)"
                               : "set up TOTP first (POST /api/v1/auth/totp/enrol)"));
  }
  request.principal = std::make_shared<const auth::Principal>(std::move(session->principal));
  return std::nullopt;
}

}  // namespace

std::string SessionTokenFromCookie(std::string_view header) {
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.starts_with(kSessionCookie) && pair.size() > kSessionCookie.size() &&
        pair[kSessionCookie.size()] == '=') {
      return std::string(pair.substr(kSessionCookie.size() + 1));
    }
  }
  return {};
}

std::string SessionCookie(const std::string& token, bool secure, int64_t max_age_seconds) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie,
                     token, token.empty() ? 0 : max_age_seconds, secure ? "; Secure" : "");
}

http::Middleware AuthenticationMiddleware(ApiContext& ctx) {
  return
      [&ctx](http::Request& request, const http::RouteInfo& info) -> std::optional<http::Response> {
        switch (info.auth) {
          case http::AuthRequirement::kPublic:
            return std::nullopt;
          case http::AuthRequirement::kSession:
            // Already checked before the body was read (AuthenticationBeforeBody).
            if (request.principal) return std::nullopt;
            return AuthenticateSession(ctx, request);
          case http::AuthRequirement::kApiKey:
            return AuthenticateApiKey(ctx, request);
          case http::AuthRequirement::kSessionOrApiKey:
            if (!request.Header("X-Mingjing-Key").empty()) return AuthenticateApiKey(ctx, request);
            return AuthenticateSession(ctx, request);
        }
        return Unauthenticated("unsupported authentication requirement");
      };
}

http::Middleware AuthenticationBeforeBody(ApiContext& ctx) {
  return [&ctx](http::Request& request,
                const http::RouteInfo& info) -> std::optional<http::Response> {
    switch (info.auth) {
      case http::AuthRequirement::kPublic:
      case http::AuthRequirement::kSessionOrApiKey:
        return std::nullopt;
      case http::AuthRequirement::kSession:
        return AuthenticateSession(ctx, request);
      case http::AuthRequirement::kApiKey:
        // The signature covers the body, so only its presence can be checked here.
        for (std::string_view name : {"X-Mingjing-Key", "X-Mingjing-Timestamp", "X-Mingjing-Nonce",
                                      "X-Mingjing-Signature"}) {
          if (request.Header(name).empty()) {
            return Unauthenticated(fmt::format("sign the request: the {} header is missing", name));
          }
        }
        return std::nullopt;
    }
    return std::nullopt;
  };
}

}  // namespace mingjing::api
