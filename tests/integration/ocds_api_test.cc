// OCDS releases over a real loopback server: a procurement system pushes signed releases, the
// platform keeps each as sent with its versions and compiles one release per ocid. The buyer risk
// rules and the red-flag indicators turn the compiled releases into alerts.
#include <boost/json.hpp>

#include "procurement/ocds_store.h"
#include "procurement_fixture.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;
using testing::ApiResponse;

constexpr const char* kOcid = "ocds-213czf-GA-2026-031";

json::object TenderRelease() {
  return {{"ocid", kOcid},
          {"id", "GA-2026-031-tender"},
          {"date", "2026-03-01T09:00:00+08:00"},
          {"tag", json::array{"tender"}},
          {"buyer", {{"id", "11511602MB1234567X"}, {"name", "广安区交通运输局"}}},
          {"tender", {{"id", "GA-2026-031"}, {"value", {{"amount", 1000000}, {"currency", "CNY"}}}}}};
}

// Every bidder but the winner W was disqualified, and the award is 40 % below the estimate.
json::object AwardRelease() {
  json::array details{
      {{"id", "d1"}, {"status", "valid"}, {"tenderers", json::array{{{"id", "W"}}}}},
      {{"id", "d2"}, {"status", "disqualified"}, {"tenderers", json::array{{{"id", "X"}}}}},
      {{"id", "d3"}, {"status", "disqualified"}, {"tenderers", json::array{{{"id", "Y"}}}}}};
  return {{"ocid", kOcid},
          {"id", "GA-2026-031-award"},
          {"date", "2026-03-20T09:00:00+08:00"},
          {"tag", json::array{"award"}},
          {"buyer", {{"id", "11511602MB1234567X"}}},
          {"bids", {{"details", std::move(details)}}},
          {"awards", json::array{{{"id", "a1"},
                                  {"status", "active"},
                                  {"suppliers", json::array{{{"id", "W"}}}},
                                  {"value", {{"amount", 600000}, {"currency", "CNY"}}}}}}};
}

std::string Package(json::array releases) {
  return json::serialize(json::object{{"uri", "https://example.org/ocds/GA-2026-031.json"},
                                      {"version", "1.1"},
                                      {"releases", std::move(releases)}});
}

class OcdsApiTest : public testing::ProcurementFixture {
 protected:
  // The stored compiled release of kOcid. The lease is returned before the checks, because the
  // test store has one connection.
  std::optional<CompiledReleaseRow> CompiledRelease() {
    auto lease = db().Acquire();
    return FindCompiledRelease(*lease, kOcid);
  }
};

TEST_F(OcdsApiTest, PackageStoredAndCompiled) {
  exchange::ClientResponse pushed = PostOcds(Package({TenderRelease(), AwardRelease()}));

  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("accepted").as_int64(), 2);
  EXPECT_EQ(pushed.json.at("rejected").as_int64(), 0);
  const json::array& statuses = pushed.json.at("releases").as_array();
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses[0].at("status").as_string(), "accepted");
  EXPECT_EQ(statuses[0].at("version").as_int64(), 1);

  EXPECT_EQ(CountRows("SELECT count(*) FROM ledger_entries WHERE action = "
                      "'procurement.ocds.push'"),
            1);
  auto compiled = CompiledRelease();
  ASSERT_TRUE(compiled.has_value());
  EXPECT_EQ(compiled->release_count, 2);
  EXPECT_EQ(compiled->division_code, "511602");
  EXPECT_EQ(compiled->buyer_id, "11511602MB1234567X");
  EXPECT_TRUE(compiled->compiled.contains("tender"));
  EXPECT_TRUE(compiled->compiled.contains("awards"));
}

TEST_F(OcdsApiTest, ResendDuplicateAndChangeVersioned) {
  ASSERT_EQ(PostOcds(Package({TenderRelease()})).status, 200);

  exchange::ClientResponse again = PostOcds(Package({TenderRelease()}));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.at("duplicates").as_int64(), 1);

  json::object changed = TenderRelease();
  changed["tender"].as_object()["value"].as_object()["amount"] = 1200000;
  exchange::ClientResponse versioned = PostOcds(Package({changed}));
  ASSERT_EQ(versioned.status, 200) << versioned.body;
  EXPECT_EQ(versioned.json.at("new_versions").as_int64(), 1);
  const json::value& status = versioned.json.at("releases").as_array()[0];
  EXPECT_EQ(status.at("status").as_string(), "new_version");
  EXPECT_EQ(status.at("version").as_int64(), 2);

  EXPECT_EQ(CountRows("SELECT count(*) FROM ocds_releases WHERE changed = 1 AND version = 2"), 1);
  auto compiled = CompiledRelease();
  ASSERT_TRUE(compiled.has_value());
  EXPECT_EQ(compiled->compiled.at("tender").at("value").at("amount").as_int64(), 1200000);
}

TEST_F(OcdsApiTest, BadFieldsNamedPerRelease) {
  json::object no_date = TenderRelease();
  no_date.erase("date");
  json::object bad_tag = AwardRelease();
  bad_tag["tag"] = "award";

  exchange::ClientResponse pushed = PostOcds(json::serialize(json::array{no_date, bad_tag}));

  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("rejected").as_int64(), 2);
  const json::array& statuses = pushed.json.at("releases").as_array();
  EXPECT_EQ(statuses[0].at("errors").as_array()[0].at("field").as_string(), "releases[0].date");
  EXPECT_EQ(statuses[1].at("errors").as_array()[0].at("field").as_string(), "releases[1].tag");
  EXPECT_EQ(CountRows("SELECT count(*) FROM ocds_releases"), 0);
}

TEST_F(OcdsApiTest, NdjsonBadLineSkipped) {
  std::string body = json::serialize(TenderRelease()) + "\n{\"ocid\": broken\n" +
                     json::serialize(AwardRelease()) + "\n";

  exchange::ClientResponse pushed = PostOcds(body, "application/x-ndjson");

  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("accepted").as_int64(), 2);
  EXPECT_EQ(pushed.json.at("rejected").as_int64(), 1);
  const json::value& bad = pushed.json.at("releases").as_array()[1];
  EXPECT_EQ(bad.at("status").as_string(), "rejected");
  EXPECT_EQ(bad.at("errors").as_array()[0].at("field").as_string(), "releases[1]");
  EXPECT_NE(bad.at("errors").as_array()[0].at("message").as_string().find("line 2"),
            std::string::npos);
}

TEST_F(OcdsApiTest, KeyWithoutScopeIsForbidden) {
  exchange::ClientResponse pushed =
      Push(events_only_key_, "/api/v1/exchange/ocds", Package({TenderRelease()}));

  EXPECT_EQ(pushed.status, 403) << pushed.body;
  EXPECT_NE(std::string(pushed.json.at("error").at("message").as_string()).find(
                "\"procurement\" scope"),
            std::string::npos)
      << pushed.body;
  EXPECT_EQ(CountRows("SELECT count(*) FROM ocds_releases"), 0);
}

TEST_F(OcdsApiTest, BuyerRiskFlagsBecomeAlerts) {
  exchange::ClientResponse pushed = PostOcds(Package({TenderRelease(), AwardRelease()}));
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  // Two buyer risk flags, and red-flag indicator R035 on the same process.
  EXPECT_EQ(pushed.json.at("new_alerts").as_int64(), 3) << AlertRules();
  EXPECT_EQ(CountAlerts("procurement.indicator_r035"), 1) << AlertRules();

  // Both rules are in confirm mode, so the cards wait for a supervisor.
  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts WHERE rule_code = "
                      "'procurement.all_except_winner_disqualified' AND state = 'pending' AND "
                      "level = 'yellow' AND division_code = '511602' AND case_number = "
                      "'ocds-213czf-GA-2026-031'"),
            1)
      << AlertRules();
  EXPECT_EQ(CountAlerts("procurement.award_far_below_estimate"), 1);

  auto supervisor = ClientAs(supervisor_);
  ApiResponse alerts =
      supervisor.Get("/api/v1/alerts?rule=procurement.award_far_below_estimate");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  ASSERT_EQ(alerts.json.at("items").as_array().size(), 1u);
  const json::object& alert = alerts.json.at("items").as_array()[0].as_object();
  std::string message(alert.at("message_en").as_string());
  EXPECT_NE(message.find("40%"), std::string::npos) << message;
  EXPECT_EQ(message.find('{'), std::string::npos) << "unfilled placeholder: " << message;
  ApiResponse detail =
      supervisor.Get("/api/v1/alerts/" + std::to_string(alert.at("id").as_int64()));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const json::value& evidence = detail.json.at("alert").at("evidence");
  EXPECT_EQ(evidence.at("ocid").as_string(), kOcid);
  EXPECT_EQ(evidence.at("buyer_id").as_string(), "11511602MB1234567X");
  EXPECT_EQ(evidence.at("award_id").as_string(), "a1");
  EXPECT_EQ(evidence.at("release_date").as_string(), "2026-03-20T09:00:00+08:00");

  // The same data again raises nothing new.
  exchange::ClientResponse again = PostOcds(Package({TenderRelease(), AwardRelease()}));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.at("new_alerts").as_int64(), 0);
}

TEST_F(OcdsApiTest, IndicatorResultsBecomeAlerts) {
  // A 5-day tender period is below R003's default threshold of 15 days.
  json::object tender = TenderRelease();
  tender["tender"].as_object()["tenderPeriod"] = {{"startDate", "2026-03-01T09:00:00+08:00"},
                                                  {"endDate", "2026-03-06T09:00:00+08:00"}};
  exchange::ClientResponse pushed = PostOcds(Package({tender}));
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_EQ(pushed.json.at("new_alerts").as_int64(), 1) << AlertRules();
  EXPECT_EQ(CountRows("SELECT count(*) FROM alerts WHERE rule_code = "
                      "'procurement.indicator_r003' AND state = 'pending' AND level = 'warning' "
                      "AND division_code = '511602' AND case_number = 'ocds-213czf-GA-2026-031'"),
            1)
      << AlertRules();

  auto supervisor = ClientAs(supervisor_);
  ApiResponse alerts = supervisor.Get("/api/v1/alerts?rule=procurement.indicator_r003");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  ASSERT_EQ(alerts.json.at("items").as_array().size(), 1u);
  const json::object& alert = alerts.json.at("items").as_array()[0].as_object();
  std::string message(alert.at("message_en").as_string());
  EXPECT_NE(message.find("R003"), std::string::npos) << message;
  EXPECT_NE(message.find(kOcid), std::string::npos) << message;
  EXPECT_EQ(message.find('{'), std::string::npos) << "unfilled placeholder: " << message;
  ApiResponse detail =
      supervisor.Get("/api/v1/alerts/" + std::to_string(alert.at("id").as_int64()));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const json::value& evidence = detail.json.at("alert").at("evidence");
  EXPECT_EQ(evidence.at("indicator").as_string(), "R003");
  EXPECT_EQ(evidence.at("indicator_name").as_string(), "short submission period");
  EXPECT_EQ(evidence.at("ocid").as_string(), kOcid);
  EXPECT_EQ(evidence.at("value").to_number<double>(), 1.0);
  EXPECT_FALSE(evidence.at("value_meaning").as_string().empty());
  EXPECT_EQ(evidence.at("processes_examined").to_number<int64_t>(), 1);

  // The same release again raises nothing new.
  exchange::ClientResponse again = PostOcds(Package({tender}));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.at("new_alerts").as_int64(), 0) << AlertRules();

  // A new release of the process runs the indicators again, but R003 is not raised twice.
  tender["id"] = "GA-2026-031-tender-amendment";
  tender["date"] = "2026-03-02T09:00:00+08:00";
  exchange::ClientResponse amended = PostOcds(Package({tender}));
  ASSERT_EQ(amended.status, 200) << amended.body;
  EXPECT_EQ(amended.json.at("accepted").as_int64(), 1) << amended.body;
  EXPECT_EQ(amended.json.at("new_alerts").as_int64(), 0) << AlertRules();
  EXPECT_EQ(CountAlerts("procurement.indicator_r003"), 1);
}

TEST_F(OcdsApiTest, OcidOfOtherDivisionRejected) {
  ASSERT_EQ(PostOcds(Package({TenderRelease()})).status, 200);
  auth::Principal admin;
  admin.name = "sec.admin";
  admin.division_code = "5116";
  admin.roles = {auth::Role::kSecurityAdmin};
  auto yuechi = auth::CreateApiKey(db(), ledger_, admin, "127.0.0.1",
                                   {"岳池县电子招投标平台", "511621", 0, {},
                                    {std::string(auth::kProcurementScope)}},
                                   clock_);
  ASSERT_TRUE(yuechi.has_value()) << yuechi.error().message;

  json::object release = AwardRelease();
  exchange::ClientResponse pushed =
      Push(*yuechi, "/api/v1/exchange/ocds", Package({release}));

  ASSERT_EQ(pushed.status, 200) << pushed.body;
  const json::value& status = pushed.json.at("releases").as_array()[0];
  EXPECT_EQ(status.at("status").as_string(), "rejected");
  EXPECT_EQ(status.at("errors").as_array()[0].at("field").as_string(), "releases[0].ocid");
}

TEST_F(OcdsApiTest, ListedInOpenApi) {
  ApiResponse document = ClientAs(supervisor_).Get("/api/v1/openapi.json");

  ASSERT_EQ(document.status, 200) << document.body;
  const json::object& paths = document.json.at("paths").as_object();
  ASSERT_TRUE(paths.contains("/api/v1/exchange/ocds"));
  EXPECT_TRUE(paths.at("/api/v1/exchange/ocds").as_object().contains("post"));
}

}  // namespace
}  // namespace mingjing::procurement
