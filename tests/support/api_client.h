// The whole JSON API on a loopback port for integration tests, and a small blocking HTTP client
// to call it. Use one ApiServer per test. It stops when destroyed.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <map>
#include <string>
#include <string_view>

#include "api/api_context.h"
#include "common/clock.h"
#include "http/server.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::testing {

struct ApiResponse {
  int status = 0;
  std::string body;
  boost::json::value json;  // the parsed body, or null when it is not JSON
  std::map<std::string, std::string> headers;  // by the name as the server wrote it
};

// A browser session opened directly in the store, without a password or TOTP, so that tests can
// act as any user.
struct TestSession {
  std::string token;
  std::string csrf_token;
};
TestSession OpenTestSession(store::Database& db, int64_t user_id, const Clock& clock);

// One connection per request to 127.0.0.1:port. Sends the session cookie and the CSRF header
// once a session is set.
class ApiClient {
 public:
  explicit ApiClient(uint16_t port) : port_(port) {}

  void SetSession(TestSession session) { session_ = std::move(session); }
  void ClearSession() { session_ = {}; }

  ApiResponse Get(std::string_view target);
  ApiResponse Post(std::string_view target, const boost::json::value& body);
  ApiResponse Put(std::string_view target, const boost::json::value& body);
  ApiResponse Patch(std::string_view target, const boost::json::value& body);
  ApiResponse Delete(std::string_view target);

  // Sends any method with a raw body. An empty `content_type` sends no body.
  ApiResponse Send(std::string_view method, std::string_view target, std::string body,
                   std::string_view content_type);

 private:
  uint16_t port_;
  TestSession session_;
};

// http::Server on 127.0.0.1:0 with api::RegisterApi, as `mingjing serve` wires it but without
// rate limits, static files or TLS. Fails the current test when the server cannot start.
class ApiServer {
 public:
  ApiServer(store::Database& db, ledger::Ledger& ledger, const Clock& clock);
  ~ApiServer();

  uint16_t port() const { return server_->port(); }
  ApiClient Client() const { return ApiClient(port()); }
  api::ApiContext& context() { return *context_; }

 private:
  std::unique_ptr<api::ApiContext> context_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace mingjing::testing
