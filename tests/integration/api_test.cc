// The JSON API over real HTTP on loopback, against the seeded demo city: each role signs in and
// reads only its region; TOTP, CSRF, lockout and signed business-system requests behave as
// documented in docs/api.md.
#include <gtest/gtest.h>

#include "auth/api_key.h"
#include "auth/request_signature.h"
#include "crypto/encoding.h"
#include "crypto/totp.h"
#include "demo/seed.h"
#include "ledger/notary.h"
#include "support/api_client.h"
#include "support/browser_client.h"
#include "support/test_database.h"

namespace mingjing {
namespace {

using ApiClient = testing::BrowserClient;
using testing::ApiServer;

constexpr const char* kPassword = "Demo-Password-2026";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::DemoSeedOptions options;
    options.data_dir = std::string(MINGJING_SOURCE_DIR) + "/data/demo";
    options.password = kPassword;
    options.hash_cost = crypto::kTestOnlyPasswordCost;
    auto seeded = demo::SeedDemo(t_.db(), ledger_, clock_, options);
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
    seed_ = *seeded;
    server_ = std::make_unique<ApiServer>(t_.db(), ledger_, clock_);
    server_->context().auth.login.hash_cost = crypto::kTestOnlyPasswordCost;
  }

  ApiClient Client() { return ApiClient(server_->port()); }

  // Signs in a user who needs TOTP, enrolling on first use, and returns the ready client.
  ApiClient SignInWithTotp(const std::string& username) {
    ApiClient c = Client();
    auto login = c.Login(username, kPassword);
    EXPECT_EQ(login.status, 200) << login.body;
    auto enrol = c.Post("/api/v1/auth/totp/enrol", boost::json::object{});
    EXPECT_EQ(enrol.status, 200) << enrol.body;
    std::string uri(enrol.json().at("otpauth_uri").as_string());
    auto pos = uri.find("secret=") + 7;
    std::string key = crypto::Base32Decode(uri.substr(pos, uri.find('&', pos) - pos)).value();
    secrets_[username] = key;
    auto confirm = c.Post("/api/v1/auth/totp/confirm",
                          {{"code", crypto::ComputeTotp(key, clock_.NowSeconds())}});
    EXPECT_EQ(confirm.status, 204) << confirm.body;
    return c;
  }

  testing::TestDatabase t_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'770'000'000))};
  ledger::Ledger ledger_{clock_, std::make_unique<ledger::Sm3Hasher>()};
  demo::DemoSeedResult seed_;
  std::unique_ptr<ApiServer> server_;
  std::map<std::string, std::string> secrets_;
};

TEST_F(ApiTest, MeNeedsASession) {
  auto c = Client();
  auto me = c.Get("/api/v1/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.json().at("error").at("code").as_string(), "unauthenticated");
}

TEST_F(ApiTest, StaffSeesOnlyTheirDistrict) {
  auto c = Client();
  ASSERT_EQ(c.Login("minzheng.staff", kPassword).status, 200);
  auto me = c.Get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("user").at("department_name").as_string(), "区民政局");

  auto departments = c.Get("/api/v1/departments");
  ASSERT_EQ(departments.status, 200);
  for (const auto& d : departments.json().at("items").as_array()) {
    EXPECT_EQ(d.at("division_code").as_string(), "511602");
  }
  EXPECT_EQ(c.Get("/api/v1/departments?division=511621").status, 404);
  EXPECT_EQ(c.Get("/api/v1/divisions/511621").status, 404);
  EXPECT_EQ(c.Get("/api/v1/divisions/511602").status, 200);
}

TEST_F(ApiTest, SupervisorMustPassTotpBeforeData) {
  auto c = Client();
  auto login = c.Login("guangan.supervisor", kPassword);
  ASSERT_EQ(login.status, 200);
  EXPECT_TRUE(login.json().at("second_factor").at("required").as_bool());
  EXPECT_EQ(c.Get("/api/v1/departments").status, 403);
  EXPECT_EQ(c.Get("/api/v1/me").status, 200) << "me stays reachable to show the TOTP step";

  auto ready = SignInWithTotp("guangan.supervisor");
  EXPECT_EQ(ready.Get("/api/v1/departments").status, 200);
  EXPECT_EQ(ready.Get("/api/v1/divisions/511621").status, 404) << "neighbour county";

  // Next login: the code is required and a wrong one fails.
  clock_.Advance(std::chrono::seconds(60));
  auto again = Client();
  ASSERT_EQ(again.Login("guangan.supervisor", kPassword).status, 200);
  EXPECT_EQ(again.Post("/api/v1/auth/totp/verify", {{"code", "000000"}}).status, 400);
  std::string code = crypto::ComputeTotp(secrets_["guangan.supervisor"], clock_.NowSeconds());
  EXPECT_EQ(again.Post("/api/v1/auth/totp/verify", {{"code", code}}).status, 204);
  EXPECT_EQ(again.Get("/api/v1/departments").status, 200);
}

TEST_F(ApiTest, CitySupervisorSeesBothCounties) {
  auto c = SignInWithTotp("city.supervisor");
  auto departments = c.Get("/api/v1/departments");
  ASSERT_EQ(departments.status, 200);
  bool guangan = false;
  bool yuechi = false;
  for (const auto& d : departments.json().at("items").as_array()) {
    guangan |= d.at("division_code").as_string() == "511602";
    yuechi |= d.at("division_code").as_string() == "511621";
  }
  EXPECT_TRUE(guangan);
  EXPECT_TRUE(yuechi);
  auto city = c.Get("/api/v1/divisions/mine");
  ASSERT_EQ(city.status, 200);
  EXPECT_EQ(city.json().at("children").as_array().size(), 6u);
}

TEST_F(ApiTest, StateChangeWithoutCsrfIsForbidden) {
  auto c = SignInWithTotp("platform.admin");
  std::string token = c.csrf_token();
  c.set_csrf_token("");
  auto bare = c.Post("/api/v1/departments", {{"division_code", "511602"}, {"name", "区测试局"}});
  EXPECT_EQ(bare.status, 403);
  c.set_csrf_token("wrong-token");
  EXPECT_EQ(
      c.Post("/api/v1/departments", {{"division_code", "511602"}, {"name", "区测试局"}}).status,
      403);
  c.set_csrf_token(token);
  EXPECT_EQ(
      c.Post("/api/v1/departments", {{"division_code", "511602"}, {"name", "区测试局"}}).status,
      201);
}

TEST_F(ApiTest, RolesLimitWrites) {
  auto staff = Client();
  ASSERT_EQ(staff.Login("minzheng.staff", kPassword).status, 200);
  EXPECT_EQ(
      staff.Post("/api/v1/departments", {{"division_code", "511602"}, {"name", "区某局"}}).status,
      403);
  EXPECT_EQ(staff.Get("/api/v1/users").status, 403);

  auto admin = SignInWithTotp("platform.admin");
  auto created = admin.Post("/api/v1/users", {{"username", "new.staff"},
                                              {"display_name", "新同事"},
                                              {"division_code", "511621"},
                                              {"roles", boost::json::array{"supervisor"}},
                                              {"password", "Yuechi-Supervisor-77"}});
  EXPECT_EQ(created.status, 201) << created.body;
  auto weak = admin.Post("/api/v1/users", {{"username", "weak.user"},
                                           {"display_name", "x"},
                                           {"division_code", "511621"},
                                           {"roles", boost::json::array{"supervisor"}},
                                           {"password", "12345678"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.json().at("error").at("field").as_string(), "password");
}

TEST_F(ApiTest, LockoutAfterFiveFailures) {
  auto c = Client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Login("shenpi.staff", "Wrong-Password-1").status, 401);
  auto locked = c.Login("shenpi.staff", kPassword);
  EXPECT_EQ(locked.status, 403);
  EXPECT_NE(locked.body.find("locked"), std::string::npos);
}

// Password logins have their own per-address limit, checked before any hash runs.
TEST_F(ApiTest, LoginBurstFromOneAddressIsLimited) {
  server_->context().login_limiter = std::make_shared<http::RateLimiter>(
      http::RateLimitOptions{.requests_per_second = 0.5, .burst = 3}, server_->context().clock);
  auto c = Client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.Login("nobody", "Wrong-Password-1").status, 401);
  auto limited = c.Login("minzheng.staff", kPassword);
  EXPECT_EQ(limited.status, 429);
  EXPECT_NE(limited.body.find("too many login attempts"), std::string::npos);
  server_->context().login_limiter.reset();
  EXPECT_EQ(c.Login("minzheng.staff", kPassword).status, 200);
}

TEST_F(ApiTest, BadRequestsGetTheErrorShape) {
  auto c = Client();
  auto malformed =
      c.Send(boost::beast::http::verb::post, "/api/v1/auth/login", "{not json", "application/json");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(malformed.json().at("error").is_object());
  EXPECT_EQ(c.Get("/api/v1/nothing-here").status, 404);
  auto wrong_method = c.Send(boost::beast::http::verb::delete_, "/api/v1/auth/login", "", "");
  EXPECT_EQ(wrong_method.status, 405);
  auto not_json = c.Send(boost::beast::http::verb::post, "/api/v1/auth/login",
                         "username=a&password=b", "application/x-www-form-urlencoded");
  EXPECT_EQ(not_json.status, 400);
}

TEST_F(ApiTest, SignedBusinessSystemRequests) {
  std::string signing_key = auth::DeriveSigningKey(seed_.api_key_secret);
  auto send = [&](const std::string& nonce, const std::string& signature_override) {
    std::string ts = std::to_string(clock_.NowSeconds());
    std::string sig = auth::SignRequest(signing_key, "GET", "/api/v1/exchange/ping", ts, nonce, "");
    return Client().Send(
        boost::beast::http::verb::get, "/api/v1/exchange/ping", "", "",
        {{"X-Mingjing-Key", seed_.api_key_id},
         {"X-Mingjing-Timestamp", ts},
         {"X-Mingjing-Nonce", nonce},
         {"X-Mingjing-Signature", signature_override.empty() ? sig : signature_override}});
  };
  auto ok = send("nonce-api-test-0001", "");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("division_code").as_string(), "511602");
  EXPECT_EQ(send("nonce-api-test-0001", "").status, 401) << "replayed nonce";
  EXPECT_EQ(send("nonce-api-test-0002", std::string(64, '0')).status, 401) << "bad signature";
  EXPECT_EQ(Client().Get("/api/v1/exchange/ping").status, 401) << "no headers";
}

TEST_F(ApiTest, AuditAdminVerifiesLedger) {
  auto key = ledger::LoadOrCreateLedgerKey(t_.scratch_dir());
  ASSERT_TRUE(key.has_value());
  auto c = SignInWithTotp("audit.admin");
  ledger::Sm3Hasher hasher;
  ASSERT_TRUE(ledger::Notary(t_.db(), hasher, *key, clock_).SignCurrentHead().has_value());
  auto report = c.Post("/api/v1/ledger/verify", boost::json::object{});
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_TRUE(report.json().at("ok").as_bool()) << report.body;
  auto entries = c.Get("/api/v1/ledger/entries?limit=5");
  ASSERT_EQ(entries.status, 200);
  EXPECT_EQ(entries.json().at("items").as_array().size(), 5u);

  auto staff = Client();
  ASSERT_EQ(staff.Login("minzheng.staff", kPassword).status, 200);
  EXPECT_EQ(staff.Post("/api/v1/ledger/verify", boost::json::object{}).status, 403);
}

TEST_F(ApiTest, PasswordChangeEndsSession) {
  auto c = Client();
  ASSERT_EQ(c.Login("minzheng.head", kPassword).status, 200);
  auto changed = c.Post("/api/v1/auth/password", {{"current_password", kPassword},
                                                  {"new_password", "Changed-Password-2026"}});
  EXPECT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(c.Get("/api/v1/me").status, 401);
  EXPECT_EQ(Client().Login("minzheng.head", "Changed-Password-2026").status, 200);
}

}  // namespace
}  // namespace mingjing

namespace mingjing {
namespace {

TEST_F(ApiTest, SecurityAdminUnlocksAndResets) {
  auto locked = Client();
  for (int i = 0; i < 5; ++i) locked.Login("shenpi.staff", "Wrong-Password-1");
  ASSERT_EQ(locked.Login("shenpi.staff", kPassword).status, 403);

  auto supervisor = SignInWithTotp("guangan.supervisor");
  auto admin = SignInWithTotp("security.admin");
  auto users = admin.Get("/api/v1/users");
  ASSERT_EQ(users.status, 200);
  std::map<std::string, int64_t> ids;
  for (const auto& u : users.json().at("items").as_array()) {
    ids[std::string(u.at("username").as_string())] = u.at("id").as_int64();
  }

  std::string unlock = "/api/v1/users/" + std::to_string(ids["shenpi.staff"]) + "/unlock";
  EXPECT_EQ(admin.Post(unlock, boost::json::object{}).status, 204);
  EXPECT_EQ(Client().Login("shenpi.staff", kPassword).status, 200);

  std::string reset = "/api/v1/users/" + std::to_string(ids["guangan.supervisor"]) + "/totp-reset";
  EXPECT_EQ(admin.Post(reset, boost::json::object{}).status, 204);
  EXPECT_EQ(supervisor.Get("/api/v1/me").status, 401) << "the reset ends the user's sessions";

  std::string self = "/api/v1/users/" + std::to_string(ids["security.admin"]) + "/totp-reset";
  EXPECT_EQ(admin.Post(self, boost::json::object{}).status, 403);
}

}  // namespace
}  // namespace mingjing
