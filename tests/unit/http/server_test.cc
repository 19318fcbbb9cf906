#include "http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>
#include <future>
#include <sstream>

#include "http/middleware.h"
#include "test_server.h"

namespace mingjing::http {
namespace {

namespace beast_http = boost::beast::http;
using testing::Client;
using testing::Fetch;
using testing::MakeRequest;
using testing::TestOptions;
using testing::TestServer;

const RouteInfo kPublic{.summary = "test", .tag = "test", .auth = AuthRequirement::kPublic};

Response EchoBody(Request& request) { return Text(std::to_string(request.body().size())); }

std::string ErrorCodeOf(const testing::ClientResponse& response) {
  auto body = boost::json::parse(response.body()).as_object();
  return std::string(body["error"].at("code").as_string());
}

TEST(ParseListenAddress, AcceptsHostPortForms) {
  auto v4 = ParseListenAddress("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->first, "127.0.0.1");
  EXPECT_EQ(v4->second, 8080);
  auto v6 = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->first, "::1");
  EXPECT_EQ(v6->second, 0);
  auto any = ParseListenAddress(":9000");
  ASSERT_TRUE(any);
  EXPECT_EQ(any->first, "0.0.0.0");
}

TEST(ParseListenAddress, RejectsBadForms) {
  for (std::string text : {"8080", "host:", "host:70000", "host:12a", "[::1]8080", "[::1"}) {
    auto parsed = ParseListenAddress(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().field, "listen") << text;
  }
}

TEST(Server, StartFailsOnBadTlsConfiguration) {
  ServerOptions options = TestOptions();
  options.tls_certificate_file = "/nonexistent/cert.pem";
  Server only_certificate(options);
  auto started = only_certificate.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().field, "tls_private_key_file");

  options.tls_private_key_file = "/nonexistent/key.pem";
  Server missing_files(options);
  started = missing_files.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().field, "tls_certificate_file");
}

TEST(Server, BindsPortZeroAndReportsPort) {
  TestServer server;
  server.Start();
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(Fetch(server.port(), "/healthz").result(), beast_http::status::ok);
}

TEST(Server, RunReturnsAfterStop) {
  Server server(TestOptions());
  Result<void> ran;
  std::thread runner([&] { ran = server.Run(); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server.port() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(Fetch(server.port(), "/healthz").result(), beast_http::status::ok);

  server.Stop();
  runner.join();
  EXPECT_TRUE(ran);
}

TEST(Server, KeepAliveServesSeveralRequests) {
  TestServer server;
  server.router().Post("/echo", EchoBody, kPublic);
  server.Start();

  Client client(server.port());
  for (int i = 0; i < 5; ++i) {
    auto response = client.Send(MakeRequest(beast_http::verb::post, "/echo", std::string(i, 'x')));
    EXPECT_EQ(response.result(), beast_http::status::ok);
    EXPECT_EQ(response.body(), std::to_string(i));
    EXPECT_TRUE(response.keep_alive());
  }
}

TEST(Server, PipelinedRequestsInOrder) {
  TestServer server;
  server.router().Post("/echo", EchoBody, kPublic);
  server.Start();

  Client client(server.port());
  std::string pipeline;
  for (int i = 1; i <= 3; ++i) {
    pipeline += "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(i) +
                "\r\n\r\n" + std::string(i, 'a');
  }
  client.WriteRaw(pipeline);
  for (int i = 1; i <= 3; ++i) EXPECT_EQ(client.Read().body(), std::to_string(i));
}

TEST(Server, ConnectionsBeyondLimitAreClosed) {
  ServerOptions options = TestOptions();
  options.max_connections = 2;
  TestServer server(options);
  server.Start();

  Client first(server.port());
  Client second(server.port());
  EXPECT_EQ(first.Get("/healthz").result(), beast_http::status::ok);
  EXPECT_EQ(second.Get("/healthz").result(), beast_http::status::ok);
  Client third(server.port());
  EXPECT_TRUE(third.IsClosedByServer());

  // A free slot is usable again once a connection closes.
  first.stream().close();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(Fetch(server.port(), "/healthz").result(), beast_http::status::ok);
}

TEST(Server, ConnectionCloseIsHonoured) {
  TestServer server;
  server.Start();
  Client client(server.port());
  auto response = client.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.IsClosedByServer());
}

TEST(Server, ContentLengthOverLimitIs413) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  TestServer server(options);
  std::atomic<int> calls{0};
  server.router().Post(
      "/echo",
      [&](Request& request) {
        ++calls;
        return EchoBody(request);
      },
      kPublic);
  server.Start();

  Client client(server.port());
  // Only the header is sent: the 413 must come without the server waiting for the body.
  auto response =
      client.SendRaw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n");
  EXPECT_EQ(response.result(), beast_http::status::payload_too_large);
  EXPECT_EQ(ErrorCodeOf(response), "too_large");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_EQ(calls, 0);
}

TEST(Server, ChunkedBodyOverLimitIs413) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  TestServer server(options);
  server.router().Post("/echo", EchoBody, kPublic);
  server.Start();

  Client client(server.port());
  std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) request += "200\r\n" + std::string(512, 'b') + "\r\n";
  auto response = client.SendRaw(request);
  EXPECT_EQ(response.result(), beast_http::status::payload_too_large);

  Client small(server.port());
  auto accepted = small.SendRaw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(accepted.result(), beast_http::status::ok);
  EXPECT_EQ(accepted.body(), "5");
}

TEST(Server, RouteCanRaiseBodyLimit) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 16;
  TestServer server(options);
  RouteInfo upload = kPublic;
  upload.max_body_bytes = 4096;
  server.router().Post("/upload", EchoBody, upload);
  server.router().Post("/echo", EchoBody, kPublic);
  server.Start();

  auto big = MakeRequest(beast_http::verb::post, "/upload", std::string(2000, 'u'));
  EXPECT_EQ(Client(server.port()).Send(big).body(), "2000");
  auto too_big = MakeRequest(beast_http::verb::post, "/echo", std::string(2000, 'u'));
  EXPECT_EQ(Client(server.port()).Send(too_big).result(), beast_http::status::payload_too_large);
}

TEST(Server, ExpectContinueGetsInterimResponse) {
  TestServer server;
  server.router().Post("/echo", EchoBody, kPublic);
  server.Start();

  Client client(server.port());
  client.WriteRaw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
      "Expect: 100-continue\r\n\r\n");
  auto interim = client.Read();
  EXPECT_EQ(interim.result(), beast_http::status::continue_);
  client.WriteRaw("abc");
  EXPECT_EQ(client.Read().body(), "3");
}

TEST(Server, OversizedHeaderIs431) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 2048;
  TestServer server(options);
  server.Start();

  Client client(server.port());
  auto response = client.SendRaw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'h') + "\r\n\r\n");
  EXPECT_EQ(response.result(), beast_http::status::request_header_fields_too_large);
  EXPECT_EQ(ErrorCodeOf(response), "too_large");
}

TEST(Server, MalformedRequestLinesAre400) {
  TestServer server;
  server.Start();
  for (std::string raw :
       {"GET\r\n\r\n", "GET /healthz HTTP/9.9\r\n\r\n",
        "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n", "G@T /healthz HTTP/1.1\r\n\r\n",
        "POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "POST /x HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"}) {
    Client client(server.port());
    auto response = client.SendRaw(raw);
    EXPECT_EQ(response.result(), beast_http::status::bad_request) << raw;
    EXPECT_EQ(ErrorCodeOf(response), "malformed") << raw;
  }
}

TEST(Server, BadPercentEncodingIs400) {
  TestServer server;
  server.Start();
  for (std::string target : {"/api/%zz", "/api/%", "/a%00b", "http://other.test/"}) {
    auto response = Fetch(server.port(), target);
    EXPECT_EQ(response.result(), beast_http::status::bad_request) << target;
    EXPECT_EQ(ErrorCodeOf(response), "malformed") << target;
  }
}

TEST(Server, SlowHeaderIsCutOffAtHeaderTimeout) {
  ServerOptions options = TestOptions();
  options.header_timeout = std::chrono::milliseconds(300);
  TestServer server(options);
  server.Start();

  Client client(server.port());
  client.WriteRaw("GET /healthz HTTP/1.1\r\nHo");
  auto begin = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.IsClosedByServer(std::chrono::seconds(3)));
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(2));
}

TEST(Server, IdleConnectionClosedAtIdleTimeout) {
  ServerOptions options = TestOptions();
  options.idle_timeout = std::chrono::milliseconds(200);
  TestServer server(options);
  server.Start();

  Client client(server.port());
  EXPECT_EQ(client.Get("/healthz").result(), beast_http::status::ok);
  EXPECT_TRUE(client.IsClosedByServer(std::chrono::seconds(3)));
}

TEST(Server, SecurityHeadersOnEveryResponse) {
  TestServer server;
  server.router().Get(
      "/page",
      [](Request&) {
        Response response(beast_http::status::ok);
        response.SetBody("<p>hi</p>", "text/html; charset=utf-8");
        return response;
      },
      kPublic);
  server.Start();

  auto json = Fetch(server.port(), "/healthz");
  EXPECT_EQ(json["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(json["X-Frame-Options"], "DENY");
  EXPECT_EQ(json["Referrer-Policy"], "same-origin");
  EXPECT_EQ(json[beast_http::field::cache_control], "no-store");
  EXPECT_FALSE(json.count("Content-Security-Policy"));
  EXPECT_FALSE(json[beast_http::field::date].empty());

  auto html = Fetch(server.port(), "/page");
  EXPECT_NE(html["Content-Security-Policy"].find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(Fetch(server.port(), "/nothing")["X-Frame-Options"], "DENY");
}

TEST(Server, RateLimitGives429WithRetryAfter) {
  ManualClock clock(TimePoint{} + std::chrono::hours(1000));
  TestServer server;
  auto limiter = std::make_shared<RateLimiter>(
      RateLimitOptions{.requests_per_second = 1, .burst = 3, .max_clients = 100}, clock);
  server.router().UseBeforeBody(RateLimit(limiter));
  server.Start();

  Client client(server.port());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.Get("/healthz").result(), beast_http::status::ok) << i;
  }
  auto limited = client.Get("/healthz");
  EXPECT_EQ(limited.result(), beast_http::status::too_many_requests);
  EXPECT_EQ(limited[beast_http::field::retry_after], "1");
  EXPECT_EQ(ErrorCodeOf(limited), "rate_limited");

  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(client.Get("/healthz").result(), beast_http::status::ok);
}

TEST(RateLimiter, RefillsAndKeysIpv6ByPrefix) {
  ManualClock clock(TimePoint{} + std::chrono::hours(1000));
  RateLimiter limiter({.requests_per_second = 2, .burst = 2, .max_clients = 1000}, clock);
  EXPECT_EQ(limiter.Acquire("2001:db8:1:2::1"), 0);
  EXPECT_EQ(limiter.Acquire("2001:db8:1:2::ffff"), 0);
  EXPECT_EQ(limiter.Acquire("2001:db8:1:2:3:4:5:6"), 1);
  EXPECT_EQ(limiter.Acquire("2001:db8:1:3::1"), 0);  // another /64
  EXPECT_EQ(limiter.Acquire("10.0.0.1"), 0);

  clock.Advance(std::chrono::milliseconds(500));
  EXPECT_EQ(limiter.Acquire("2001:db8:1:2::1"), 0);
  EXPECT_EQ(RateLimiter::ClientKey("2001:db8:1:2::1"), "2001:0db8:0001:0002::/64");
}

TEST(RateLimiter, ForgetsClientsBeyondCapacity) {
  ManualClock clock(TimePoint{} + std::chrono::hours(1000));
  RateLimiter limiter({.requests_per_second = 1, .burst = 1, .max_clients = 16}, clock);
  for (int i = 0; i < 10'000; ++i) {
    EXPECT_EQ(limiter.Acquire("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256)),
              0);
  }
}

TEST(AccessLog, LogsRequestWithoutSecrets) {
  auto output = std::make_shared<std::ostringstream>();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*output);
  auto logger = std::make_shared<spdlog::logger>("access-test", sink);
  TestServer server;
  // A connection handles its requests in order, so the response to the last request below
  // means the server has logged the ones before it. That request itself is not logged.
  server.router().Observe(
      [log = AccessLog(logger)](const Request& request, const Response& response, auto duration) {
        if (request.raw_path() != "/healthz") log(request, response, duration);
      });
  server.router().Post("/api/v1/login", EchoBody, kPublic);
  server.Start();

  Client client(server.port());
  auto request = MakeRequest(beast_http::verb::post, "/api/v1/login?token=query-secret",
                             "{\"password\":\"body-secret\"}", "application/json");
  request.set(beast_http::field::cookie, "mingjing_session=cookie-secret");
  request.set(beast_http::field::authorization, "HMAC header-secret");
  auto response = client.Send(request);
  ASSERT_EQ(response.result(), beast_http::status::ok);
  client.Get("/api/v1/%0d%0aforged");
  client.Get("/healthz");
  logger->flush();

  std::string text = output->str();
  EXPECT_NE(text.find("method=POST path=/api/v1/login status=200"), std::string::npos) << text;
  EXPECT_NE(text.find("request_id=" + std::string(response["X-Request-Id"])), std::string::npos);
  EXPECT_NE(text.find("remote=127.0.0.1"), std::string::npos);
  for (std::string secret : {"query-secret", "body-secret", "cookie-secret", "header-secret"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(text.find("path=/api/v1/%0d%0aforged status=404"), std::string::npos) << text;
}

TEST(EscapeForLog, EscapesControlAndNonAsciiBytes) {
  EXPECT_EQ(EscapeForLog("/a b\r\n\x1b[31m\xe6\x98\x8e"), "/a%20b%0D%0A%1B[31m%E6%98%8E");
  EXPECT_EQ(EscapeForLog("/plain/path-1_2.~"), "/plain/path-1_2.~");
}

TEST(Server, ReadinessProbeUsesCallback) {
  ServerOptions options = TestOptions();
  std::atomic<bool> ready{false};
  options.readiness = [&ready]() -> Result<void> {
    if (ready) return {};
    return Error{ErrorCode::kUnavailable, "database is not reachable", {}};
  };
  TestServer server(options);
  server.Start();

  auto not_ready = Fetch(server.port(), "/readyz");
  EXPECT_EQ(not_ready.result(), beast_http::status::service_unavailable);
  EXPECT_EQ(ErrorCodeOf(not_ready), "unavailable");
  ready = true;
  EXPECT_EQ(Fetch(server.port(), "/readyz").result(), beast_http::status::ok);
  EXPECT_EQ(Fetch(server.port(), "/healthz").result(), beast_http::status::ok);
}

TEST(Server, MetricsCountRequestsAndExposeGauges) {
  TestServer server;
  auto& custom = server.server().metrics().GetCounter("mingjing_test_events_total", "Test events");
  custom.Increment(7);
  server.Start();

  Client client(server.port());
  client.Get("/healthz");
  client.Get("/healthz");
  client.Get("/missing");
  auto text = client.Get("/metrics").body();

  EXPECT_NE(text.find("mingjing_http_requests_total{method=\"GET\",code=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("mingjing_http_requests_total{method=\"GET\",code=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE mingjing_http_request_duration_seconds histogram"),
            std::string::npos);
  EXPECT_NE(text.find("mingjing_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"),
            std::string::npos);
  EXPECT_NE(text.find("mingjing_http_requests_in_flight 1"), std::string::npos);
  EXPECT_NE(text.find("mingjing_http_open_connections 1"), std::string::npos);
  EXPECT_NE(text.find("process_resident_memory_bytes "), std::string::npos);
  EXPECT_NE(text.find("mingjing_test_events_total 7"), std::string::npos);
}

TEST(Server, OpenApiListsEveryRoute) {
  TestServer server;
  server.router().Get("/api/v1/cases/{id}", EchoBody,
                      {.summary = "One case", .tag = "cases", .auth = AuthRequirement::kSession});
  server.router().Post("/api/v1/events", EchoBody,
                       {.summary = "Report an event",
                        .tag = "exchange",
                        .auth = AuthRequirement::kApiKey,
                        .request_schema = boost::json::object{{"type", "object"}}});
  server.router().Patch("/api/v1/cases/{id}", EchoBody,
                        {.summary = "Edit", .auth = AuthRequirement::kSessionOrApiKey});
  server.Start();

  auto response = Fetch(server.port(), "/api/v1/openapi.json");
  ASSERT_EQ(response.result(), beast_http::status::ok);
  auto doc = boost::json::parse(response.body()).as_object();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  auto& paths = doc["paths"].as_object();
  for (std::string path : {"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json",
                           "/api/v1/cases/{id}", "/api/v1/events"}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }

  auto& get_case = paths["/api/v1/cases/{id}"].as_object()["get"].as_object();
  EXPECT_EQ(get_case["summary"], "One case");
  EXPECT_EQ(get_case["tags"].as_array()[0], "cases");
  auto& parameter = get_case["parameters"].as_array()[0].as_object();
  EXPECT_EQ(parameter["name"], "id");
  EXPECT_EQ(parameter["in"], "path");
  EXPECT_EQ(get_case["security"], boost::json::parse(R"([{"session":[]}])"));

  auto& patch = paths["/api/v1/cases/{id}"].as_object()["patch"].as_object();
  EXPECT_EQ(patch["security"], boost::json::parse(R"([{"session":[],"csrf":[]},{"api_key":[]}])"));

  auto& post = paths["/api/v1/events"].as_object()["post"].as_object();
  EXPECT_EQ(post["security"], boost::json::parse(R"([{"api_key":[]}])"));
  EXPECT_TRUE(post.contains("requestBody"));
  EXPECT_EQ(paths["/healthz"].as_object()["get"].as_object()["security"], boost::json::array());

  auto& schemes = doc["components"].as_object()["securitySchemes"].as_object();
  EXPECT_EQ(schemes["session"].as_object()["in"], "cookie");
  EXPECT_EQ(schemes["csrf"].as_object()["in"], "header");
  EXPECT_EQ(schemes["api_key"].as_object()["in"], "header");
}

TEST(Server, TrustedProxyForwardedForSetsClientAddress) {
  ServerOptions options = TestOptions();
  options.trusted_proxies = {"127.0.0.1"};
  TestServer server(options);
  server.router().Get(
      "/whoami", [](Request& request) { return Text(request.remote_address()); }, kPublic);
  server.Start();

  Client client(server.port());
  auto request = MakeRequest(beast_http::verb::get, "/whoami");
  request.set("X-Forwarded-For", "198.51.100.7, 203.0.113.9");
  EXPECT_EQ(client.Send(request).body(), "203.0.113.9");
  EXPECT_EQ(client.Get("/whoami").body(), "127.0.0.1");
}

TEST(Server, UntrustedPeerForwardedForIgnored) {
  TestServer server;
  server.router().Get(
      "/whoami", [](Request& request) { return Text(request.remote_address()); }, kPublic);
  server.Start();
  Client client(server.port());
  auto request = MakeRequest(beast_http::verb::get, "/whoami");
  request.set("X-Forwarded-For", "203.0.113.9");
  EXPECT_EQ(client.Send(request).body(), "127.0.0.1");
}

TEST(Server, ShutdownFinishesInFlightRequest) {
  TestServer server;
  std::promise<void> entered;
  server.router().Get(
      "/slow",
      [&entered](Request&) {
        entered.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        return Text("done");
      },
      kPublic);
  server.Start();

  Client idle(server.port());
  EXPECT_EQ(idle.Get("/healthz").result(), beast_http::status::ok);

  auto slow =
      std::async(std::launch::async, [port = server.port()] { return Fetch(port, "/slow"); });
  entered.get_future().wait();
  server.StopInBackground();

  auto response = slow.get();
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_EQ(response.body(), "done");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(idle.IsClosedByServer());
  server.JoinStop();
}

TEST(Server, HandlerPoolKeepsIoThreadFree) {
  ServerOptions options = TestOptions();
  options.io_threads = 1;
  options.handler_threads = 2;
  TestServer server(options);
  std::promise<void> entered;
  server.router().Get(
      "/slow",
      [&entered](Request&) {
        entered.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        return Text("done");
      },
      kPublic);
  server.Start();

  auto slow =
      std::async(std::launch::async, [port = server.port()] { return Fetch(port, "/slow"); });
  entered.get_future().wait();
  auto begin = std::chrono::steady_clock::now();
  EXPECT_EQ(Fetch(server.port(), "/healthz").result(), beast_http::status::ok);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::milliseconds(400));

  // Shutting down while the handler still runs lets it finish and respond.
  server.StopInBackground();
  auto response = slow.get();
  EXPECT_EQ(response.body(), "done");
  EXPECT_FALSE(response.keep_alive());
  server.JoinStop();
}

TEST(Server, ShutdownTimeoutBoundsSlowHandlers) {
  ServerOptions options = TestOptions();
  options.shutdown_timeout = std::chrono::milliseconds(200);
  options.io_threads = 1;
  TestServer server(options);
  std::promise<void> entered;
  server.router().Get(
      "/slower",
      [&entered](Request&) {
        entered.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(800));
        return Text("late");
      },
      kPublic);
  server.Start();

  auto slow = std::async(std::launch::async, [port = server.port()] {
    Client client(port);
    client.WriteRaw("GET /slower HTTP/1.1\r\nHost: x\r\n\r\n");
    return client.ReadUntilClosed();
  });
  entered.get_future().wait();
  auto begin = std::chrono::steady_clock::now();
  server.server().Stop();
  server.server().Wait();
  // Wait() returns once the handler ends; it cannot interrupt a handler that blocks.
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(4));
  slow.get();
}

}  // namespace
}  // namespace mingjing::http
