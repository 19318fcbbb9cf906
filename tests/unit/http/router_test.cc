#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_server.h"

namespace mingjing::http {
namespace {

namespace beast_http = boost::beast::http;
using testing::Client;
using testing::Fetch;
using testing::MakeRequest;
using testing::TestServer;

const RouteInfo kPublic{.summary = "test", .tag = "test", .auth = AuthRequirement::kPublic};

Response EchoParams(Request& request) {
  boost::json::object out;
  out["id"] = request.PathParam("id");
  out["step"] = request.PathParam("step");
  out["path"] = request.path();
  if (auto page = request.Query("page")) out["page"] = *page;
  return Json(out);
}

boost::json::object BodyOf(const testing::ClientResponse& response) {
  return boost::json::parse(response.body()).as_object();
}

TEST(SplitPattern, SplitsSegments) {
  EXPECT_EQ(SplitPattern("/"), std::vector<std::string>{});
  EXPECT_EQ(SplitPattern("/a/{id}/b"), (std::vector<std::string>{"a", "{id}", "b"}));
  EXPECT_EQ(SplitPattern("/a/"), (std::vector<std::string>{"a", ""}));
}

TEST(Router, RejectsDuplicateAndMalformedRoutes) {
  Router router;
  router.Get("/a/{id}", EchoParams, kPublic);
  EXPECT_THROW(router.Get("/a/{id}", EchoParams, kPublic), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/{id", EchoParams, kPublic), std::invalid_argument);
  EXPECT_THROW(router.Get("relative", EchoParams, kPublic), std::invalid_argument);
  EXPECT_NO_THROW(router.Post("/a/{id}", EchoParams, kPublic));
}

TEST(Router, MatchPrefersLiteralOverParameter) {
  Router router;
  router.Get("/cases/{id}", EchoParams, kPublic);
  router.Get("/cases/export", EchoParams, {.summary = "export"});
  RouteMatch literal = router.Match(beast_http::verb::get, {"cases", "export"});
  ASSERT_EQ(literal.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(literal.route->info.summary, "export");

  RouteMatch param = router.Match(beast_http::verb::get, {"cases", "42"});
  ASSERT_EQ(param.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(param.route->pattern, "/cases/{id}");
  ASSERT_EQ(param.params.size(), 1u);
  EXPECT_EQ(param.params[0].second, "42");
}

TEST(Router, MatchBacktracksFromDeadLiteral) {
  Router router;
  router.Get("/cases/export/all", EchoParams, kPublic);
  router.Get("/cases/{id}/steps", EchoParams, kPublic);
  RouteMatch match = router.Match(beast_http::verb::get, {"cases", "export", "steps"});
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.route->pattern, "/cases/{id}/steps");
}

TEST(Router, EmptySegmentDoesNotBindParameter) {
  Router router;
  router.Get("/cases/{id}", EchoParams, kPublic);
  EXPECT_EQ(router.Match(beast_http::verb::get, {"cases", ""}).kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterHttp, PathParametersAndQuery) {
  TestServer server;
  server.router().Get("/api/v1/cases/{id}/steps/{step}", EchoParams, kPublic);
  server.Start();

  auto response = Fetch(server.port(), "/api/v1/cases/A%2FB%20c/steps/7?page=2&x=y+z");
  ASSERT_EQ(response.result(), beast_http::status::ok);
  auto body = BodyOf(response);
  EXPECT_EQ(body["id"], "A/B c");
  EXPECT_EQ(body["step"], "7");
  EXPECT_EQ(body["page"], "2");
  EXPECT_EQ(response[beast_http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(response["X-Request-Id"].size(), 16u);
}

TEST(RouterHttp, UnknownPathIs404WithErrorShape) {
  TestServer server;
  server.router().Get("/api/v1/cases", EchoParams, kPublic);
  server.Start();

  auto response = Fetch(server.port(), "/api/v1/nothing");
  EXPECT_EQ(response.result(), beast_http::status::not_found);
  auto body = BodyOf(response);
  EXPECT_EQ(body["error"].at("code"), "not_found");
}

TEST(RouterHttp, WrongMethodIs405WithAllow) {
  TestServer server;
  server.router().Get("/api/v1/cases", EchoParams, kPublic);
  server.router().Post("/api/v1/cases", EchoParams, kPublic);
  server.Start();

  Client client(server.port());
  auto response = client.Send(MakeRequest(beast_http::verb::delete_, "/api/v1/cases"));
  EXPECT_EQ(response.result(), beast_http::status::method_not_allowed);
  EXPECT_EQ(response[beast_http::field::allow], "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(BodyOf(response)["error"].at("code"), "method_not_allowed");

  auto options = client.Send(MakeRequest(beast_http::verb::options, "/api/v1/cases"));
  EXPECT_EQ(options.result(), beast_http::status::no_content);
  EXPECT_EQ(options[beast_http::field::allow], "GET, HEAD, POST, OPTIONS");
}

TEST(RouterHttp, UnknownMethodIs405) {
  TestServer server;
  server.router().Get("/api/v1/cases", EchoParams, kPublic);
  server.Start();

  Client client(server.port());
  auto response = client.SendRaw("BREW /api/v1/cases HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(response.result(), beast_http::status::method_not_allowed);
  auto missing = client.SendRaw("BREW /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(missing.result(), beast_http::status::not_found);
}

TEST(RouterHttp, HeadUsesGetRouteWithoutBody) {
  TestServer server;
  server.router().Get("/api/v1/cases/{id}", EchoParams, kPublic);
  server.Start();

  Client client(server.port());
  auto get = client.Get("/api/v1/cases/9");
  beast_http::request<beast_http::empty_body> head(beast_http::verb::head, "/api/v1/cases/9", 11);
  head.set(beast_http::field::host, "x");
  boost::beast::http::write(client.stream(), head);

  boost::beast::flat_buffer buffer;
  beast_http::response_parser<beast_http::empty_body> parser;
  parser.skip(true);  // a response to HEAD has no body, regardless of its Content-Length
  beast_http::read(client.stream(), buffer, parser);
  EXPECT_EQ(parser.get().result(), beast_http::status::ok);
  EXPECT_EQ(parser.get()[beast_http::field::content_length], std::to_string(get.body().size()));
}

TEST(RouterHttp, MiddlewareRunsInOrderAndShortCircuits) {
  TestServer server;
  std::vector<std::string> order;
  std::mutex mutex;
  server.router().Use([&](Request& request, const RouteInfo& info) -> std::optional<Response> {
    std::lock_guard lock(mutex);
    order.push_back("first");
    if (info.auth == AuthRequirement::kSession && !request.principal) {
      return ErrorResponse(Error{ErrorCode::kUnauthenticated, "sign in first", {}});
    }
    return std::nullopt;
  });
  server.router().Use([&](Request&, const RouteInfo&) -> std::optional<Response> {
    std::lock_guard lock(mutex);
    order.push_back("second");
    return std::nullopt;
  });
  server.router().Get("/open", EchoParams, kPublic);
  server.router().Get("/closed", EchoParams, {.summary = "needs a session"});
  server.Start();

  EXPECT_EQ(Fetch(server.port(), "/open").result(), beast_http::status::ok);
  EXPECT_EQ(Fetch(server.port(), "/closed").result(), beast_http::status::unauthorized);
  std::lock_guard lock(mutex);
  EXPECT_EQ(order, (std::vector<std::string>{"first", "second", "first"}));
}

TEST(RouterHttp, HandlerExceptionBecomesOpaque500) {
  TestServer server;
  server.router().Get(
      "/boom",
      [](Request&) -> Response { throw std::runtime_error("secret table name in message"); },
      kPublic);
  server.router().Get(
      "/failed-result",
      [](Request&) -> Response {
        Result<int> missing = Error::NotFound("case 7 not found");
        return Json(missing.value());
      },
      kPublic);
  server.Start();

  auto response = Fetch(server.port(), "/boom");
  EXPECT_EQ(response.result(), beast_http::status::internal_server_error);
  EXPECT_EQ(BodyOf(response)["error"].at("code"), "internal");
  EXPECT_EQ(response.body().find("secret"), std::string::npos);

  auto failed = Fetch(server.port(), "/failed-result");
  EXPECT_EQ(failed.result(), beast_http::status::not_found);
  EXPECT_EQ(BodyOf(failed)["error"].at("message"), "case 7 not found");
}

}  // namespace
}  // namespace mingjing::http
