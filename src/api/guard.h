// Role and region checks shared by the handlers. Region checks return 404, not 403, so that a
// caller cannot learn that a record exists in another region.
#pragma once

#include <initializer_list>
#include <string_view>

#include "auth/principal.h"
#include "common/error.h"
#include "http/request.h"
#include "ledger/ledger.h"

namespace mingjing::api {

// The principal the authentication middleware attached; handlers behind a session or API key
// route always have one.
const auth::Principal& Caller(const http::Request& request);

// kForbidden unless the caller has one of `roles`.
Result<void> RequireRole(const http::Request& request, std::initializer_list<auth::Role> roles);

// kForbidden, naming the scope, unless the caller is a business system whose key has `scope`.
Result<void> RequireScope(const http::Request& request, std::string_view scope);

// kNotFound unless `division_code` lies inside the caller's region.
Result<void> RequireInRegion(const http::Request& request, std::string_view division_code,
                             std::string_view what);

// The ledger actor for the caller of `request`.
ledger::Actor ActorOf(const http::Request& request);

// Parses a path parameter as a positive integer id, naming the parameter on failure.
Result<int64_t> PathId(const http::Request& request, std::string_view name);

}  // namespace mingjing::api
