// Procurement over a real loopback server: an e-bidding system pushes signed bids, the collusion
// rules judge the tender, red cards reach the alert list, and supervisors read tenders, flags,
// screens and the bidder network within their region.
#include <boost/json.hpp>

#include "alert_fixture.h"
#include "auth/api_key.h"
#include "exchange/signed_client.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;
using testing::ApiResponse;

class ProcurementApiTest : public testing::AlertFixture {
 protected:
  void SetUp() override {
    AlertFixture::SetUp();
    auth::Principal admin;
    admin.name = "sec.admin";
    admin.division_code = "5116";
    admin.roles = {auth::Role::kSecurityAdmin};
    auto issued = auth::CreateApiKey(db(), ledger_, admin, "127.0.0.1",
                                     {"广安区电子招投标平台", "511602", 0, {}}, clock_);
    ASSERT_TRUE(issued.has_value()) << issued.error().message;
    key_ = *issued;
  }

  exchange::ClientResponse PostBids(const json::array& bids) {
    exchange::SignedClient client({"127.0.0.1", std::to_string(server_->port())}, key_.key.key_id,
                                  key_.secret, clock_);
    auto response = client.Send("POST", "/api/v1/exchange/bids",
                                json::serialize(json::object{{"bids", bids}}), "application/json");
    EXPECT_TRUE(response.has_value());
    return response ? *response : exchange::ClientResponse{};
  }

  static json::object Bid(const std::string& bid_id, const std::string& bidder, int64_t price) {
    return {{"tender_number", "GA-ZB-2026-017"},
            {"tender_title", "Road resurfacing, Xiexing Town"},
            {"division_code", "511602"},
            {"buyer_id", "11511602MB1234567X"},
            {"estimate_fen", 150000000},
            {"bid_id", bid_id},
            {"bidder_id", bidder},
            {"bidder_name", "Bidder " + bidder},
            {"price_fen", price},
            {"submitted_at", "2026-03-09T09:30:00+08:00"},
            {"submission_ip", "198.51.100.1" + bid_id.substr(1)},
            {"mac_address", "00-1A-2B-3C-4D-1" + bid_id.substr(1)}};
  }

  // Three bids; the first two were uploaded from one computer and paid from one account.
  static json::array ColludingBids() {
    json::object a = Bid("b1", "91511600MA62AAAA1A", 138000000);
    json::object b = Bid("b2", "91511600MA62BBBB2B", 141000000);
    json::object c = Bid("b3", "91511600MA62CCCC3C", 129000000);
    a["mac_address"] = b["mac_address"] = "00:1a:2b:3c:4d:5e";
    a["bond_account"] = b["bond_account"] = "6222020200112233";
    return {a, b, c};
  }

  int64_t CountRows(const std::string& sql) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << sql, soci::into(n);
    return n;
  }

  auth::IssuedApiKey key_;
};

TEST_F(ProcurementApiTest, SharedMacAndBondRaiseRedCards) {
  exchange::ClientResponse pushed = PostBids(ColludingBids());

  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("accepted").as_int64(), 3);
  EXPECT_EQ(pushed.json.at("rejected").as_int64(), 0);
  EXPECT_GE(pushed.json.at("new_flags").as_int64(), 2);
  EXPECT_EQ(CountAlerts("procurement.shared_mac_address"), 1);
  EXPECT_EQ(CountAlerts("procurement.shared_bond_account"), 1);
  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts WHERE rule_code = "
                      "'procurement.shared_mac_address' AND level = 'red' AND state = 'issued' "
                      "AND division_code = '511602' AND case_number = 'GA-ZB-2026-017'"),
            1);

  auto supervisor = ClientAs(supervisor_);
  ApiResponse alerts = supervisor.Get("/api/v1/alerts?rule=procurement.shared_mac_address");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  ASSERT_EQ(alerts.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(alerts.json.at("items").as_array()[0].at("level").as_string(), "red");
}

TEST_F(ProcurementApiTest, ResendIsDuplicateAndChangeRejected) {
  ASSERT_EQ(PostBids(ColludingBids()).status, 200);
  int64_t alerts_before = CountRows("SELECT count(*) FROM alerts");

  exchange::ClientResponse again = PostBids(ColludingBids());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.at("duplicates").as_int64(), 3);
  EXPECT_EQ(again.json.at("new_flags").as_int64(), 0);
  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts"), alerts_before);

  json::array changed = ColludingBids();
  changed[0].as_object()["price_fen"] = 120000000;
  exchange::ClientResponse rejected = PostBids({changed[0]});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  const json::object& status = rejected.json.at("bids").as_array()[0].as_object();
  EXPECT_EQ(status.at("status").as_string(), "rejected");
  EXPECT_EQ(status.at("errors").as_array()[0].at("field").as_string(), "bids[0].bid_id");
}

TEST_F(ProcurementApiTest, BadFieldsAreNamedPerBid) {
  json::object bad = Bid("b9", "91511600MA62DDDD4D", 0);
  bad["mac_address"] = "not-a-mac";
  json::object outside = Bid("b8", "91511600MA62EEEE5E", 100000000);
  outside["division_code"] = "511621";  // Yuechi County, outside the key's division

  exchange::ClientResponse pushed = PostBids({bad, outside, Bid("b7", "91511600MA62FF6F", 9900)});

  ASSERT_EQ(pushed.status, 200) << pushed.body;
  const json::array& bids = pushed.json.at("bids").as_array();
  ASSERT_EQ(bids.size(), 3u);
  EXPECT_EQ(bids[0].at("status").as_string(), "rejected");
  EXPECT_EQ(bids[0].at("errors").as_array()[0].at("field").as_string(), "bids[0].price_fen");
  EXPECT_EQ(bids[0].at("errors").as_array()[1].at("field").as_string(), "bids[0].mac_address");
  EXPECT_EQ(bids[1].at("status").as_string(), "rejected");
  EXPECT_EQ(bids[1].at("errors").as_array()[0].at("field").as_string(), "bids[1].division_code");
  EXPECT_EQ(bids[2].at("status").as_string(), "accepted");
}

TEST_F(ProcurementApiTest, SupervisorReadsTenderFlagsAndNetwork) {
  ASSERT_EQ(PostBids(ColludingBids()).status, 200);
  auto supervisor = ClientAs(supervisor_);

  ApiResponse list = supervisor.Get("/api/v1/procurement/tenders");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("items").as_array().size(), 1u);
  const json::object& summary = list.json.at("items").as_array()[0].as_object();
  EXPECT_EQ(summary.at("bid_count").as_int64(), 3);
  EXPECT_GE(summary.at("flags").at("red").as_int64(), 2);
  int64_t id = summary.at("id").as_int64();

  ApiResponse tender = supervisor.Get("/api/v1/procurement/tenders/" + std::to_string(id));
  ASSERT_EQ(tender.status, 200) << tender.body;
  EXPECT_EQ(tender.json.at("bids").as_array().size(), 3u);
  EXPECT_EQ(tender.json.at("screens").at("bid_count").as_int64(), 3);
  EXPECT_TRUE(tender.json.at("screens").at("DIFFP").is_double());
  EXPECT_TRUE(tender.json.at("screens").at("KURT").is_null());  // needs 4 bids
  bool found_mac = false;
  for (const auto& flag : tender.json.at("flag_items").as_array()) {
    if (flag.at("rule_code").as_string() == "procurement.shared_mac_address") {
      found_mac = true;
      EXPECT_EQ(flag.at("level").as_string(), "red");
      EXPECT_TRUE(flag.at("alert_id").is_int64());
      EXPECT_EQ(flag.at("evidence").at("bids").as_array().size(), 2u);
    }
  }
  EXPECT_TRUE(found_mac);

  ApiResponse network =
      supervisor.Get("/api/v1/procurement/tenders/" + std::to_string(id) + "/network");
  ASSERT_EQ(network.status, 200) << network.body;
  EXPECT_EQ(network.json.at("nodes").as_array().size(), 3u);
  std::vector<std::string> fields;
  for (const auto& edge : network.json.at("edges").as_array()) {
    EXPECT_EQ(edge.at("source").as_string(), "91511600MA62AAAA1A");
    EXPECT_EQ(edge.at("target").as_string(), "91511600MA62BBBB2B");
    fields.emplace_back(edge.at("field").as_string());
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"bond_account", "mac_address"}));
}

TEST_F(ProcurementApiTest, TenderListFiltersByFlagLevelAndText) {
  ASSERT_EQ(PostBids(ColludingBids()).status, 200);
  // A clean tender: its own computers and accounts, prices with no pattern.
  json::array clean;
  int64_t prices[] = {131234567, 142345678, 120987654};
  for (int i = 0; i < 3; ++i) {
    json::object bid = Bid("c" + std::to_string(i + 4), "91511600MA62CLEAN" + std::to_string(i),
                           prices[i]);
    bid["tender_number"] = "GA-ZB-2026-018";
    bid["tender_title"] = "Street lighting, Dongyue Road";
    clean.push_back(std::move(bid));
  }
  ASSERT_EQ(PostBids(clean).status, 200);
  auto supervisor = ClientAs(supervisor_);
  auto numbers = [&](const std::string& query) {
    ApiResponse list = supervisor.Get("/api/v1/procurement/tenders?" + query);
    EXPECT_EQ(list.status, 200) << query << ": " << list.body;
    std::vector<std::string> out;
    if (list.status != 200) return out;
    for (const auto& item : list.json.at("items").as_array()) {
      out.emplace_back(item.at("tender_number").as_string());
    }
    return out;
  };

  using Numbers = std::vector<std::string>;
  EXPECT_EQ(numbers(""), (Numbers{"GA-ZB-2026-018", "GA-ZB-2026-017"}));
  EXPECT_EQ(numbers("flag_level=red"), (Numbers{"GA-ZB-2026-017"}));
  EXPECT_EQ(numbers("q=zb-2026-018"), (Numbers{"GA-ZB-2026-018"}));
  EXPECT_EQ(numbers("q=LIGHTING"), (Numbers{"GA-ZB-2026-018"}));
  EXPECT_EQ(numbers("q=Road&flag_level=red"), (Numbers{"GA-ZB-2026-017"}));
  EXPECT_EQ(numbers("q=%25"), Numbers{});  // a literal "%" matches no tender
  EXPECT_EQ(numbers("q=GA_ZB"), Numbers{});  // "_" is not a wildcard

  ApiResponse bad = supervisor.Get("/api/v1/procurement/tenders?flag_level=blue");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json.at("error").at("field").as_string(), "flag_level");
}

TEST_F(ProcurementApiTest, OtherRegionAndDepartmentsCannotRead) {
  ASSERT_EQ(PostBids(ColludingBids()).status, 200);
  int64_t id = CountRows("SELECT max(id) FROM procurement_tenders");
  std::string path = "/api/v1/procurement/tenders/" + std::to_string(id);

  EXPECT_EQ(ClientAs(other_supervisor_).Get(path).status, 404);
  EXPECT_EQ(ClientAs(other_supervisor_)
                .Get("/api/v1/procurement/tenders")
                .json.at("items")
                .as_array()
                .size(),
            0u);
  EXPECT_EQ(ClientAs(staff_).Get(path).status, 403);
}

}  // namespace
}  // namespace mingjing::procurement
