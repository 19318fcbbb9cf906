// Step limits for a step that is sent back and run again, on the real 2026 calendar (March has
// no holidays). Working hours are 09:00–12:00 and 13:30–17:30, so a working day has 7 hours and
// 审查's 3 working days are 21 hours. Counting starts the day after the step first starts.
//
// Every case below runs 审查 first from Mon 03-02 10:00 to Wed 03-04 12:00: Tue 7 h and Wed 3 h,
// so 10 of its 21 hours are used. Then 决定 starts, and at Thu 03-05 10:00 the case is returned
// to 审查, which starts again at 10:30.
#include <gtest/gtest.h>

#include "case_builder.h"

namespace mingjing::supervision::testing {
namespace {

namespace json = boost::json;
using exchange::EventType;

std::string Var(const Finding& f, std::string_view key) {
  const json::value* v = f.vars.if_contains(key);
  if (v == nullptr) return "<missing>";
  return v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
}

std::vector<Finding> ReviewCards(const Judgement& judgement) {
  std::vector<Finding> out;
  for (const Finding& f : FindingsOf(judgement, "step.promised")) {
    if (f.subject == "审查") out.push_back(f);
  }
  return out;
}

json::object Review() { return {{"step_code", "review"}, {"handler", "李四"}}; }

// The first run of 审查 and the return to it; `return_fields` completes the returned event.
CaseBuilder ReturnedToReview(json::object return_fields) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
  b.Add("E-2", EventType::kAccepted, "2026-03-02 09:30");
  b.Add("E-3", EventType::kStepStarted, "2026-03-02 10:00", Review());
  json::object finished = Review();
  finished["opinion"] = "同意";
  b.Add("E-4", EventType::kStepFinished, "2026-03-04 12:00", finished);
  b.Add("E-5", EventType::kStepStarted, "2026-03-04 13:30",
        {{"step_code", "decide"}, {"handler", "王五"}});
  return_fields["to_step"] = "审查";
  b.Add("E-6", EventType::kReturned, "2026-03-05 10:00", return_fields);
  return b;
}

// The second run counts on from the first: 11 hours remain at the return, Thu 03-05 10:00.
// Thu 10:00–17:30 gives 6, Fri 03-06 09:00–12:00 3 more and 13:30–15:30 the last 2, so the
// limit runs out on Fri 03-06 and ends at its close of business. The time between the runs
// (Wed 12:00 to Thu 10:00) is in 决定 and does not count. Timed from the return alone, the
// deadline would be Tue 03-10 17:30.
TEST(StepRunsTest, EarlierRunCountsTowardLimit) {
  CaseBuilder b = ReturnedToReview({{"reason", "审查意见不充分"}});
  b.Add("E-7", EventType::kStepStarted, "2026-03-05 10:30", Review());

  EXPECT_TRUE(ReviewCards(Judge(b.Build("2026-03-06 17:30"))).empty());
  auto cards = ReviewCards(Judge(b.Build("2026-03-09 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Var(cards[0], "deadline"), "2026-03-06 17:30");
  EXPECT_EQ(cards[0].evidence.at("start_event_id").as_string(), "E-3");
  ASSERT_TRUE(cards[0].evidence.contains("runs"));
  const json::array& runs = cards[0].evidence.at("runs").as_array();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].at("end_event_id").as_string(), "E-4");
  EXPECT_EQ(runs[1].at("start_event_id").as_string(), "E-6");
  EXPECT_FALSE(runs[1].as_object().contains("end_event_id"));
}

// The explanation names the time between the runs as excluded, with its own basis.
TEST(StepRunsTest, GapBetweenRunsExplained) {
  CaseBuilder b = ReturnedToReview({});
  auto cards = ReviewCards(Judge(b.Build("2026-03-09 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  std::string explanation = json::serialize(cards[0].evidence.at("explanation"));
  EXPECT_NE(explanation.find("outside_step"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("E-4 to E-6"), std::string::npos) << explanation;
}

// Both runs finished within 21 hours together: Mon–Wed 10 h, then Thu 03-05 10:00–17:30 6 h
// and Fri 03-06 09:00–10:00 1 h make 17 h.
TEST(StepRunsTest, TwoRunsWithinLimit) {
  CaseBuilder b = ReturnedToReview({});
  b.Add("E-7", EventType::kStepStarted, "2026-03-05 10:30", Review());
  json::object finished = Review();
  finished["opinion"] = "同意";
  b.Add("E-8", EventType::kStepFinished, "2026-03-06 10:00", finished);
  EXPECT_TRUE(ReviewCards(Judge(b.Build("2026-03-12 09:00"))).empty());
}

// The same runs, but the second one takes Fri 03-06 all day and Mon 03-09 until 10:00: 10 + 6 +
// 7 + 1 = 24 h, over the 21 h, although neither run alone is over.
TEST(StepRunsTest, TwoRunsTogetherOverLimit) {
  CaseBuilder b = ReturnedToReview({});
  b.Add("E-7", EventType::kStepStarted, "2026-03-05 10:30", Review());
  json::object finished = Review();
  finished["opinion"] = "同意";
  b.Add("E-8", EventType::kStepFinished, "2026-03-09 10:00", finished);
  auto cards = ReviewCards(Judge(b.Build("2026-03-12 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Var(cards[0], "deadline"), "2026-03-06 17:30");
  EXPECT_EQ(cards[0].evidence.at("end_event_id").as_string(), "E-8");
}

// A return for the applicant's correction (reason_code "correction") starts the count afresh
// from the return, Thu 03-05: Fri 03-06, Mon 03-09, Tue 03-10 → Tue 03-10 17:30.
TEST(StepRunsTest, CorrectionReturnRestartsCount) {
  CaseBuilder b = ReturnedToReview({{"reason_code", "correction"}, {"reason", "缺少身份证明"}});
  b.Add("E-7", EventType::kStepStarted, "2026-03-05 10:30", Review());

  EXPECT_TRUE(ReviewCards(Judge(b.Build("2026-03-10 17:30"))).empty());
  auto cards = ReviewCards(Judge(b.Build("2026-03-11 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Var(cards[0], "deadline"), "2026-03-10 17:30");
  EXPECT_EQ(cards[0].evidence.at("start_event_id").as_string(), "E-6");
  EXPECT_FALSE(cards[0].evidence.contains("runs"));
}

// A plain return followed by a correction notice before 审查 starts again counts as a return
// for correction. The case is suspended Thu 03-05 10:30 to Fri 03-06 10:00. Counting starts
// Fri 03-06 and skips its first hour: Fri 6 h, Mon 03-09 7 h, Tue 03-10 7 h, Wed 03-11 the last
// hour, so the deadline is Wed 03-11 17:30.
TEST(StepRunsTest, CorrectionNoticeAfterReturnRestartsCount) {
  CaseBuilder b = ReturnedToReview({{"reason", "缺少身份证明"}});
  b.Add("E-7", EventType::kSuspended, "2026-03-05 10:30",
        {{"reason_code", "correction"}, {"days", 5}, {"note", "补正身份证明"}});
  b.Add("E-8", EventType::kResumed, "2026-03-06 10:00", {{"reason_code", "correction"}});
  b.Add("E-9", EventType::kStepStarted, "2026-03-06 10:00", Review());

  EXPECT_TRUE(ReviewCards(Judge(b.Build("2026-03-11 17:30"))).empty());
  auto cards = ReviewCards(Judge(b.Build("2026-03-12 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Var(cards[0], "deadline"), "2026-03-11 17:30");
  EXPECT_EQ(cards[0].evidence.at("start_event_id").as_string(), "E-6");
}

// A correction notice in the middle of the second run, after 审查 started again, is not tied to
// the return. So the first run still counts, and the suspension only stops the clock. The case
// is suspended Fri 03-06 09:00 to Mon 03-09 09:00, which skips Friday's 7 hours. 11 h remain at
// Thu 10:00, Thu gives 6 and Mon 03-09 the other 5 (until 15:30), so the deadline is Mon 03-09
// 17:30.
TEST(StepRunsTest, CorrectionInsideRunKeepsEarlierRun) {
  CaseBuilder b = ReturnedToReview({});
  b.Add("E-7", EventType::kStepStarted, "2026-03-05 10:30", Review());
  b.Add("E-8", EventType::kSuspended, "2026-03-06 09:00",
        {{"reason_code", "correction"}, {"days", 1}, {"note", "补正身份证明"}});
  b.Add("E-9", EventType::kResumed, "2026-03-09 09:00", {{"reason_code", "correction"}});

  auto cards = ReviewCards(Judge(b.Build("2026-03-10 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Var(cards[0], "deadline"), "2026-03-09 17:30");
  EXPECT_EQ(cards[0].evidence.at("start_event_id").as_string(), "E-3");
}

// Without a restart after the return, the case waits in 审查 from the return on, and that
// waiting counts too.
TEST(StepRunsTest, ReturnOpensRunWithoutStart) {
  CaseBuilder b = ReturnedToReview({});
  auto cards = ReviewCards(Judge(b.Build("2026-03-09 09:00")));
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(Var(cards[0], "deadline"), "2026-03-06 17:30");
}

}  // namespace
}  // namespace mingjing::supervision::testing
