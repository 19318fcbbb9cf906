// Builds the OpenAPI 3.0 document served at GET /api/v1/openapi.json from the router itself, so
// every registered route is listed with its path parameters, summary, tag and security.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "http/router.h"

namespace mingjing::http {

struct OpenApiOptions {
  std::string title = "Mingjing API";
  std::string version = "1";
  std::string session_cookie = "mingjing_session";  // cookie that carries the session token
  std::string csrf_header = "X-CSRF-Token";         // required with the cookie on unsafe methods
  std::string api_key_header = "Authorization";     // carries the key id and HMAC signature
};

// The document for every route of `router`. Routes with AuthRequirement::kPublic get an empty
// security list; the others list the cookie session (with the CSRF header for methods that
// change state), the HMAC API key, or both as alternatives.
boost::json::value BuildOpenApi(const Router& router, const OpenApiOptions& options);

}  // namespace mingjing::http
