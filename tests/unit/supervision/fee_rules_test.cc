// Fee rules. Amounts in fen.
#include <gtest/gtest.h>

#include "case_builder.h"

namespace mingjing::supervision::testing {
namespace {

namespace json = boost::json;
using exchange::EventType;

json::object Fee(int64_t fen, const char* receipt) {
  return {{"amount_fen", fen}, {"receipt_number", receipt}};
}

catalog::ServiceItem PaidItem(int64_t standard_fen) {
  catalog::ServiceItem item = LicensingItem();
  item.fee = {false, standard_fen, "行政事业性收费标准（示例）"};
  return item;
}

CaseBuilder Accepted() {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
  b.Add("E-2", EventType::kAccepted, "2026-03-02 09:30");
  return b;
}

TEST(FeeRulesTest, FeeOnFreeItem) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(5000, "R-001"));
  auto red = FindingsOf(Judge(b.Build("2026-03-02 11:00")), "fee.free_item");
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(red[0].level, Level::kRed);
  EXPECT_EQ(red[0].subject, "E-3");
  EXPECT_EQ(red[0].vars.at("amount_yuan").as_string(), "50.00");
  EXPECT_EQ(red[0].evidence.at("receipt_number").as_string(), "R-001");
}

TEST(FeeRulesTest, TotalAboveStandard) {
  CaseBuilder b = Accepted();
  b.Item(PaidItem(5000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(3000, "R-001"));
  b.Add("E-4", EventType::kFeeCharged, "2026-03-02 10:05", Fee(2050, "R-002"));
  Judgement j = Judge(b.Build("2026-03-02 11:00"));
  EXPECT_TRUE(FindingsOf(j, "fee.free_item").empty());
  auto above = FindingsOf(j, "fee.above_standard");
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(above[0].vars.at("amount_yuan").as_string(), "50.50");
  EXPECT_EQ(above[0].vars.at("standard_yuan").as_string(), "50.00");
}

TEST(FeeRulesTest, StandardFeeIsQuiet) {
  CaseBuilder b = Accepted();
  b.Item(PaidItem(5000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(5000, "R-001"));
  EXPECT_TRUE(Judge(b.Build("2026-03-02 11:00")).findings.empty());
}

TEST(FeeRulesTest, ToleranceSetting) {
  RuleSet rules = WithSettings("fee.above_standard", {{"tolerance_fen", 100}});
  CaseBuilder b = Accepted();
  b.Item(PaidItem(5000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(5050, "R-001"));
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-02 11:00"), rules), "fee.above_standard").empty());
}

TEST(FeeRulesTest, PlaceholderReceipts) {
  const char* receipts[] = {"无", " N/A ", "-", "待补"};
  for (const char* receipt : receipts) {
    CaseBuilder b = Accepted();
    b.Item(PaidItem(5000));
    b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(5000, receipt));
    auto missing = FindingsOf(Judge(b.Build("2026-03-02 11:00")), "fee.receipt_missing");
    ASSERT_EQ(missing.size(), 1u) << receipt;
    EXPECT_EQ(missing[0].subject, "E-3");
  }
}

TEST(FeeRulesTest, DuplicateReceipt) {
  CaseBuilder b = Accepted();
  b.Item(PaidItem(10000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(2000, "R-7"));
  b.Add("E-4", EventType::kFeeCharged, "2026-03-03 10:00", Fee(2000, "R-7"));
  auto duplicate = FindingsOf(Judge(b.Build("2026-03-03 11:00")), "fee.receipt_duplicate");
  ASSERT_EQ(duplicate.size(), 1u);
  EXPECT_EQ(duplicate[0].subject, "R-7");
  EXPECT_EQ(duplicate[0].vars.at("count").as_int64(), 2);
}

// The store found the receipt on another case of the department: one fee here is enough, and
// the card names the other case.
TEST(FeeRulesTest, ReceiptUsedOnOtherCase) {
  CaseBuilder b = Accepted();
  b.Item(PaidItem(10000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(2000, " R-9 "));
  CaseFacts facts = b.Build("2026-03-03 11:00");
  exchange::ReceiptUse use;
  use.receipt_number = "R-9";
  use.case_id = 42;
  use.case_number = "GA-0042";
  use.event_id = "GA-0042-3";
  use.occurred_at = LocalSeconds("2026-02-27 15:00");
  use.same_department = true;
  facts.receipt_uses_elsewhere.push_back(use);

  auto duplicate = FindingsOf(Judge(facts), "fee.receipt_duplicate");
  ASSERT_EQ(duplicate.size(), 1u);
  EXPECT_EQ(duplicate[0].subject, "R-9");
  EXPECT_EQ(duplicate[0].vars.at("count").as_int64(), 2);
  EXPECT_EQ(duplicate[0].vars.at("elsewhere_en").as_string(), ", also on case GA-0042");
  const json::array& others = duplicate[0].evidence.at("other_cases").as_array();
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others[0].at("case_number").as_string(), "GA-0042");
  EXPECT_EQ(others[0].at("event_id").as_string(), "GA-0042-3");
  EXPECT_EQ(others[0].at("shared").as_string(), "department");
  EXPECT_EQ(others[0].at("occurred_at").as_string(), "2026-02-27 15:00");
}

// A use elsewhere of another receipt number, or of a placeholder, raises nothing.
TEST(FeeRulesTest, OtherReceiptElsewhereIsQuiet) {
  CaseBuilder b = Accepted();
  b.Item(PaidItem(10000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(2000, "R-9"));
  b.Add("E-4", EventType::kFeeCharged, "2026-03-02 11:00", Fee(2000, "无"));
  CaseFacts facts = b.Build("2026-03-03 11:00");
  exchange::ReceiptUse other_number;
  other_number.receipt_number = "R-10";
  other_number.case_number = "GA-0042";
  exchange::ReceiptUse placeholder;
  placeholder.receipt_number = "无";
  placeholder.case_number = "GA-0043";
  facts.receipt_uses_elsewhere = {other_number, placeholder};
  EXPECT_TRUE(FindingsOf(Judge(facts), "fee.receipt_duplicate").empty());
}

TEST(FeeRulesTest, CorrectedAmountCounts) {
  CaseBuilder b = Accepted();
  b.Item(PaidItem(5000));
  b.Add("E-3", EventType::kFeeCharged, "2026-03-02 10:00", Fee(5000, "R-001"));
  b.Add("E-4", EventType::kCorrection, "2026-03-02 12:00",
        {{"corrects_event_id", "E-3"}, {"values", {{"amount_fen", 8000}}}});
  auto above = FindingsOf(Judge(b.Build("2026-03-02 13:00")), "fee.above_standard");
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(above[0].evidence.at("total_fen").as_int64(), 8000);
}

}  // namespace
}  // namespace mingjing::supervision::testing
