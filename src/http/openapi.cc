#include "http/openapi.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>

namespace mingjing::http {

namespace json = boost::json;
namespace beast_http = boost::beast::http;

namespace {

bool ChangesState(beast_http::verb method) {
  return method != beast_http::verb::get && method != beast_http::verb::head &&
         method != beast_http::verb::options;
}

json::array SecurityOf(const Route& route) {
  json::array alternatives;
  json::object session{{"session", json::array()}};
  if (ChangesState(route.method)) session["csrf"] = json::array();
  json::object api_key{{"api_key", json::array()}};

  switch (route.info.auth) {
    case AuthRequirement::kPublic:
      break;
    case AuthRequirement::kSession:
      alternatives.push_back(std::move(session));
      break;
    case AuthRequirement::kApiKey:
      alternatives.push_back(std::move(api_key));
      break;
    case AuthRequirement::kSessionOrApiKey:
      alternatives.push_back(std::move(session));
      alternatives.push_back(std::move(api_key));
      break;
  }
  return alternatives;
}

json::value ErrorResponseRef(std::string_view description) {
  return json::object{
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

// "get_api_v1_cases_id" for GET /api/v1/cases/{id}: unique because method and pattern are.
std::string OperationId(const Route& route) {
  std::string id(beast_http::to_string(route.method));
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (char c : route.pattern) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += c;
    } else if (c == '/' || c == '-' || c == '.') {
      if (id.back() != '_') id += '_';
    }
  }
  while (id.back() == '_') id.pop_back();
  return id;
}

json::object Operation(const Route& route) {
  json::object operation;
  operation["operationId"] = OperationId(route);
  if (!route.info.summary.empty()) operation["summary"] = route.info.summary;
  if (!route.info.tag.empty()) operation["tags"] = json::array{json::string(route.info.tag)};
  operation["security"] = SecurityOf(route);

  json::array parameters;
  for (const std::string& name : route.param_names) {
    parameters.push_back(json::object{
        {"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  if (!parameters.empty()) operation["parameters"] = std::move(parameters);

  if (!route.info.request_schema.is_null()) {
    operation["requestBody"] =
        json::object{{"required", true},
                     {"content", {{"application/json", {{"schema", route.info.request_schema}}}}}};
  }

  json::object ok{{"description", "Success"}};
  if (route.info.event_stream) {
    ok["content"] = {{"text/event-stream", {{"schema", {{"type", "string"}}}}}};
  } else if (!route.info.response_schema.is_null()) {
    ok["content"] = {{"application/json", {{"schema", route.info.response_schema}}}};
  }
  json::object responses;
  responses["200"] = std::move(ok);
  responses["default"] = ErrorResponseRef("Error in the shape {\"error\":{code,message,field}}");
  operation["responses"] = std::move(responses);
  return operation;
}

json::object Components(const OpenApiOptions& options) {
  json::object error_detail{
      {"type", "object"},
      {"required", json::array{"code", "message"}},
      {"properties",
       {{"code", {{"type", "string"}, {"example", "invalid_field"}}},
        {"message", {{"type", "string"}}},
        {"field", {{"type", "string"}, {"description", "Dotted path of the invalid value"}}}}}};
  json::object error{{"type", "object"},
                     {"required", json::array{"error"}},
                     {"properties", {{"error", std::move(error_detail)}}}};

  json::object schemes;
  schemes["session"] = {{"type", "apiKey"},
                        {"in", "cookie"},
                        {"name", options.session_cookie},
                        {"description", "Session token set at sign-in"}};
  schemes["csrf"] = {{"type", "apiKey"},
                     {"in", "header"},
                     {"name", options.csrf_header},
                     {"description",
                      "CSRF token of the session, required with the session "
                      "cookie on methods that change state"}};
  schemes["api_key"] = {{"type", "apiKey"},
                        {"in", "header"},
                        {"name", options.api_key_header},
                        {"description",
                         "Business-system API key id and HMAC signature of the "
                         "request, as described in the interface standard"}};

  return json::object{{"schemas", {{"Error", std::move(error)}}},
                      {"securitySchemes", std::move(schemes)}};
}

}  // namespace

json::value BuildOpenApi(const Router& router, const OpenApiOptions& options) {
  // Paths in pattern order, each with its operations; std::map keeps the output stable.
  std::map<std::string, json::object> paths;
  for (const auto& route : router.routes()) {
    std::string method(beast_http::to_string(route->method));
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    paths[route->pattern][method] = Operation(*route);
  }

  json::object paths_object;
  for (auto& [pattern, operations] : paths) paths_object[pattern] = std::move(operations);

  return json::object{{"openapi", "3.0.3"},
                      {"info", {{"title", options.title}, {"version", options.version}}},
                      {"paths", std::move(paths_object)},
                      {"components", Components(options)}};
}

}  // namespace mingjing::http
