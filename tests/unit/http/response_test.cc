#include "http/response.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/request.h"
#include "test_server.h"

namespace mingjing::http {
namespace {

namespace beast_http = boost::beast::http;

Request MakeServerRequest(std::string target, std::string body = {}) {
  BeastRequest message(beast_http::verb::post, target, 11);
  message.body() = std::move(body);
  return Request(std::move(message), "127.0.0.1");
}

boost::json::object ErrorOf(const Response& response) {
  return boost::json::parse(response.body().text()).as_object()["error"].as_object();
}

TEST(ErrorResponse, MapsEveryCodeToItsStatus) {
  struct Case {
    ErrorCode code;
    int status;
    std::string_view name;
  };
  const Case cases[] = {
      {ErrorCode::kInvalidField, 400, "invalid_field"},
      {ErrorCode::kMalformed, 400, "malformed"},
      {ErrorCode::kUnauthenticated, 401, "unauthenticated"},
      {ErrorCode::kForbidden, 403, "forbidden"},
      {ErrorCode::kNotFound, 404, "not_found"},
      {ErrorCode::kMethodNotAllowed, 405, "method_not_allowed"},
      {ErrorCode::kConflict, 409, "conflict"},
      {ErrorCode::kTooLarge, 413, "too_large"},
      {ErrorCode::kRateLimited, 429, "rate_limited"},
      {ErrorCode::kUnavailable, 503, "unavailable"},
      {ErrorCode::kInternal, 500, "internal"},
  };
  for (const Case& c : cases) {
    Response response = ErrorResponse(Error{c.code, "message text", {}});
    EXPECT_EQ(response.status_code(), c.status) << c.name;
    EXPECT_EQ(response.Header(beast_http::field::content_type), kJsonContentType) << c.name;
    auto error = ErrorOf(response);
    EXPECT_EQ(error["code"].as_string(), c.name);
    EXPECT_EQ(error["message"], "message text") << c.name;
    EXPECT_FALSE(error.contains("field")) << c.name;
  }
}

TEST(ErrorResponse, IncludesFieldWhenSet) {
  Response response = ErrorResponse(Error::InvalidField("case.deadline", "must be a date"));
  EXPECT_EQ(response.status_code(), 400);
  auto error = ErrorOf(response);
  EXPECT_EQ(error["code"], "invalid_field");
  EXPECT_EQ(error["field"], "case.deadline");
  EXPECT_EQ(error.size(), 3u);
}

TEST(ErrorResponse, ExplicitStatusKeepsShape) {
  Response response = ErrorResponse(Error{ErrorCode::kTooLarge, "headers", {}},
                                    beast_http::status::request_header_fields_too_large);
  EXPECT_EQ(response.status_code(), 431);
  EXPECT_EQ(ErrorOf(response)["code"], "too_large");
}

TEST(ParseJsonBody, AcceptsDocumentWithSurroundingSpace) {
  Request request = MakeServerRequest("/x", " {\"a\": [1, 2]} \n");
  auto value = ParseJsonBody(request);
  ASSERT_TRUE(value);
  EXPECT_EQ(value->at("a").as_array().size(), 2u);
}

TEST(ParseJsonBody, ReportsPositionOfSyntaxError) {
  Request request = MakeServerRequest("/x", "{\"a\": 1,, }");
  auto value = ParseJsonBody(request);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::kMalformed);
  EXPECT_NE(value.error().message.find("at byte 8"), std::string::npos) << value.error().message;
}

TEST(ParseJsonBody, RejectsEmptyTruncatedAndTrailingData) {
  for (std::string body : {"", "{\"a\": ", "{} {}", "nul"}) {
    Request request = MakeServerRequest("/x", body);
    auto value = ParseJsonBody(request);
    ASSERT_FALSE(value) << body;
    EXPECT_EQ(value.error().code, ErrorCode::kMalformed) << body;
  }
}

TEST(ParseJsonObjectBody, RejectsNonObject) {
  Request request = MakeServerRequest("/x", "[1]");
  auto value = ParseJsonObjectBody(request);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().code, ErrorCode::kMalformed);
}

TEST(Request, DecodesPathAndQuery) {
  Request request = MakeServerRequest("/a%20b/c?x=1&y=two+words&x=3&flag");
  ASSERT_TRUE(request.valid());
  EXPECT_EQ(request.path(), "/a b/c");
  EXPECT_EQ(request.raw_path(), "/a%20b/c");
  EXPECT_EQ(request.segments(), (std::vector<std::string>{"a b", "c"}));
  EXPECT_EQ(request.Query("x"), "1");
  EXPECT_EQ(request.Query("y"), "two words");
  EXPECT_EQ(request.Query("flag"), "");
  EXPECT_EQ(request.Query("missing"), std::nullopt);
  EXPECT_EQ(request.query().size(), 4u);
}

TEST(Request, RejectsBadTargets) {
  for (std::string target : {"/a%zz", "/a%2", "http://example.test/a", "*", "/a%00b"}) {
    Request request = MakeServerRequest(target);
    EXPECT_FALSE(request.valid()) << target;
  }
}

TEST(Request, RequestIdsAreHexAndDistinct) {
  Request a = MakeServerRequest("/");
  Request b = MakeServerRequest("/");
  EXPECT_EQ(a.request_id().size(), 16u);
  EXPECT_EQ(a.request_id().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a.request_id(), b.request_id());
}

TEST(JsonBodyHttp, MalformedJsonIs400) {
  testing::TestServer server;
  server.router().Post("/api/v1/items",
                       [](Request& request) {
                         auto body = ParseJsonObjectBody(request);
                         if (!body) return ErrorResponse(body.error());
                         return Json(*body, beast_http::status::created);
                       },
                       {.summary = "create", .tag = "test", .auth = AuthRequirement::kPublic});
  server.Start();

  testing::Client client(server.port());
  auto bad = client.Send(testing::MakeRequest(beast_http::verb::post, "/api/v1/items",
                                              "{\"name\": }", "application/json"));
  EXPECT_EQ(bad.result(), beast_http::status::bad_request);
  auto error = boost::json::parse(bad.body()).as_object()["error"].as_object();
  EXPECT_EQ(error["code"], "malformed");

  auto good = client.Send(testing::MakeRequest(beast_http::verb::post, "/api/v1/items",
                                               "{\"name\": \"x\"}", "application/json"));
  EXPECT_EQ(good.result(), beast_http::status::created);
  EXPECT_EQ(good.body(), "{\"name\":\"x\"}");
}

}  // namespace
}  // namespace mingjing::http
