// Corrections (补正), returns (退回) and refusals.
#include <gtest/gtest.h>

#include "case_builder.h"

namespace mingjing::supervision::testing {
namespace {

namespace json = boost::json;
using exchange::EventType;

CaseBuilder Accepted() {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
  b.Add("E-2", EventType::kAccepted, "2026-03-02 09:30");
  return b;
}

json::object Notice(const char* note) {
  json::object fields{{"reason_code", "correction"}, {"days", 5}};
  if (note != nullptr) fields["note"] = note;
  return fields;
}

TEST(CorrectionRulesTest, SecondNoticeBreaksOneTimeRule) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kSuspended, "2026-03-02 10:00", Notice("补交法定代表人身份证复印件"));
  b.Add("E-4", EventType::kResumed, "2026-03-03 10:00", {{"reason_code", "correction"}});
  Judgement one = Judge(b.Build("2026-03-03 11:00"));
  EXPECT_TRUE(FindingsOf(one, "correction.repeated").empty());

  b.Add("E-5", EventType::kSuspended, "2026-03-04 10:00", Notice("补交场所使用证明"));
  auto repeated = FindingsOf(Judge(b.Build("2026-03-04 11:00")), "correction.repeated");
  ASSERT_EQ(repeated.size(), 1u);
  EXPECT_EQ(repeated[0].vars.at("count").as_int64(), 2);
  EXPECT_EQ(repeated[0].evidence.at("notices").as_array().size(), 2u);
}

TEST(CorrectionRulesTest, NoticeWithoutMaterials) {
  const char* notes[] = {nullptr, "   ", "\u3000"};
  for (const char* note : notes) {
    CaseBuilder b = Accepted();
    b.Add("E-3", EventType::kSuspended, "2026-03-02 10:00", Notice(note));
    auto found = FindingsOf(Judge(b.Build("2026-03-02 11:00")), "correction.no_materials");
    ASSERT_EQ(found.size(), 1u) << (note ? note : "absent");
    EXPECT_EQ(found[0].subject, "E-3");
    EXPECT_EQ(found[0].level, Level::kWarning);
  }
}

TEST(CorrectionRulesTest, OtherSuspensionIsNoNotice) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kSuspended, "2026-03-02 10:00",
        {{"reason_code", "hearing"}, {"days", 10}});
  b.Add("E-4", EventType::kSuspended, "2026-03-03 10:00",
        {{"reason_code", "testing"}, {"days", 10}});
  Judgement j = Judge(b.Build("2026-03-03 11:00"));
  EXPECT_TRUE(FindingsOf(j, "correction.repeated").empty());
  EXPECT_TRUE(FindingsOf(j, "correction.no_materials").empty());
}

TEST(CorrectionRulesTest, ReturnedTwiceToReview) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kReturned, "2026-03-03 10:00", {{"to_step", "review"}});
  b.Add("E-4", EventType::kReturned, "2026-03-04 10:00", {{"to_step", "审查"}});
  b.Add("E-5", EventType::kReturned, "2026-03-04 11:00", {{"to_step", "decide"}});
  auto returns = FindingsOf(Judge(b.Build("2026-03-04 12:00")), "return.repeated");
  ASSERT_EQ(returns.size(), 1u);
  EXPECT_EQ(returns[0].subject, "审查");
  EXPECT_EQ(returns[0].vars.at("count").as_int64(), 2);
}

TEST(CorrectionRulesTest, RefusalReasonLength) {
  struct Row {
    const char* reason;
    bool expected;
  };
  const Row rows[] = {
      {"不符合条件", true},             // 5 characters
      {"材料不全，不予受理。", false},  // exactly 10
      {"申请事项不属于本机关职权范围，请向市民政局申请", false},
  };
  for (const Row& row : rows) {
    CaseBuilder b;
    b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
    b.Add("E-2", EventType::kNotAccepted, "2026-03-02 10:00", {{"reason", row.reason}});
    auto found = FindingsOf(Judge(b.Build("2026-03-02 11:00")), "refusal.short_reason");
    EXPECT_EQ(!found.empty(), row.expected) << row.reason;
  }
}

TEST(CorrectionRulesTest, RefusedLicenceUsesLastOpinion) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepFinished, "2026-03-03 10:00",
        {{"step_code", "decide"}, {"handler", "王五"}, {"opinion", "不同意"}});
  b.Add("E-4", EventType::kCompleted, "2026-03-03 11:00",
        {{"outcome", "refused"}, {"result_document_number", "广民不许〔2026〕1号"}});
  auto found = FindingsOf(Judge(b.Build("2026-03-03 12:00")), "refusal.short_reason");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].subject, "E-4");
  EXPECT_EQ(found[0].vars.at("refusal_zh").as_string(), "不予许可");
  EXPECT_EQ(found[0].evidence.at("reason_event_id").as_string(), "E-3");
}

}  // namespace
}  // namespace mingjing::supervision::testing
