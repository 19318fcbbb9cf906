// Procurement over a real loopback server: an e-bidding system pushes signed bids, the collusion
// rules judge the tender, red cards reach the alert list, and supervisors read tenders, flags,
// screens and the bidder network within their region.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "store/transaction.h"
#include "supervision/rule_set.h"

#include "procurement_fixture.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;
using testing::ApiResponse;

class ProcurementApiTest : public testing::ProcurementFixture {
 protected:
  // One bid per price for `tender_number`, from different bidders with no shared trace.
  static json::array CoverBids(const std::string& tender_number, std::vector<int64_t> prices) {
    json::array bids;
    for (size_t i = 0; i < prices.size(); ++i) {
      json::object bid = Bid(
          fmt::format("s{}", i + 1), fmt::format("91511600MA62SCR{}0X", i + 1), prices[i]);
      bid["tender_number"] = tender_number;
      bids.push_back(std::move(bid));
    }
    return bids;
  }
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

// The tender's oversight department gets its cards and may respond to them; an unknown code is
// rejected per bid with the field named.
TEST_F(ProcurementApiTest, OversightDepartmentGetsTheCards) {
  {
    auto lease = db().Acquire();
    long long id = civil_affairs_.id;
    *lease << "UPDATE departments SET code = '11511602MZJ' WHERE id = :i", soci::use(id);
  }
  json::array bids = ColludingBids();
  for (json::value& bid : bids) bid.as_object()["oversight_department_code"] = "11511602MZJ";
  json::object unknown = Bid("b9", "91511600MA62DDDD4D", 99000000);
  unknown["tender_number"] = "GA-ZB-2026-099";
  unknown["oversight_department_code"] = "NO-SUCH-CODE";
  bids.emplace_back(std::move(unknown));

  exchange::ClientResponse pushed = PostBids(bids);
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  const json::array& statuses = pushed.json.at("bids").as_array();
  EXPECT_EQ(statuses.back().at("status").as_string(), "rejected");
  EXPECT_EQ(statuses.back().at("errors").as_array()[0].at("field").as_string(),
            fmt::format("bids[{}].oversight_department_code", statuses.size() - 1));
  EXPECT_EQ(CountRows(fmt::format("SELECT count(*) FROM alerts WHERE rule_code = "
                                  "'procurement.shared_mac_address' AND department_id = {}",
                                  civil_affairs_.id)),
            1);

  auto staff = ClientAs(staff_);
  ApiResponse mine = staff.Get("/api/v1/alerts?rule=procurement.shared_mac_address");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json.at("items").as_array().size(), 1u);
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

TEST_F(ProcurementApiTest, KeyWithoutScopeIsForbidden) {
  exchange::ClientResponse pushed =
      Push(events_only_key_, "/api/v1/exchange/bids",
           json::serialize(json::object{{"bids", ColludingBids()}}));

  EXPECT_EQ(pushed.status, 403) << pushed.body;
  EXPECT_NE(std::string(pushed.json.at("error").at("message").as_string()).find(
                "\"procurement\" scope"),
            std::string::npos)
      << pushed.body;
  EXPECT_EQ(CountRows("SELECT count(*) FROM procurement_bids"), 0);
}

TEST_F(ProcurementApiTest, RedCardEvidenceNamesBidsAndFields) {
  ASSERT_EQ(PostBids(ColludingBids()).status, 200);
  auto supervisor = ClientAs(supervisor_);

  for (const std::string rule : {"procurement.shared_mac_address",
                                 "procurement.shared_bond_account"}) {
    ApiResponse alerts = supervisor.Get("/api/v1/alerts?rule=" + rule);
    ASSERT_EQ(alerts.status, 200) << alerts.body;
    ASSERT_EQ(alerts.json.at("items").as_array().size(), 1u) << rule;
    const json::object& alert = alerts.json.at("items").as_array()[0].as_object();
    EXPECT_EQ(alert.at("level").as_string(), "red") << rule;
    EXPECT_EQ(alert.at("state").as_string(), "issued") << rule;
    std::string message(alert.at("message_zh").as_string());
    EXPECT_NE(message.find("b1, b2"), std::string::npos) << message;
    EXPECT_EQ(message.find('{'), std::string::npos) << "unfilled placeholder: " << message;

    ApiResponse detail =
        supervisor.Get("/api/v1/alerts/" + std::to_string(alert.at("id").as_int64()));
    ASSERT_EQ(detail.status, 200) << detail.body;
    const json::value& evidence = detail.json.at("alert").at("evidence");
    EXPECT_EQ(evidence.at("bids").as_array().size(), 2u) << rule;
    EXPECT_EQ(evidence.at("tender_number").as_string(), "GA-ZB-2026-017");
    if (rule == "procurement.shared_bond_account") {
      EXPECT_EQ(evidence.at("field").as_string(), "bond_account");
      EXPECT_EQ(evidence.at("value").as_string(), "****2233");
    } else {
      EXPECT_EQ(evidence.at("field").as_string(), "mac_address");
      EXPECT_EQ(evidence.at("value").as_string(), "00:1A:2B:3C:4D:5E");
    }
  }
}

TEST_F(ProcurementApiTest, SupervisorHandlesRedCard) {
  ASSERT_EQ(PostBids(ColludingBids()).status, 200);
  auto supervisor = ClientAs(supervisor_);
  ApiResponse alerts = supervisor.Get("/api/v1/alerts?rule=procurement.shared_mac_address");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  ASSERT_EQ(alerts.json.at("items").as_array().size(), 1u);
  std::string path =
      "/api/v1/alerts/" + std::to_string(alerts.json.at("items").as_array()[0].at("id").as_int64());

  ApiResponse detail = supervisor.Get(path);
  ASSERT_EQ(detail.status, 200) << detail.body;
  std::vector<std::string> allowed;
  for (const auto& a : detail.json.at("allowed_actions").as_array()) {
    allowed.emplace_back(a.as_string());
  }
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), "order"), allowed.end());

  ApiResponse revoked = supervisor.Post(
      path + "/actions",
      json::object{{"action", "revoke"},
                   {"text", "经核实两家投标人共用代理机构电脑上传，已另案移送处理"},
                   {"version", 1}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json.at("alert").at("state").as_string(), "revoked");
}

TEST_F(ProcurementApiTest, SwitchedOffRuleRaisesNoAlert) {
  supervision::RuleChange off;
  off.enabled = false;
  ASSERT_TRUE(supervision::UpdateRule(db(), ledger_, {"user:admin", ""},
                                      "procurement.shared_mac_address", off, clock_));

  ASSERT_EQ(PostBids(ColludingBids()).status, 200);

  EXPECT_EQ(CountAlerts("procurement.shared_mac_address"), 0);
  EXPECT_EQ(CountAlerts("procurement.shared_bond_account"), 1);
  // The flag is kept for the tender's page even though no card was issued.
  EXPECT_EQ(CountRows("SELECT count(*) FROM procurement_flags WHERE rule_code = "
                      "'procurement.shared_mac_address' AND alert_id IS NULL"),
            1);
}

TEST_F(ProcurementApiTest, ConfirmModeLeavesAlertPending) {
  supervision::RuleChange confirm;
  confirm.mode = supervision::RuleMode::kConfirm;
  confirm.settings = json::object{{"level", "yellow"}};
  ASSERT_TRUE(supervision::UpdateRule(db(), ledger_, {"user:admin", ""},
                                      "procurement.shared_bond_account", confirm, clock_));

  ASSERT_EQ(PostBids(ColludingBids()).status, 200);

  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts WHERE rule_code = "
                      "'procurement.shared_bond_account' AND state = 'pending' AND "
                      "level = 'yellow' AND rule_version = 2"),
            1)
      << AlertRules();
}

TEST_F(ProcurementApiTest, PriceScreensRaisePendingCard) {
  // Four losing bids within 1.5 % of each other and a winner 10 % below them: CV is about 0.0446
  // and RD about 15.5.
  json::array bids =
      CoverBids("GA-ZB-2026-021", {100000000, 110000000, 110500000, 111000000, 111500000});
  exchange::ClientResponse pushed = PostBids(bids);
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("accepted").as_int64(), 5) << pushed.body;
  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts WHERE rule_code = "
                      "'procurement.price_screens' AND state = 'pending' AND level = 'warning' "
                      "AND division_code = '511602' AND case_number = 'GA-ZB-2026-021'"),
            1)
      << AlertRules();
  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts"), 1) << AlertRules();

  auto supervisor = ClientAs(supervisor_);
  ApiResponse alerts = supervisor.Get("/api/v1/alerts?rule=procurement.price_screens");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  ASSERT_EQ(alerts.json.at("items").as_array().size(), 1u);
  const json::object& alert = alerts.json.at("items").as_array()[0].as_object();
  std::string message(alert.at("message_en").as_string());
  EXPECT_NE(message.find("GA-ZB-2026-021"), std::string::npos) << message;
  EXPECT_NE(message.find("CV 0.0446"), std::string::npos) << message;
  EXPECT_EQ(message.find('{'), std::string::npos) << "unfilled placeholder: " << message;

  ApiResponse detail =
      supervisor.Get("/api/v1/alerts/" + std::to_string(alert.at("id").as_int64()));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const json::object& evidence = detail.json.at("alert").at("evidence").as_object();
  EXPECT_LT(evidence.at("cv").to_number<double>(), 0.05);
  EXPECT_GT(evidence.at("rd").to_number<double>(), 15.0);
  EXPECT_EQ(evidence.at("bid_count").to_number<int64_t>(), 5);
  EXPECT_EQ(evidence.at("screens").as_object().size(), 9u);
  EXPECT_TRUE(evidence.at("screens").at("KURT").is_double());
  EXPECT_EQ(evidence.at("bids").as_array().size(), 5u);

  // The tender page lists the flag beside the screens it comes from.
  ApiResponse list = supervisor.Get("/api/v1/procurement/tenders");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("items").as_array().size(), 1u);
  int64_t id = list.json.at("items").as_array()[0].at("id").as_int64();
  ApiResponse tender = supervisor.Get("/api/v1/procurement/tenders/" + std::to_string(id));
  ASSERT_EQ(tender.status, 200) << tender.body;
  const json::array& flags = tender.json.at("flag_items").as_array();
  ASSERT_EQ(flags.size(), 1u) << tender.body;
  EXPECT_EQ(flags[0].at("rule_code").as_string(), "procurement.price_screens");
  EXPECT_TRUE(flags[0].at("alert_id").is_int64());

  // The same bids again raise nothing new.
  exchange::ClientResponse again = PostBids(bids);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.at("new_flags").as_int64(), 0);
  EXPECT_EQ(CountAlerts("procurement.price_screens"), 1);
}

TEST_F(ProcurementApiTest, SpreadBidsRaiseNoScreenCard) {
  exchange::ClientResponse pushed = PostBids(
      CoverBids("GA-ZB-2026-022", {100000000, 105000000, 112000000, 118000000, 125000000}));
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("accepted").as_int64(), 5) << pushed.body;
  EXPECT_EQ(CountAlerts("procurement.price_screens"), 0) << AlertRules();
}

TEST_F(ProcurementApiTest, PersonalDataMaskedForAdministrators) {
  json::array bids = ColludingBids();
  json::object& first = bids[0].as_object();
  first["contact_phone"] = "13812345678";
  first["contact_email"] = "zhang.wei@example.com";
  first["contact_address"] = "四川省广安市广安区建设路 8 号";
  ASSERT_EQ(PostBids(bids).status, 200);
  int64_t id = CountRows("SELECT max(id) FROM procurement_tenders");
  std::string path = "/api/v1/procurement/tenders/" + std::to_string(id);
  org::User platform_admin = MakeUser("admin.guangan", {org::Role::kPlatformAdmin}, "5116");
  org::User audit_admin = MakeUser("audit.guangan", {org::Role::kAuditAdmin}, "5116");

  ApiResponse unmasked = ClientAs(supervisor_).Get(path);
  ASSERT_EQ(unmasked.status, 200) << unmasked.body;
  EXPECT_FALSE(unmasked.json.at("personal_data_masked").as_bool());
  const json::value& whole = unmasked.json.at("bids").as_array()[0];
  EXPECT_EQ(whole.at("contact_phone").as_string(), "13812345678");
  EXPECT_EQ(whole.at("contact_email").as_string(), "zhang.wei@example.com");
  EXPECT_EQ(whole.at("bond_account").as_string(), "6222020200112233");

  for (const org::User& admin : {platform_admin, audit_admin}) {
    ApiResponse masked = ClientAs(admin).Get(path);
    ASSERT_EQ(masked.status, 200) << masked.body;
    EXPECT_TRUE(masked.json.at("personal_data_masked").as_bool());
    const json::value& bid = masked.json.at("bids").as_array()[0];
    EXPECT_EQ(bid.at("contact_phone").as_string(), "138****5678") << admin.username;
    EXPECT_EQ(bid.at("contact_email").as_string(), "z****@example.com") << admin.username;
    EXPECT_EQ(bid.at("contact_address").as_string(), "四川省广安市****") << admin.username;
    EXPECT_EQ(bid.at("bond_account").as_string(), "****2233") << admin.username;
    EXPECT_EQ(masked.body.find("13812345678"), std::string::npos) << admin.username;
    EXPECT_EQ(masked.body.find("6222020200112233"), std::string::npos) << admin.username;
  }
}

}  // namespace
}  // namespace mingjing::procurement
