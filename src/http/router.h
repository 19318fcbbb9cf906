// Routes requests by method and path pattern to synchronous handlers, runs the middleware chain
// first, and keeps each route's metadata for the OpenAPI document.
//
// Patterns are literal segments and `{name}` segments, e.g. "/api/v1/cases/{id}/steps". A literal
// segment wins over a `{name}` segment at the same position. Routes and middleware are added
// before Server::Start(); the router is read without locks afterwards.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace mingjing::http {

// Who may call a route. The server does not enforce it: the authentication middleware reads it.
enum class AuthRequirement {
  kPublic,           // anyone
  kSession,          // a signed-in person: session cookie, plus the CSRF header when unsafe
  kApiKey,           // a business system: API key and HMAC request signature
  kSessionOrApiKey,  // either of the two
};

std::string_view AuthRequirementName(AuthRequirement requirement);

struct RouteInfo {
  std::string summary;  // one line for the OpenAPI document
  std::string tag;      // OpenAPI group, e.g. "cases"
  AuthRequirement auth = AuthRequirement::kSession;
  // Optional JSON Schema fragments (OpenAPI 3.0 dialect) of the request and 2xx response bodies.
  boost::json::value request_schema;
  boost::json::value response_schema;
  // Largest accepted request body in bytes; 0 uses ServerOptions::max_body_bytes.
  uint64_t max_body_bytes = 0;
  // The route answers with text/event-stream (set by Router::Stream).
  bool event_stream = false;
};

using Handler = std::function<Response(Request&)>;

// Runs before the handler; returning a Response ends the request with it (e.g. 401 or 429).
using Middleware = std::function<std::optional<Response>(Request&, const RouteInfo&)>;

// Runs after the response is written, e.g. for access logs. `duration` is from the first byte of
// the request header to the last byte of the response.
using ResponseObserver = std::function<void(const Request&, const Response&,
                                            std::chrono::steady_clock::duration duration)>;

struct Route {
  boost::beast::http::verb method;
  std::string pattern;
  std::vector<std::string> param_names;  // in pattern order
  Handler handler;
  RouteInfo info;
};

// The outcome of looking up a method and path.
struct RouteMatch {
  enum class Kind { kFound, kFallback, kOptions, kMethodNotAllowed, kNotFound };

  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;  // set for kFound
  std::vector<std::pair<std::string_view, std::string>> params;
  std::string allow;  // "GET, HEAD, POST" for kOptions and kMethodNotAllowed

  // The metadata that middleware sees; public for unmatched paths.
  const RouteInfo& info() const;
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Adds a route. Throws std::invalid_argument for a malformed pattern or a duplicate
  // method and pattern, since both are programming errors found at start-up.
  void Add(boost::beast::http::verb method, std::string_view pattern, Handler handler,
           RouteInfo info);
  void Get(std::string_view pattern, Handler handler, RouteInfo info);
  void Post(std::string_view pattern, Handler handler, RouteInfo info);
  void Put(std::string_view pattern, Handler handler, RouteInfo info);
  void Patch(std::string_view pattern, Handler handler, RouteInfo info);
  void Delete(std::string_view pattern, Handler handler, RouteInfo info);
  // A GET route whose handler returns StartEventStream(...) on success.
  void Stream(std::string_view pattern, Handler handler, RouteInfo info);

  // Serves GET and HEAD requests that match no route (the static front end).
  void SetFallback(Handler handler);

  // Middleware that runs once the whole request, body included, has been read.
  void Use(Middleware middleware);
  // Middleware that runs after the header and before the body is read, e.g. rate limits, so a
  // rejected client cannot make the server read its body first. Request::body() is empty here.
  void UseBeforeBody(Middleware middleware);
  void Observe(ResponseObserver observer);

  RouteMatch Match(boost::beast::http::verb method, const std::vector<std::string>& segments) const;

  // Runs the before-body middleware; a Response means the request ends there.
  std::optional<Response> RunBeforeBody(Request& request, const RouteMatch& match) const;

  // Runs the middleware and the handler of `match`, or answers 404, 405 or OPTIONS. An exception
  // from a handler becomes a logged 500 whose body carries no detail of it.
  Response Dispatch(Request& request, RouteMatch& match) const;

  void NotifyObservers(const Request& request, const Response& response,
                       std::chrono::steady_clock::duration duration) const;

  // Every route in the order added, for the OpenAPI document.
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Node;

  const Node* Find(const Node* node, const std::vector<std::string>& segments, size_t index,
                   std::vector<std::string_view>& values) const;
  Response Invoke(const Handler& handler, Request& request, const RouteInfo& info) const;

  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  Handler fallback_;
  std::vector<Middleware> middleware_;
  std::vector<Middleware> before_body_middleware_;
  std::vector<ResponseObserver> observers_;
};

// Splits a path pattern into segments; "{id}" segments stay as written.
std::vector<std::string> SplitPattern(std::string_view pattern);

}  // namespace mingjing::http
