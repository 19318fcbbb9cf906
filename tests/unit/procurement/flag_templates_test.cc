// Every procurement rule's message templates, filled from the evidence of a real flag of that
// rule, leave no {placeholder} unfilled.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "procurement/buyer_risk_rules.h"
#include "procurement/collusion_rules.h"
#include "procurement/flag_alerts.h"
#include "procurement/indicator_alerts.h"
#include "procurement/screen_rule.h"
#include "supervision/rule_catalog.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

BidSubmission MakeBid(std::string bid_id, std::string bidder_id, int64_t price_fen) {
  BidSubmission bid;
  bid.tender_number = "GA-ZB-2026-017";
  bid.bid_id = std::move(bid_id);
  bid.bidder_id = std::move(bidder_id);
  bid.bidder_name = "Company " + bid.bidder_id;
  bid.price_fen = price_fen;
  return bid;
}

// Bids that share every trace, priced at 50, 55 and 60 % of a control price of 2,000,000 fen.
std::vector<ProcurementFlag> TraceAndPriceFlags() {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'100'000);
  auto c = MakeBid("b3", "C", 1'200'000);
  for (BidSubmission* bid : {&a, &b}) {
    bid->mac_address = "00:1A:2B:3C:4D:5E";
    bid->cpu_serial = "CPU-1";
    bid->disk_serial = "DISK-1";
    bid->dongle_serial = "DONGLE-1";
    bid->bond_account = "6222020200112233";
    bid->document_creator = "张伟";
    bid->contact_phone = "13812345678";
    bid->submission_ip = "198.51.100.7";
    bid->staff = {{"project_manager", "王强", "P-1", "91511600MA62ZZZZ9Z"}};
  }
  auto flags = JudgeTenderCollusion({"GA-ZB-2026-017", "buyer-1", 2'000'000, {a, b, c}},
                                    {{"b1", "GA-ZB-2026-017", "b2", "B", 0.9}});

  // Prices within 3 % of their mean, and prices growing by a constant ratio.
  for (auto prices : {std::vector<int64_t>{1'000'000, 1'010'000, 1'020'000},
                      std::vector<int64_t>{1'000'000, 1'100'000, 1'210'000}}) {
    TenderBids tender{"GA-ZB-2026-018", "buyer-1", 0, {}};
    for (size_t i = 0; i < prices.size(); ++i) {
      tender.bids.push_back(MakeBid("p" + std::to_string(i), "X" + std::to_string(i), prices[i]));
    }
    for (auto& flag : JudgePricePatterns(tender)) flags.push_back(std::move(flag));
  }

  // Four losing bids close together and a winner 10 % below them: the price-screen pattern.
  TenderBids cover{"GA-ZB-2026-019", "buyer-1", 0, {}};
  for (int64_t price : {1'000'000, 1'100'000, 1'105'000, 1'110'000, 1'115'000}) {
    cover.bids.push_back(MakeBid("s" + std::to_string(price), "Y" + std::to_string(price), price));
  }
  if (auto flag = JudgePriceScreens(cover)) flags.push_back(std::move(*flag));
  return flags;
}

std::string AwardWithClass(const std::string& ocid, const std::string& cpv) {
  return R"({"ocid":")" + ocid + R"(","buyer":{"id":"B"},"awards":[{"id":"a1","status":"active",
    "date":"2024-03-01T00:00:00Z","suppliers":[{"id":"S"}],
    "items":[{"id":"i1","classification":{"scheme":"CPV","id":")" + cpv + R"("}}]}]})";
}

std::vector<ProcurementFlag> BuyerRiskFlags() {
  BuyerRiskRules rules;
  std::vector<ProcurementFlag> flags;
  for (std::string_view release : {
           R"({"ocid":"ocds-1","buyer":{"id":"B"},
             "tender":{"value":{"amount":1000000}},
             "bids":{"details":[{"id":"d1","status":"valid","tenderers":[{"id":"W"}]},
                                {"id":"d2","status":"disqualified","tenderers":[{"id":"X"}]}]},
             "awards":[{"id":"a1","status":"active","suppliers":[{"id":"W"}],
                        "value":{"amount":600000}}],
             "contracts":[{"id":"c1","amendments":[
               {"id":"m1","date":"2024-01-10T00:00:00+08:00","changes":[{"property":"value"}]},
               {"id":"m2","date":"2024-02-08T00:00:00+08:00","changes":[{"property":"value"}]}]}]})"}) {
    for (auto& flag : rules.Add(json::parse(release).as_object())) flags.push_back(std::move(flag));
  }
  int n = 0;
  for (const char* cpv : {"45233140-2", "30192000-1", "09132100-4", "71320000-7"}) {
    auto added = rules.Add(json::parse(AwardWithClass("ocds-c" + std::to_string(++n), cpv)).as_object());
    for (auto& flag : added) flags.push_back(std::move(flag));
  }
  for (auto& flag : rules.Finish()) flags.push_back(std::move(flag));
  return flags;
}

TEST(ProcurementTemplates, EveryPlaceholderFilled) {
  std::vector<ProcurementFlag> flags = TraceAndPriceFlags();
  for (auto& flag : BuyerRiskFlags()) flags.push_back(std::move(flag));

  std::set<std::string> covered;
  for (const ProcurementFlag& flag : flags) {
    std::string code = "procurement." + flag.rule;
    const supervision::RuleDefinition* rule = supervision::FindRuleDefinition(code);
    ASSERT_NE(rule, nullptr) << code;
    json::object vars = FlagTemplateVars(flag.evidence);
    vars["case_number"] = flag.ocid;
    vars["tender_title"] = "Road resurfacing";
    vars["buyer_id"] = flag.buyer_id;
    for (std::string_view text : {rule->template_zh, rule->template_en}) {
      std::string message = supervision::FillTemplate(text, vars);
      EXPECT_EQ(message.find('{'), std::string::npos) << code << ": " << message;
    }
    covered.insert(code);
  }

  // The red-flag indicator cards, with the evidence JudgeIndicators gives them.
  for (std::string_view indicator : {"R003", "R018", "R024", "R025", "R028", "R030", "R035",
                                     "R036", "R038", "R048", "R058"}) {
    FlagForAlert flag = IndicatorFlag(indicator, "ocds-1", 0.25, "511602", 10, 1);
    const supervision::RuleDefinition* rule = supervision::FindRuleDefinition(flag.rule_code);
    ASSERT_NE(rule, nullptr) << flag.rule_code;
    json::object vars = FlagTemplateVars(flag.evidence);
    vars["case_number"] = "ocds-1";
    for (std::string_view text : {rule->template_zh, rule->template_en}) {
      std::string message = supervision::FillTemplate(text, vars);
      EXPECT_EQ(message.find('{'), std::string::npos) << flag.rule_code << ": " << message;
      EXPECT_NE(message.find(indicator), std::string::npos) << message;
    }
    covered.insert(flag.rule_code);
  }

  for (const supervision::RuleDefinition& rule : supervision::RuleCatalog()) {
    if (rule.category == "procurement") {
      EXPECT_TRUE(covered.contains(std::string(rule.code))) << "no flag exercised " << rule.code;
    }
  }
}

}  // namespace
}  // namespace mingjing::procurement
