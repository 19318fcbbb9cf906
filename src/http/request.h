// One HTTP request as handlers and middleware see it: the method, the percent-decoded path and
// query, headers, body, the client address, a request id, path parameters filled by the router,
// and the authenticated principal filled by the authentication middleware.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.h"

namespace mingjing::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

class Request {
 public:
  // Parses the target of `message`. An invalid target (bad percent-encoding, not origin form)
  // leaves valid() false and the path empty; the server answers such a request with 400.
  Request(BeastRequest message, std::string remote_address);
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  bool valid() const { return valid_; }

  boost::beast::http::verb method() const { return message_.method(); }
  std::string_view method_string() const { return message_.method_string(); }

  // The raw request target, e.g. "/api/v1/cases?page=2".
  std::string_view target() const { return message_.target(); }
  // The percent-decoded path, e.g. "/api/v1/cases/ab c" for "/api/v1/cases/ab%20c".
  const std::string& path() const { return path_; }
  // The decoded path segments; "/a/b/" gives {"a", "b", ""} and "/" gives {}.
  const std::vector<std::string>& segments() const { return segments_; }
  // The raw path without the query, still percent-encoded; safe to write to logs.
  std::string_view raw_path() const;

  // Decoded query parameters in order of appearance; '+' decodes to a space.
  const std::vector<std::pair<std::string, std::string>>& query() const;
  // The first value of the query parameter `name`, or nullopt when absent.
  std::optional<std::string_view> Query(std::string_view name) const;

  // The value of a header, or "" when absent.
  std::string_view Header(boost::beast::http::field name) const { return message_[name]; }
  std::string_view Header(std::string_view name) const { return message_[name]; }
  const BeastRequest& message() const { return message_; }

  const std::string& body() const { return message_.body(); }
  // The server reads the body after the header and middleware have seen the request.
  void SetBody(std::string body) { message_.body() = std::move(body); }
  bool keep_alive() const { return message_.keep_alive(); }

  // The client's IP address: the peer, or the X-Forwarded-For entry added by a trusted proxy.
  const std::string& remote_address() const { return remote_address_; }

  // 16 hex digits, random per request; the server echoes it as X-Request-Id.
  const std::string& request_id() const { return request_id_; }

  // The value bound to `{name}` in the matched route pattern, or "" when the route has none.
  std::string_view PathParam(std::string_view name) const;
  void SetPathParams(std::vector<std::pair<std::string_view, std::string>> params) {
    path_params_ = std::move(params);
  }

  std::chrono::steady_clock::time_point start_time() const { return start_time_; }

  // Set by the authentication middleware; null for anonymous requests.
  std::shared_ptr<const auth::Principal> principal;

 private:
  BeastRequest message_;
  bool valid_ = false;
  std::string path_;
  std::vector<std::string> segments_;
  mutable std::optional<std::vector<std::pair<std::string, std::string>>> query_;
  std::string remote_address_;
  std::string request_id_;
  std::vector<std::pair<std::string_view, std::string>> path_params_;
  std::chrono::steady_clock::time_point start_time_;
};

// A new random request id: 16 lowercase hex digits from a per-thread generator. Not a secret.
std::string NewRequestId();

}  // namespace mingjing::http
