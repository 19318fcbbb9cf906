// The exchange interface over a real loopback server: signed pushes and region-checked reads.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "auth/api_key.h"
#include "auth/request_signature.h"
#include "exchange/ingest.h"
#include "org_fixture.h"
#include "support/api_client.h"

namespace mingjing::exchange {
namespace {

namespace json = boost::json;
namespace bhttp = boost::beast::http;

class ExchangeApiTest : public testing::OrgFixture {
 protected:
  void SetUp() override {
    OrgFixture::SetUp();
    auth::Principal admin;
    admin.name = "sec.admin";
    admin.division_code = "5116";
    admin.roles = {auth::Role::kSecurityAdmin};
    auto issued = auth::CreateApiKey(db(), ledger_, admin, "127.0.0.1",
                                     {"广安区网上审批系统", "511602", 0, {"licensing"}}, clock_);
    ASSERT_TRUE(issued.has_value()) << issued.error().message;
    key_ = *issued;
    server_ = std::make_unique<testing::ApiServer>(db(), ledger_, clock_);
  }

  // POSTs `body` to the events route with a valid signature.
  testing::ApiResponse SignedPost(const std::string& body, const std::string& content_type) {
    const std::string target = "/api/v1/exchange/events";
    std::string ts = std::to_string(clock_.NowSeconds());
    std::string nonce = "nonce-" + std::to_string(++nonce_counter_) + "-abcdefghij";
    std::string signature =
        auth::SignRequest(auth::DeriveSigningKey(key_.secret), "POST", target, ts, nonce, body);

    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    boost::beast::tcp_stream stream(io);
    stream.connect(resolver.resolve("127.0.0.1", std::to_string(server_->port())));
    bhttp::request<bhttp::string_body> request{bhttp::verb::post, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::content_type, content_type);
    request.set("X-Mingjing-Key", key_.key.key_id);
    request.set("X-Mingjing-Timestamp", ts);
    request.set("X-Mingjing-Nonce", nonce);
    request.set("X-Mingjing-Signature", signature);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(stream, request);

    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(stream, buffer, response);
    testing::ApiResponse out{static_cast<int>(response.result_int()), response.body(), nullptr};
    boost::system::error_code ec;
    out.json = json::parse(out.body, ec);
    return out;
  }

  std::string EventLine(const std::string& event_id, const std::string& type,
                        const std::string& occurred_at, json::object extra = {}) {
    json::object e{{"event_id", event_id},
                   {"event_type", type},
                   {"case_number", "GA-HTTP-1"},
                   {"item_code", "511A0138000000-511602000000-000-1"},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_id", civil_affairs_.id},
                   {"occurred_at", occurred_at},
                   {"operator", "window-07"}};
    for (auto& [key, value] : extra) e[key] = value;
    return json::serialize(e) + "\n";
  }

  testing::ApiClient SignedInAs(const std::string& name, const std::string& division) {
    org::User user = MakeUser(name, {org::Role::kSupervisor}, division);
    testing::ApiClient client = server_->Client();
    client.SetSession(testing::OpenTestSession(db(), user.id, clock_));
    return client;
  }

  auth::IssuedApiKey key_;
  std::unique_ptr<testing::ApiServer> server_;
  int nonce_counter_ = 0;
};

TEST_F(ExchangeApiTest, NdjsonBatchAnswersPerEvent) {
  std::string body = EventLine("h-1", "submitted", "2026-01-30T09:00:00+08:00") + "{not json\n" +
                     EventLine("h-3", "accepted", "2026-01-30T10:00:00+08:00");
  auto response = SignedPost(body, "application/x-ndjson");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto& out = response.json.as_object();
  EXPECT_EQ(out.at("accepted").as_int64(), 2);
  EXPECT_EQ(out.at("rejected").as_int64(), 1);
  const auto& events = out.at("events").as_array();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].at("status").as_string(), "rejected");
  EXPECT_EQ(events[1].at("errors").as_array()[0].at("field").as_string(), "events[1]");

  auto again = SignedPost(body, "application/x-ndjson");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json.at("duplicates").as_int64(), 2);
}

TEST_F(ExchangeApiTest, UnusableBodyIsBadRequest) {
  EXPECT_EQ(SignedPost("[", "application/json").status, 400);
  EXPECT_EQ(SignedPost("42", "application/json").status, 400);
}

TEST_F(ExchangeApiTest, UnsignedPushIsUnauthenticated) {
  auto response =
      server_->Client().Send("POST", "/api/v1/exchange/events", "{}", "application/json");
  EXPECT_EQ(response.status, 401);
}

TEST_F(ExchangeApiTest, CaseReadsAreRegionChecked) {
  auto pushed =
      SignedPost(EventLine("h-1", "submitted", "2026-01-30T09:00:00+08:00"), "application/json");
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  int64_t case_id = pushed.json.at("events").as_array()[0].at("case_id").as_int64();
  std::string target = "/api/v1/cases/" + std::to_string(case_id);

  auto city = SignedInAs("city.supervisor", "5116");
  auto found = city.Get(target);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json.at("case_number").as_string(), "GA-HTTP-1");
  EXPECT_EQ(found.json.at("timeline").as_array().size(), 1u);
  auto listed = city.Get("/api/v1/cases?state=submitted");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json.at("items").as_array().size(), 1u);

  auto yuechi = SignedInAs("yuechi.supervisor", "511621");
  EXPECT_EQ(yuechi.Get(target).status, 404);
  EXPECT_EQ(yuechi.Get("/api/v1/cases").json.at("items").as_array().size(), 0u);
}

}  // namespace
}  // namespace mingjing::exchange

namespace mingjing::exchange {
namespace {

using ExchangeCatalogueTest = testing::OrgFixture;

TEST_F(ExchangeCatalogueTest, LoadedCatalogueChecksItemCode) {
  {
    auto lease = db().Acquire();
    long long department = civil_affairs_.id;
    *lease << "INSERT INTO service_items (code, name, department_id, division_code, item_type, "
              "statutory_unit, promised_unit, created_at, updated_at) "
              "VALUES ('511A0138', '养犬登记', :d, '511602', 'licensing', 'working_days', "
              "'working_days', 0, 0)",
        soci::use(department);
  }
  Sender sender{"mk_test", "5116", {}};
  auto event = [](const std::string& id, const std::string& item_code) {
    return json::value{{"event_id", id},
                       {"event_type", "submitted"},
                       {"case_number", "CAT-" + id},
                       {"item_code", item_code},
                       {"item_type", "licensing"},
                       {"division_code", "511602"},
                       {"department_code", "MZJ"},
                       {"occurred_at", "2026-01-30T09:00:00+08:00"},
                       {"operator", "window-07"}};
  };
  std::vector<json::value> events = {event("1", "511A0138"), event("2", "511A9999")};
  auto result = IngestEvents(db(), ledger_, actor_, sender, events, clock_);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->events[0].status, EventStatus::kAccepted);
  ASSERT_EQ(result->events[1].status, EventStatus::kRejected);
  EXPECT_EQ(result->events[1].errors[0].field, "events[1].item_code");
}

}  // namespace
}  // namespace mingjing::exchange
