// The price-screen rule: a low coefficient of variation together with a high relative distance
// flags the tender, and nothing else does.
#include "procurement/screen_rule.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mingjing::procurement {
namespace {

TenderBids TenderWithPrices(const std::vector<int64_t>& prices) {
  TenderBids tender{"GA-ZB-2026-030", "buyer-1", 0, {}};
  for (size_t i = 0; i < prices.size(); ++i) {
    BidSubmission bid;
    bid.tender_number = tender.tender_number;
    bid.bid_id = "b" + std::to_string(i + 1);
    bid.bidder_id = "B" + std::to_string(i + 1);
    bid.price_fen = prices[i];
    tender.bids.push_back(bid);
  }
  return tender;
}

TEST(ScreenRule, CoverPatternFlagged) {
  auto flag = JudgePriceScreens(TenderWithPrices({1000, 1100, 1105, 1110, 1115}));
  ASSERT_TRUE(flag.has_value());
  EXPECT_EQ(flag->rule, "price_screens");
  EXPECT_EQ(flag->level, FlagLevel::kWarning);
  EXPECT_EQ(flag->ocid, "GA-ZB-2026-030");
  EXPECT_LT(flag->evidence.at("cv").to_number<double>(), 0.05);
  EXPECT_GT(flag->evidence.at("rd").to_number<double>(), 1.0);
  EXPECT_EQ(flag->evidence.at("screens").as_object().size(), 9u);
  EXPECT_EQ(flag->evidence.at("bids").as_array().size(), 5u);
}

TEST(ScreenRule, SpreadBidsNotFlagged) {
  // CV is about 0.09, above the 0.05 cut-off.
  EXPECT_FALSE(JudgePriceScreens(TenderWithPrices({1000, 1050, 1120, 1180, 1250})).has_value());
}

TEST(ScreenRule, EvenGapsNotFlagged) {
  // CV is low, but the winner is no further from the losing bids than they are from each other,
  // so RD is below 1.
  EXPECT_FALSE(JudgePriceScreens(TenderWithPrices({1000, 1005, 1010, 1015, 1020})).has_value());
}

TEST(ScreenRule, UndefinedScreenNotFlagged) {
  // With three bids KURT is undefined, so the rule does not judge the tender.
  EXPECT_FALSE(JudgePriceScreens(TenderWithPrices({1000, 1100, 1105})).has_value());
}

TEST(ScreenRule, SettingsMoveTheCutOffs) {
  ScreenRuleSettings strict;
  strict.maximum_cv = 0.01;
  EXPECT_FALSE(
      JudgePriceScreens(TenderWithPrices({1000, 1100, 1105, 1110, 1115}), strict).has_value());
}

}  // namespace
}  // namespace mingjing::procurement
