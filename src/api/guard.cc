#include "api/guard.h"

#include <fmt/format.h>

#include <charconv>

namespace mingjing::api {

const auth::Principal& Caller(const http::Request& request) {
  static const auth::Principal anonymous;
  return request.principal ? *request.principal : anonymous;
}

Result<void> RequireRole(const http::Request& request, std::initializer_list<auth::Role> roles) {
  const auth::Principal& p = Caller(request);
  for (auth::Role r : roles) {
    if (p.HasRole(r)) return {};
  }
  return Error::Forbidden("your role does not allow this action");
}

Result<void> RequireScope(const http::Request& request, std::string_view scope) {
  if (Caller(request).HasScope(scope)) return {};
  return Error::Forbidden(
      fmt::format("this API key lacks the \"{}\" scope: ask the security administrator for a "
                  "key created with \"scopes\": [\"{}\"]",
                  scope, scope));
}

Result<void> RequireInRegion(const http::Request& request, std::string_view division_code,
                             std::string_view what) {
  const auth::Principal& p = Caller(request);
  if (p.division_code.empty() || !division_code.starts_with(p.division_code)) {
    return Error::NotFound(fmt::format("{} not found", what));
  }
  return {};
}

ledger::Actor ActorOf(const http::Request& request) {
  const auth::Principal& p = Caller(request);
  std::string prefix = p.kind == auth::Principal::Kind::kBusinessSystem ? "system:" : "user:";
  return ledger::Actor{prefix + p.name, request.remote_address()};
}

Result<int64_t> PathId(const http::Request& request, std::string_view name) {
  std::string_view text = request.PathParam(name);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Error::InvalidField(std::string(name),
                               fmt::format("{} must be a positive whole number", name));
  }
  return id;
}

}  // namespace mingjing::api
