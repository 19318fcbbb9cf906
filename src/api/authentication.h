// The authentication middleware: finds the caller from the session cookie or the request
// signature, enforces each route's AuthRequirement, the CSRF header on state-changing session
// requests, and the second factor for roles that need it.
#pragma once

#include "api/api_context.h"
#include "http/router.h"

namespace mingjing::api {

inline constexpr std::string_view kSessionCookie = "mj_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// Reads the session cookie's token from a Cookie header, or "" when absent.
std::string SessionTokenFromCookie(std::string_view cookie_header);

// Set-Cookie value that stores `token`, or clears the cookie when `token` is empty.
std::string SessionCookie(const std::string& token, bool secure, int64_t max_age_seconds);

http::Middleware AuthenticationMiddleware(ApiContext& ctx);

// Runs after the header and before the body is read: checks the session of session routes, and
// that a signed route's signature headers are present, so that an unauthenticated client cannot make
// the server read a large body (attachments take up to 36 MiB).
http::Middleware AuthenticationBeforeBody(ApiContext& ctx);

}  // namespace mingjing::api
