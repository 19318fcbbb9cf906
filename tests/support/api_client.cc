#include "support/api_client.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "api/authentication.h"
#include "api/routes.h"
#include "auth/session.h"
#include "store/transaction.h"

namespace mingjing::testing {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::asio::ip::tcp;

}  // namespace

TestSession OpenTestSession(store::Database& db, int64_t user_id, const Clock& clock) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  auth::NewSession created =
      auth::CreateSession(*lease, user_id, /*second_factor_done=*/true, "127.0.0.1", "test", clock);
  tx.Commit();
  return {created.token, created.csrf_token};
}

ApiResponse ApiClient::Send(std::string_view method, std::string_view target, std::string body,
                            std::string_view content_type) {
  boost::asio::io_context io;
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(port_)));

  bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  if (!session_.token.empty()) {
    request.set(bhttp::field::cookie, std::string(api::kSessionCookie) + "=" + session_.token);
    request.set(api::kCsrfHeader, session_.csrf_token);
  }
  if (!content_type.empty()) {
    request.set(bhttp::field::content_type, content_type);
    request.body() = std::move(body);
  }
  request.prepare_payload();
  bhttp::write(stream, request);

  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

  ApiResponse out;
  out.status = response.result_int();
  out.body = response.body();
  for (const auto& field : response) {
    out.headers[std::string(field.name_string())] = std::string(field.value());
  }
  boost::system::error_code ec;
  out.json = boost::json::parse(out.body, ec);
  if (ec) out.json = nullptr;
  return out;
}

ApiResponse ApiClient::Get(std::string_view target) { return Send("GET", target, "", ""); }

ApiResponse ApiClient::Post(std::string_view target, const boost::json::value& body) {
  return Send("POST", target, boost::json::serialize(body), "application/json");
}

ApiResponse ApiClient::Put(std::string_view target, const boost::json::value& body) {
  return Send("PUT", target, boost::json::serialize(body), "application/json");
}

ApiResponse ApiClient::Patch(std::string_view target, const boost::json::value& body) {
  return Send("PATCH", target, boost::json::serialize(body), "application/json");
}

ApiResponse ApiClient::Delete(std::string_view target) { return Send("DELETE", target, "", ""); }

ApiServer::ApiServer(store::Database& db, ledger::Ledger& ledger, const Clock& clock) {
  context_ = std::make_unique<api::ApiContext>(
      api::ApiContext{db, ledger, clock, auth::AuthContext{db, ledger, clock, {}, {}}});
  http::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.io_threads = 2;
  options.access_log = false;
  server_ = std::make_unique<http::Server>(options);
  api::RegisterApi(server_->router(), *context_);
  auto started = server_->Start();
  EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
}

ApiServer::~ApiServer() {
  server_->Stop();
  server_->Wait();
}

}  // namespace mingjing::testing
