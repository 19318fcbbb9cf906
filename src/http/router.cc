#include "http/router.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "http/middleware.h"

namespace mingjing::http {

namespace beast_http = boost::beast::http;

struct Router::Node {
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;
  std::vector<const Route*> routes;  // one per method
};

namespace {

const RouteInfo kUnmatchedInfo{.summary = {}, .tag = {}, .auth = AuthRequirement::kPublic};

bool IsParamSegment(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

// The methods of `routes`, with HEAD wherever GET is, as an Allow header value.
std::string AllowHeader(const std::vector<const Route*>& routes) {
  std::string allow;
  bool has_head = false;
  for (const Route* route : routes) has_head |= route->method == beast_http::verb::head;
  auto append = [&allow](std::string_view method) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  };
  for (const Route* route : routes) {
    append(beast_http::to_string(route->method));
    if (route->method == beast_http::verb::get && !has_head) append("HEAD");
  }
  append("OPTIONS");
  return allow;
}

// Runs `run`, turning an escaping exception into the error shape: ErrorException keeps its error,
// anything else becomes a logged 500 whose body carries no detail of it.
template <class Run>
std::optional<Response> Guarded(Request& request, Run&& run) {
  try {
    return run();
  } catch (const ErrorException& e) {
    // A handler called .value() on a failed Result: the error is an expected one.
    return ErrorResponse(e.error);
  } catch (const std::exception& e) {
    spdlog::error("http handler failed: request_id={} method={} path={} error={}",
                  request.request_id(), EscapeForLog(request.method_string()),
                  EscapeForLog(request.raw_path()), e.what());
  } catch (...) {
    spdlog::error("http handler failed: request_id={} method={} path={} error=unknown exception",
                  request.request_id(), EscapeForLog(request.method_string()),
                  EscapeForLog(request.raw_path()));
  }
  return ErrorResponse(Error::Internal("internal error; quote the X-Request-Id when reporting it"));
}

}  // namespace

std::string_view AuthRequirementName(AuthRequirement requirement) {
  switch (requirement) {
    case AuthRequirement::kPublic:
      return "public";
    case AuthRequirement::kSession:
      return "session";
    case AuthRequirement::kApiKey:
      return "api_key";
    case AuthRequirement::kSessionOrApiKey:
      return "session_or_api_key";
  }
  return "session";
}

const RouteInfo& RouteMatch::info() const { return route ? route->info : kUnmatchedInfo; }

std::vector<std::string> SplitPattern(std::string_view pattern) {
  std::vector<std::string> segments;
  if (pattern.empty() || pattern.front() != '/') return segments;
  pattern.remove_prefix(1);
  if (pattern.empty()) return segments;
  while (true) {
    size_t slash = pattern.find('/');
    segments.emplace_back(pattern.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return segments;
}

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Add(beast_http::verb method, std::string_view pattern, Handler handler,
                 RouteInfo info) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument(fmt::format("route pattern must start with '/': {}", pattern));
  }
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string(pattern);
  route->handler = std::move(handler);
  route->info = std::move(info);

  Node* node = root_.get();
  for (const std::string& segment : SplitPattern(pattern)) {
    if (segment.find_first_of("{}") != std::string::npos && !IsParamSegment(segment)) {
      throw std::invalid_argument(
          fmt::format("malformed segment '{}' in route {}", segment, pattern));
    }
    if (IsParamSegment(segment)) {
      route->param_names.push_back(segment.substr(1, segment.size() - 2));
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
      continue;
    }
    Node* next = nullptr;
    for (auto& [literal, child] : node->literals) {
      if (literal == segment) next = child.get();
    }
    if (!next) {
      node->literals.emplace_back(segment, std::make_unique<Node>());
      next = node->literals.back().second.get();
    }
    node = next;
  }

  for (const Route* existing : node->routes) {
    if (existing->method == method) {
      throw std::invalid_argument(fmt::format("duplicate route {} {} (already added as {})",
                                              beast_http::to_string(method), pattern,
                                              existing->pattern));
    }
  }
  node->routes.push_back(route.get());
  routes_.push_back(std::move(route));
}

void Router::Get(std::string_view pattern, Handler handler, RouteInfo info) {
  Add(beast_http::verb::get, pattern, std::move(handler), std::move(info));
}
void Router::Post(std::string_view pattern, Handler handler, RouteInfo info) {
  Add(beast_http::verb::post, pattern, std::move(handler), std::move(info));
}
void Router::Put(std::string_view pattern, Handler handler, RouteInfo info) {
  Add(beast_http::verb::put, pattern, std::move(handler), std::move(info));
}
void Router::Patch(std::string_view pattern, Handler handler, RouteInfo info) {
  Add(beast_http::verb::patch, pattern, std::move(handler), std::move(info));
}
void Router::Delete(std::string_view pattern, Handler handler, RouteInfo info) {
  Add(beast_http::verb::delete_, pattern, std::move(handler), std::move(info));
}
void Router::Stream(std::string_view pattern, Handler handler, RouteInfo info) {
  info.event_stream = true;
  Add(beast_http::verb::get, pattern, std::move(handler), std::move(info));
}

void Router::SetFallback(Handler handler) { fallback_ = std::move(handler); }
void Router::Use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }
void Router::UseBeforeBody(Middleware middleware) {
  before_body_middleware_.push_back(std::move(middleware));
}
void Router::Observe(ResponseObserver observer) { observers_.push_back(std::move(observer)); }

const Router::Node* Router::Find(const Node* node, const std::vector<std::string>& segments,
                                 size_t index, std::vector<std::string_view>& values) const {
  if (index == segments.size()) return node->routes.empty() ? nullptr : node;

  const std::string& segment = segments[index];
  for (const auto& [literal, child] : node->literals) {
    if (literal != segment) continue;
    if (const Node* found = Find(child.get(), segments, index + 1, values)) return found;
  }
  if (node->param && !segment.empty()) {
    values.push_back(segment);
    if (const Node* found = Find(node->param.get(), segments, index + 1, values)) return found;
    values.pop_back();
  }
  return nullptr;
}

RouteMatch Router::Match(beast_http::verb method, const std::vector<std::string>& segments) const {
  RouteMatch match;
  std::vector<std::string_view> values;
  const Node* node = Find(root_.get(), segments, 0, values);

  if (!node) {
    bool reads = method == beast_http::verb::get || method == beast_http::verb::head;
    match.kind = reads && fallback_ ? RouteMatch::Kind::kFallback : RouteMatch::Kind::kNotFound;
    return match;
  }

  const Route* chosen = nullptr;
  for (const Route* route : node->routes) {
    if (route->method == method) chosen = route;
  }
  if (!chosen && method == beast_http::verb::head) {
    for (const Route* route : node->routes) {
      if (route->method == beast_http::verb::get) chosen = route;
    }
  }
  if (!chosen) {
    match.kind = method == beast_http::verb::options ? RouteMatch::Kind::kOptions
                                                     : RouteMatch::Kind::kMethodNotAllowed;
    match.allow = AllowHeader(node->routes);
    return match;
  }

  match.kind = RouteMatch::Kind::kFound;
  match.route = chosen;
  match.params.reserve(values.size());
  for (size_t i = 0; i < values.size() && i < chosen->param_names.size(); ++i) {
    match.params.emplace_back(chosen->param_names[i], std::string(values[i]));
  }
  return match;
}

std::optional<Response> Router::RunBeforeBody(Request& request, const RouteMatch& match) const {
  return Guarded(request, [&]() -> std::optional<Response> {
    for (const Middleware& middleware : before_body_middleware_) {
      if (auto response = middleware(request, match.info())) return response;
    }
    return std::nullopt;
  });
}

Response Router::Dispatch(Request& request, RouteMatch& match) const {
  switch (match.kind) {
    case RouteMatch::Kind::kFound:
      request.SetPathParams(std::move(match.params));
      return Invoke(match.route->handler, request, match.route->info);
    case RouteMatch::Kind::kFallback:
      return Invoke(fallback_, request, match.info());
    case RouteMatch::Kind::kOptions: {
      Response response = NoContent();
      response.SetHeader(beast_http::field::allow, match.allow);
      return response;
    }
    case RouteMatch::Kind::kMethodNotAllowed: {
      Response response =
          ErrorResponse(Error{ErrorCode::kMethodNotAllowed,
                              fmt::format("method {} is not allowed here; allowed: {}",
                                          request.method_string(), match.allow),
                              {}});
      response.SetHeader(beast_http::field::allow, match.allow);
      return response;
    }
    case RouteMatch::Kind::kNotFound:
      break;
  }
  return ErrorResponse(Error::NotFound(fmt::format("no resource at {}", request.raw_path())));
}

Response Router::Invoke(const Handler& handler, Request& request, const RouteInfo& info) const {
  auto response = Guarded(request, [&]() -> std::optional<Response> {
    for (const Middleware& middleware : middleware_) {
      if (auto rejected = middleware(request, info)) return rejected;
    }
    return handler(request);
  });
  return std::move(*response);
}

void Router::NotifyObservers(const Request& request, const Response& response,
                             std::chrono::steady_clock::duration duration) const {
  for (const ResponseObserver& observer : observers_) {
    try {
      observer(request, response, duration);
    } catch (const std::exception& e) {
      spdlog::error("http response observer failed: request_id={} error={}", request.request_id(),
                    e.what());
    }
  }
}

}  // namespace mingjing::http
