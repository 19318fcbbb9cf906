// exchange::SignedClient against the server's signature check (auth::VerifySignedRequest) over a
// real loopback connection.
#include "exchange/signed_client.h"

#include <gtest/gtest.h>

#include "demo_server_fixture.h"

namespace mingjing::exchange {
namespace {

using SignedClientTest = testing::DemoServerFixture;

TEST_F(SignedClientTest, SignedPingIsAccepted) {
  SignedClient client = Client();
  auto r = client.Send("GET", "/api/v1/exchange/ping", "", "");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->json.at("division_code").as_string(), "511602");
}

TEST_F(SignedClientTest, QueryStringIsSignedAsSent) {
  SignedClient client = Client();
  auto r = client.Send("GET", "/api/v1/exchange/ping?probe=1&x=%E6%98%8E", "", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(SignedClientTest, SignedBodyIsAccepted) {
  SignedClient client = Client();
  auto r = client.PostEvents("[]");
  ASSERT_TRUE(r.has_value());
  // The signature passed, so the route itself answers: an empty batch is malformed.
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(r->json.at("error").at("code").as_string(), "malformed");
}

TEST_F(SignedClientTest, KeptAliveConnectionServesManyRequests) {
  SignedClient client = Client();
  for (int i = 0; i < 5; ++i) {
    auto r = client.Send("GET", "/api/v1/exchange/ping", "", "");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->status, 200) << "request " << i;
  }
}

TEST_F(SignedClientTest, WrongSecretIsRejected) {
  SignedClient client = Client("not-the-secret");
  auto r = client.Send("GET", "/api/v1/exchange/ping", "", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
}

TEST_F(SignedClientTest, ReplayedNonceIsRejected) {
  SignedClient client = Client();
  ASSERT_EQ(client.Send("GET", "/api/v1/exchange/ping", "", "")->status, 200);
  SigningOverrides replay;
  replay.nonce = client.last_nonce();
  auto r = client.Send("GET", "/api/v1/exchange/ping", "", "", replay);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
}

TEST_F(SignedClientTest, StaleTimestampIsRejected) {
  SignedClient client = Client();
  SigningOverrides stale;
  stale.timestamp = std::to_string(clock_.NowSeconds() - 301);
  auto r = client.Send("GET", "/api/v1/exchange/ping", "", "", stale);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
}

TEST_F(SignedClientTest, ClosedPortIsUnavailable) {
  SignedClient client({"127.0.0.1", "1"}, seed_.api_key_id, seed_.api_key_secret, clock_,
                      std::chrono::seconds(2));
  auto r = client.Send("GET", "/api/v1/exchange/ping", "", "");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

TEST(ParseServerUrlTest, AcceptsHostAndPort) {
  auto a = ParseServerUrl("http://127.0.0.1:8080");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, "8080");
  auto b = ParseServerUrl("http://localhost/");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->port, "80");
}

TEST(ParseServerUrlTest, RejectsOtherForms) {
  for (const char* url : {"https://127.0.0.1:8443", "http://127.0.0.1:8080/api", "127.0.0.1:8080",
                          "http://user:pw@127.0.0.1", "http://127.0.0.1:8080/?a=1", ""}) {
    auto parsed = ParseServerUrl(url);
    EXPECT_FALSE(parsed.has_value()) << url;
  }
}

}  // namespace
}  // namespace mingjing::exchange
