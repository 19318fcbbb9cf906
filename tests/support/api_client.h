// An in-process Mingjing API server on a free loopback port, and a small HTTP client for it
// that keeps the session cookie and CSRF token like a browser would.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "api/api_context.h"
#include "common/clock.h"
#include "http/server.h"

namespace mingjing::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value json() const;
};

// Runs the full API (routes, authentication middleware, rate limit off) over `db`.
class ApiServer {
 public:
  ApiServer(store::Database& db, ledger::Ledger& ledger, const Clock& clock);
  ~ApiServer();
  uint16_t port() const { return server_->port(); }

 private:
  std::unique_ptr<api::ApiContext> ctx_;
  std::unique_ptr<http::Server> server_;
};

class ApiClient {
 public:
  explicit ApiClient(uint16_t port) : port_(port) {}

  HttpResult Get(const std::string& target);
  HttpResult Post(const std::string& target, const boost::json::value& body);
  HttpResult Send(boost::beast::http::verb method, const std::string& target,
                  const std::string& body, const std::string& content_type,
                  const std::map<std::string, std::string>& headers = {});

  // POST /api/v1/auth/login; keeps the cookie and the CSRF token on success.
  HttpResult Login(const std::string& username, const std::string& password);

  void set_csrf_token(std::string token) { csrf_token_ = std::move(token); }
  const std::string& csrf_token() const { return csrf_token_; }
  const std::string& cookie() const { return cookie_; }

 private:
  uint16_t port_;
  std::string cookie_;
  std::string csrf_token_;
};

}  // namespace mingjing::testing
