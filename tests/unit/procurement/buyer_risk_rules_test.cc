#include "procurement/buyer_risk_rules.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "procurement/ocds_reader.h"
#include "test_files.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

std::vector<ProcurementFlag> Judge(BuyerRiskRules& rules, std::string_view release) {
  return rules.Add(json::parse(release).as_object());
}

std::vector<ProcurementFlag> JudgeOne(std::string_view release) {
  BuyerRiskRules rules;
  return Judge(rules, release);
}

TEST(AllExceptWinnerDisqualified, FlagsWhenEveryLoserIsDisqualified) {
  auto flags = JudgeOne(R"({"ocid":"ocds-1","buyer":{"id":"B"},
    "bids":{"details":[{"id":"b1","status":"valid","tenderers":[{"id":"W"}]},
                       {"id":"b2","status":"disqualified","tenderers":[{"id":"X"}]},
                       {"id":"b3","status":"disqualified","tenderers":[{"id":"Y"}]}]},
    "awards":[{"id":"a1","status":"active","suppliers":[{"id":"W"}]}]})");

  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "all_except_winner_disqualified");
  EXPECT_EQ(flags[0].ocid, "ocds-1");
  EXPECT_EQ(flags[0].buyer_id, "B");
  EXPECT_EQ(flags[0].evidence.at("disqualified").as_array().size(), 2u);
  EXPECT_EQ(flags[0].evidence.at("winner_ids").as_array()[0], "W");
}

TEST(AllExceptWinnerDisqualified, ValidLoserIsNotFlagged) {
  auto flags = JudgeOne(R"({"ocid":"ocds-1","buyer":{"id":"B"},
    "bids":{"details":[{"id":"b1","status":"valid","tenderers":[{"id":"W"}]},
                       {"id":"b2","status":"disqualified","tenderers":[{"id":"X"}]},
                       {"id":"b3","status":"valid","tenderers":[{"id":"Y"}]}]},
    "awards":[{"id":"a1","status":"active","suppliers":[{"id":"W"}]}]})");

  EXPECT_TRUE(flags.empty());
}

TEST(AllExceptWinnerDisqualified, SingleBidderIsNotFlagged) {
  auto flags = JudgeOne(R"({"ocid":"ocds-1","buyer":{"id":"B"},
    "bids":{"details":[{"id":"b1","status":"valid","tenderers":[{"id":"W"}]}]},
    "awards":[{"id":"a1","status":"active","suppliers":[{"id":"W"}]}]})");

  EXPECT_TRUE(flags.empty());
}

TEST(AwardFarBelowEstimate, FlagsThirtyPercentBelow) {
  auto flags = JudgeOne(R"({"ocid":"ocds-2","buyer":{"id":"B"},
    "tender":{"value":{"amount":1000000,"currency":"CNY"}},
    "awards":[{"id":"a1","status":"active","value":{"amount":700000}}]})");

  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "award_far_below_estimate");
  EXPECT_EQ(flags[0].subject, "award:a1");
  EXPECT_NEAR(flags[0].evidence.at("discount").as_double(), 0.3, 1e-12);
}

TEST(AwardFarBelowEstimate, SmallerDiscountIsNotFlagged) {
  auto flags = JudgeOne(R"({"ocid":"ocds-2","buyer":{"id":"B"},
    "tender":{"value":{"amount":1000000}},
    "awards":[{"id":"a1","status":"active","value":{"amount":700001}}]})");

  EXPECT_TRUE(flags.empty());
}

TEST(AwardFarBelowEstimate, ComparesWithTheRelatedLot) {
  // Against the whole tender (1,000,000) the award is 60 % below; against its lot only 20 %.
  auto flags = JudgeOne(R"({"ocid":"ocds-2","buyer":{"id":"B"},
    "tender":{"value":{"amount":1000000},
              "lots":[{"id":"L1","value":{"amount":500000}},{"id":"L2","value":{"amount":500000}}]},
    "awards":[{"id":"a1","status":"active","relatedLots":["L1"],"value":{"amount":400000}}]})");

  EXPECT_TRUE(flags.empty());
}

TEST(ContractValueChangedOften, FlagsTwoChangesWithinNinetyDays) {
  auto flags = JudgeOne(R"({"ocid":"ocds-3","buyer":{"id":"B"},
    "contracts":[{"id":"c1","amendments":[
      {"id":"m1","date":"2024-01-10T00:00:00+08:00","changes":[{"property":"value"}]},
      {"id":"m2","date":"2024-03-01T00:00:00+08:00","changes":[{"property":"period"}]},
      {"id":"m3","date":"2024-04-08T00:00:00+08:00","changes":[{"property":"value.amount"}]}]}]})");

  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "contract_value_changed_often");
  EXPECT_EQ(flags[0].subject, "contract:c1");
  EXPECT_EQ(flags[0].evidence.at("days_between").as_int64(), 89);
  EXPECT_EQ(flags[0].evidence.at("amendment_ids").as_array()[1], "m3");
}

TEST(ContractValueChangedOften, NinetyDaysApartIsNotFlagged) {
  auto flags = JudgeOne(R"({"ocid":"ocds-3","buyer":{"id":"B"},
    "contracts":[{"id":"c1","amendments":[
      {"id":"m1","date":"2024-01-10T00:00:00+08:00","changes":[{"property":"value"}]},
      {"id":"m3","date":"2024-04-09T00:00:00+08:00","changes":[{"property":"value"}]}]}]})");

  EXPECT_TRUE(flags.empty());
}

std::string AwardWithClass(const std::string& ocid, const std::string& date,
                           const std::string& cpv) {
  return R"({"ocid":")" + ocid + R"(","buyer":{"id":"B"},"awards":[{"id":"a","status":"active",
    "date":")" +
         date + R"(","suppliers":[{"id":"S"}],
    "items":[{"id":"1","classification":{"scheme":"CPV","id":")" +
         cpv + R"("}}]}]})";
}

TEST(SupplierManyCpvClasses, FlagsFourClassesInOneYear) {
  BuyerRiskRules rules;
  Judge(rules, AwardWithClass("p1", "2024-02-01T00:00:00Z", "45233140-2"));
  Judge(rules, AwardWithClass("p2", "2024-05-01T00:00:00Z", "45233220-7"));  // same class 4523
  Judge(rules, AwardWithClass("p3", "2024-06-01T00:00:00Z", "30192000-1"));
  Judge(rules, AwardWithClass("p4", "2024-07-01T00:00:00Z", "09132100-4"));
  Judge(rules, AwardWithClass("p5", "2024-08-01T00:00:00Z", "71320000-7"));

  auto flags = rules.Finish();

  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "supplier_many_cpv_classes");
  EXPECT_EQ(flags[0].subject, "supplier:S:2024");
  EXPECT_EQ(flags[0].ocid, "p5");
  EXPECT_EQ(flags[0].evidence.at("cpv_classes").as_array().size(), 4u);
  EXPECT_EQ(flags[0].evidence.at("ocids").as_array().size(), 5u);
}

TEST(SupplierManyCpvClasses, SeparatesCalendarYears) {
  BuyerRiskRules rules;
  Judge(rules, AwardWithClass("p1", "2023-12-31T00:00:00Z", "45233140-2"));
  Judge(rules, AwardWithClass("p2", "2023-11-01T00:00:00Z", "30192000-1"));
  Judge(rules, AwardWithClass("p3", "2024-01-01T00:00:00Z", "09132100-4"));
  Judge(rules, AwardWithClass("p4", "2024-02-01T00:00:00Z", "71320000-7"));

  EXPECT_TRUE(rules.Finish().empty());
}

TEST(RunBuyerRiskRulesOnFile, MergesReleasesAndSkipsBadLines) {
  // Two releases of one process: the tender's estimate, then the award. A bad line in between
  // is reported and skipped.
  testing::TempFile file(".jsonl");
  file.Write(R"({"ocid":"ocds-9","id":"1","date":"2024-01-01T00:00:00Z","tag":["tender"],)"
             R"("buyer":{"id":"B"},"tender":{"id":"t","value":{"amount":1000}}})"
             "\nnot json\n"
             R"({"ocid":"ocds-9","id":"2","date":"2024-02-01T00:00:00Z","tag":["award"],)"
             R"("awards":[{"id":"a1","status":"active","value":{"amount":500}}]})"
             "\n");
  std::vector<std::string> issues;

  auto flags = RunBuyerRiskRulesOnFile(
      file.path(), {}, [&](const ReadIssue& issue) { issues.push_back(issue.ToString()); });

  ASSERT_TRUE(flags) << flags.error().message;
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ((*flags)[0].rule, "award_far_below_estimate");
  EXPECT_EQ(FlagToJson((*flags)[0]).at("rule_code"), "procurement.award_far_below_estimate");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_NE(issues[0].find(":2:"), std::string::npos);
}

}  // namespace
}  // namespace mingjing::procurement
