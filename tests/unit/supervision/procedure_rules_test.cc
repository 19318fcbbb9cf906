// Procedure rules over the licensing item's steps 受理 → 审查 → 决定 → 办结.
#include <gtest/gtest.h>

#include "case_builder.h"

namespace mingjing::supervision::testing {
namespace {

namespace json = boost::json;
using exchange::EventType;

json::object Step(const char* code, const char* opinion = nullptr) {
  json::object fields{{"step_code", code}, {"handler", "李四"}};
  if (opinion != nullptr) fields["opinion"] = opinion;
  return fields;
}

json::object Outcome(const char* outcome) {
  return {{"outcome", outcome}, {"result_document_number", "广民许〔2026〕9号"}};
}

CaseBuilder Accepted() {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
  b.Add("E-2", EventType::kAccepted, "2026-03-02 09:30");
  return b;
}

TEST(ProcedureRulesTest, SkippedReviewOnCompletion) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepStarted, "2026-03-03 09:00", Step("decide"));
  b.Add("E-4", EventType::kStepFinished, "2026-03-03 10:00", Step("decide", "同意"));
  b.Add("E-5", EventType::kCompleted, "2026-03-03 11:00", Outcome("approved"));
  auto skipped = FindingsOf(Judge(b.Build("2026-03-04 09:00")), "procedure.skipped_step");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].subject, "审查");
  EXPECT_EQ(skipped[0].level, Level::kYellow);
  EXPECT_EQ(skipped[0].evidence.at("passed_by_event_id").as_string(), "E-3");
}

TEST(ProcedureRulesTest, PendingStepNotYetSkipped) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepStarted, "2026-03-03 09:00", Step("review"));
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-03 10:00")), "procedure.skipped_step").empty());
}

TEST(ProcedureRulesTest, WithdrawnCaseSkipsNothing) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kCompleted, "2026-03-03 11:00", {{"outcome", "withdrawn"}});
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-04 09:00")), "procedure.skipped_step").empty());
}

TEST(ProcedureRulesTest, RequiredStepsSetting) {
  RuleSet rules = WithSettings("procedure.skipped_step",
                               {{"required_steps", json::array{"审查", "集体讨论", "决定"}}});
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepStarted, "2026-03-03 09:00", Step("review"));
  b.Add("E-4", EventType::kStepStarted, "2026-03-04 09:00", Step("decide"));
  auto skipped = FindingsOf(Judge(b.Build("2026-03-04 10:00"), rules), "procedure.skipped_step");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].subject, "集体讨论");
}

TEST(ProcedureRulesTest, DecisionBeforeReview) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepStarted, "2026-03-03 09:00", Step("decide"));
  b.Add("E-4", EventType::kStepStarted, "2026-03-03 10:00", Step("review"));
  auto order = FindingsOf(Judge(b.Build("2026-03-03 11:00")), "procedure.out_of_order");
  ASSERT_EQ(order.size(), 1u);
  EXPECT_EQ(order[0].subject, "审查");
  EXPECT_EQ(order[0].vars.at("before_step").as_string(), "决定");
}

TEST(ProcedureRulesTest, StepBeforeApplication) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepStarted, "2026-03-01 09:00", Step("review"));
  auto early = FindingsOf(Judge(b.Build("2026-03-03 11:00")), "procedure.before_application");
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].subject, "E-3");
  EXPECT_EQ(early[0].vars.at("submitted").as_string(), "2026-03-02 09:00");
}

TEST(ProcedureRulesTest, CompletedWithoutAcceptance) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
  b.Add("E-2", EventType::kCompleted, "2026-03-03 09:00", Outcome("approved"));
  auto red =
      FindingsOf(Judge(b.Build("2026-03-03 10:00")), "procedure.completed_without_acceptance");
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(red[0].level, Level::kRed);
  EXPECT_EQ(red[0].vars.at("outcome").as_string(), "approved");
}

TEST(ProcedureRulesTest, ContradictionWithoutReason) {
  struct Row {
    const char* review_opinion;
    const char* outcome;
    const char* decision_opinion;  // nullptr: no 决定 step
    bool expected;
  };
  const Row rows[] = {
      {"同意", "refused", nullptr, true},  // outcome turns the review round
      {"不同意，材料不全", "approved", nullptr, true},
      {"同意", "approved", nullptr, false},  // same stance
      // 决定 turns the review round with its reason, and the outcome agrees with 决定.
      {"同意", "refused", "不同意：申请人住所不符合登记管理条例第十条", false},
      {"同意", "approved", "不同意", true},  // 决定 turns without a reason
  };
  for (const Row& row : rows) {
    CaseBuilder b = Accepted();
    b.Add("E-3", EventType::kStepFinished, "2026-03-03 09:00", Step("review", row.review_opinion));
    if (row.decision_opinion) {
      b.Add("E-4", EventType::kStepFinished, "2026-03-04 09:00",
            Step("decide", row.decision_opinion));
    }
    b.Add("E-5", EventType::kCompleted, "2026-03-05 09:00", Outcome(row.outcome));
    auto found = FindingsOf(Judge(b.Build("2026-03-05 10:00")), "procedure.contradicting_decision");
    EXPECT_EQ(!found.empty(), row.expected)
        << row.review_opinion << " / " << (row.decision_opinion ? row.decision_opinion : "-")
        << " / " << row.outcome;
  }
}

TEST(ProcedureRulesTest, ReasonedContradictionAllowed) {
  CaseBuilder b = Accepted();
  b.Add("E-3", EventType::kStepFinished, "2026-03-03 09:00", Step("review", "同意"));
  b.Add("E-4", EventType::kStepFinished, "2026-03-04 09:00",
        Step("decide", "不同意：经现场核查，申请场所与登记地址不一致"));
  auto found = FindingsOf(Judge(b.Build("2026-03-05 10:00")), "procedure.contradicting_decision");
  EXPECT_TRUE(found.empty());
}

}  // namespace
}  // namespace mingjing::supervision::testing
