// Time rules on the real 2026 calendar. Working hours are 09:00–12:00 and 13:30–17:30, so a
// working day has 7 hours. Counting starts the day after acceptance and a limit ends at
// 17:30 of its last working day.
//
// 2026 days off and adjusted workdays used below (State Council notice, holiday-cn data):
//   Spring Festival: Sun 02-15 to Mon 02-23 off; Sat 02-14 and Sat 02-28 are working days.
//   Labour Day: Fri 05-01 to Tue 05-05 off; Sat 05-09 is a working day.
#include <gtest/gtest.h>

#include "case_builder.h"

namespace mingjing::supervision::testing {
namespace {

namespace json = boost::json;
using calendar::TimeLimit;
using exchange::EventType;

// A case of the licensing item (promised 5, statutory 20 working days) accepted at `accepted`.
CaseBuilder AcceptedAt(std::string_view accepted) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, accepted);
  b.Add("E-2", EventType::kAccepted, accepted);
  return b;
}

std::string Var(const Finding& f, std::string_view key) {
  const json::value* v = f.vars.if_contains(key);
  if (v == nullptr) return "<missing>";
  return v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
}

// Accepted Fri 02-13, the last weekday before the break. Working days after it: Sat 02-14 (1,
// adjusted workday), then 02-15..02-23 off, Tue 02-24 (2), Wed 02-25 (3), Thu 02-26 (4),
// Fri 02-27 (5). Promised deadline: 2026-02-27 17:30.
TEST(TimeRulesTest, SpringFestivalPromisedDeadline) {
  CaseBuilder b = AcceptedAt("2026-02-13 10:00");

  Judgement before = Judge(b.Build("2026-02-27 17:30"));
  EXPECT_TRUE(FindingsOf(before, "time.promised").empty());

  Judgement after = Judge(b.Build("2026-02-27 17:31"));
  auto yellow = FindingsOf(after, "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(yellow[0].subject, "");
  EXPECT_EQ(yellow[0].level, Level::kYellow);
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-02-27 17:30");
  EXPECT_EQ(Var(yellow[0], "limit_zh"), "5个工作日");
  EXPECT_EQ(Var(yellow[0], "limit_en"), "5 working days");
  EXPECT_EQ(Var(yellow[0], "overdue_working_days"), "0");
  EXPECT_EQ(yellow[0].evidence.at("start_event_id").as_string(), "E-2");
  EXPECT_TRUE(yellow[0].evidence.contains("explanation"));
}

// Accepted on the adjusted workday Sat 02-14 itself: Tue 02-24 (1) … Fri 02-27 (4), and the
// adjusted workday Sat 02-28 (5). Deadline 2026-02-28 17:30, a Saturday.
TEST(TimeRulesTest, AdjustedSaturdayIsLastDay) {
  CaseBuilder b = AcceptedAt("2026-02-14 10:00");
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-02-28 17:29")), "time.promised").empty());
  auto yellow = FindingsOf(Judge(b.Build("2026-03-02 09:00")), "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-02-28 17:30");
}

// Accepted Wed 05-06 with a 3-working-day promise: Thu 05-07 (1), Fri 05-08 (2), Sat 05-09
// (3, adjusted workday). Deadline 2026-05-09 17:30.
TEST(TimeRulesTest, LabourDayAdjustedSaturday) {
  catalog::ServiceItem item = LicensingItem();
  item.promised_limit = TimeLimit::WorkingDays(3);
  CaseBuilder b = AcceptedAt("2026-05-06 09:30");
  b.Item(item);
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-05-09 17:30")), "time.promised").empty());
  auto yellow = FindingsOf(Judge(b.Build("2026-05-09 17:31")), "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-05-09 17:30");
}

// 80 % of 5 working days is 28 of 35 working hours: the end of the 4th working day, Thu 02-26
// 17:30 for a case accepted Fri 02-13.
TEST(TimeRulesTest, WarningAtEightyPercent) {
  CaseBuilder b = AcceptedAt("2026-02-13 10:00");

  Judgement early = Judge(b.Build("2026-02-24 10:00"));
  EXPECT_TRUE(FindingsOf(early, "time.warning").empty());
  EXPECT_EQ(early.next_check_at, LocalSeconds("2026-02-26 17:30"));

  Judgement late = Judge(b.Build("2026-02-27 09:00"));
  auto warning = FindingsOf(late, "time.warning");
  ASSERT_EQ(warning.size(), 1u);
  EXPECT_EQ(warning[0].level, Level::kWarning);
  EXPECT_EQ(Var(warning[0], "used_percent"), "80");
  // The next threshold is the promised deadline itself, one second after 17:30.
  EXPECT_EQ(late.next_check_at, LocalSeconds("2026-02-27 17:30:01"));
}

TEST(TimeRulesTest, WarningDropsOncePromisedPassed) {
  Judgement j = Judge(AcceptedAt("2026-02-13 10:00").Build("2026-03-02 10:00"));
  EXPECT_TRUE(FindingsOf(j, "time.warning").empty());
  EXPECT_EQ(FindingsOf(j, "time.promised").size(), 1u);
}

// Statutory 20 working days from Fri 02-13: 02-14 (1), 02-24..02-28 (2–6), 03-02..03-06
// (7–11), 03-09..03-13 (12–16), 03-16..03-19 (17–20). Deadline Thu 2026-03-19 17:30.
TEST(TimeRulesTest, StatutoryRedAtLimit) {
  CaseBuilder b = AcceptedAt("2026-02-13 10:00");
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-19 17:30")), "time.statutory").empty());
  auto red = FindingsOf(Judge(b.Build("2026-03-19 17:31")), "time.statutory");
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(red[0].level, Level::kRed);
  EXPECT_EQ(Var(red[0], "deadline"), "2026-03-19 17:30");
}

// red_after_working_days 2: two working days after Thu 03-19, so Mon 03-23 17:30.
TEST(TimeRulesTest, StatutoryRedAfterWorkingDays) {
  RuleSet rules = WithSettings("time.statutory", {{"red_after_working_days", 2}});
  CaseBuilder b = AcceptedAt("2026-02-13 10:00");
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-23 17:30"), rules), "time.statutory").empty());
  auto red = FindingsOf(Judge(b.Build("2026-03-23 17:31"), rules), "time.statutory");
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(Var(red[0], "overdue_working_days"), "2");
}

// Accepted Mon 03-02 10:00; 5 working days would end Mon 03-09 17:30. A correction suspends the
// case from Wed 03-04 09:00 to Fri 03-06 09:00, which takes out Wed and Thu: 03-03 (1), 03-06
// (2), 03-09 (3), 03-10 (4), 03-11 (5). Deadline Wed 2026-03-11 17:30.
TEST(TimeRulesTest, SuspensionStopsClock) {
  CaseBuilder b = AcceptedAt("2026-03-02 10:00");
  b.Add("E-3", EventType::kSuspended, "2026-03-04 09:00",
        {{"reason_code", "correction"}, {"days", 5}, {"note", "补交章程"}});
  b.Add("E-4", EventType::kResumed, "2026-03-06 09:00", {{"reason_code", "correction"}});

  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-11 17:30")), "time.promised").empty());
  auto yellow = FindingsOf(Judge(b.Build("2026-03-11 17:31")), "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-03-11 17:30");
}

TEST(TimeRulesTest, OpenSuspensionHoldsClock) {
  CaseBuilder b = AcceptedAt("2026-03-02 10:00");
  b.Add("E-3", EventType::kSuspended, "2026-03-04 09:00",
        {{"reason_code", "expert_review"}, {"days", 30}});
  Judgement j = Judge(b.Build("2026-04-20 10:00"));
  EXPECT_TRUE(FindingsOf(j, "time.promised").empty());
  EXPECT_TRUE(FindingsOf(j, "time.statutory").empty());
  EXPECT_TRUE(FindingsOf(j, "time.warning").empty());
}

// 即办件 are not time-monitored, however long they stay open.
TEST(TimeRulesTest, ImmediateItemNotMonitored) {
  catalog::ServiceItem item = LicensingItem();
  item.promised_limit = TimeLimit::Immediate();
  item.statutory_limit = TimeLimit::Immediate();
  item.steps = {{"受理", TimeLimit::Immediate()}, {"办结", TimeLimit::Immediate()}};
  CaseBuilder b = AcceptedAt("2026-03-02 10:00");
  b.Item(item);
  Judgement j = Judge(b.Build("2026-03-30 10:00"));
  for (const Finding& f : j.findings) {
    EXPECT_NE(f.rule_code.substr(0, 5), "time.") << f.rule_code;
    EXPECT_NE(f.rule_code.substr(0, 5), "step.") << f.rule_code;
  }
}

TEST(TimeRulesTest, CompletedLateKeepsCard) {
  CaseBuilder b = AcceptedAt("2026-02-13 10:00");
  b.Add("E-9", EventType::kCompleted, "2026-03-03 10:00",
        {{"outcome", "approved"}, {"result_document_number", "广民许〔2026〕3号"}});
  Judgement j = Judge(b.Build("2026-04-01 10:00"));
  auto yellow = FindingsOf(j, "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(yellow[0].evidence.at("end_event_id").as_string(), "E-9");
  EXPECT_EQ(j.next_check_at, 0);
}

TEST(TimeRulesTest, CompletedInTimeIsQuiet) {
  CaseBuilder b = AcceptedAt("2026-02-13 10:00");
  b.Add("E-9", EventType::kCompleted, "2026-02-26 10:00",
        {{"outcome", "approved"}, {"result_document_number", "广民许〔2026〕3号"}});
  Judgement j = Judge(b.Build("2026-04-01 10:00"));
  EXPECT_TRUE(FindingsOf(j, "time.promised").empty());
  EXPECT_TRUE(FindingsOf(j, "time.warning").empty());
  EXPECT_TRUE(FindingsOf(j, "time.statutory").empty());
}

// Submitted Fri 02-13 16:00 with no response: 1 working day ends Sat 02-14 17:30 (adjusted
// workday). Red 5 working days later: 02-24, 25, 26, 27, 28 → Sat 02-28 17:30.
TEST(TimeRulesTest, PreAcceptanceLimits) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-02-13 16:00");

  Judgement day_one = Judge(b.Build("2026-02-14 17:30"));
  EXPECT_TRUE(FindingsOf(day_one, "time.promised").empty());

  Judgement late = Judge(b.Build("2026-02-24 09:00"));
  auto yellow = FindingsOf(late, "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(yellow[0].subject, "pre_acceptance");
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-02-14 17:30");
  EXPECT_EQ(Var(yellow[0], "limit_en"), "1 working day");
  EXPECT_TRUE(FindingsOf(late, "time.statutory").empty());
  EXPECT_EQ(late.next_check_at, LocalSeconds("2026-02-28 17:30:01"));

  auto red = FindingsOf(Judge(b.Build("2026-03-02 09:00")), "time.statutory");
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(red[0].subject, "pre_acceptance");
}

TEST(TimeRulesTest, PreAcceptanceAnsweredInTime) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-02-13 16:00");
  b.Add("E-2", EventType::kPreAccepted, "2026-02-14 11:00");
  Judgement j = Judge(b.Build("2026-03-02 09:00"));
  for (const Finding& f : j.findings) EXPECT_NE(f.subject, "pre_acceptance") << f.rule_code;
}

// A complaint takes the by_type "complaint" limit of 15 working days instead of the item's 5:
// accepted Mon 03-02, 03-03..03-06 (1–4), 03-09..03-13 (5–9), 03-16..03-20 (10–14), Mon 03-23
// (15). Deadline 2026-03-23 17:30.
TEST(TimeRulesTest, ComplaintHasOwnLimit) {
  CaseBuilder b = AcceptedAt("2026-03-02 10:00");
  b.ItemType("投诉举报");
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-23 17:30")), "time.promised").empty());
  auto yellow = FindingsOf(Judge(b.Build("2026-03-24 09:00")), "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-03-23 17:30");
  EXPECT_EQ(Var(yellow[0], "limit_zh"), "15个工作日");
}

TEST(TimeRulesTest, ByTypeWarnRatio) {
  RuleSet rules =
      WithSettings("time.warning", {{"by_type", {{"licensing", {{"warn_ratio", 0.5}}}}}});
  // 50 % of 35 hours is 17.5 hours: 02-14 (7), 02-24 (14), then 3.5 more hours on 02-25:
  // 09:00–12:00 and 13:30–14:00, so 14:00.
  Judgement j = Judge(AcceptedAt("2026-02-13 10:00").Build("2026-02-24 10:00"), rules);
  EXPECT_EQ(j.next_check_at, LocalSeconds("2026-02-25 14:00"));
}

// Steps: 审查 has 3 working days. Started Mon 03-02 10:00: 03-03, 03-04, 03-05 → Thu 03-05
// 17:30.
TEST(TimeRulesTest, StepPastItsLimit) {
  CaseBuilder b = AcceptedAt("2026-03-02 09:30");
  b.Add("E-3", EventType::kStepStarted, "2026-03-02 10:00",
        {{"step_code", "review"}, {"handler", "李四"}});
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-05 17:30")), "step.promised").empty());
  auto yellow = FindingsOf(Judge(b.Build("2026-03-06 09:00")), "step.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(yellow[0].subject, "审查");
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-03-05 17:30");
}

TEST(TimeRulesTest, StepFinishedInTime) {
  CaseBuilder b = AcceptedAt("2026-03-02 09:30");
  b.Add("E-3", EventType::kStepStarted, "2026-03-02 10:00",
        {{"step_code", "review"}, {"handler", "李四"}});
  b.Add("E-4", EventType::kStepFinished, "2026-03-04 10:00",
        {{"step_code", "review"}, {"handler", "李四"}, {"opinion", "同意"}});
  Judgement j = Judge(b.Build("2026-03-06 09:00"));
  for (const Finding& f : j.findings) EXPECT_NE(f.subject, "审查") << f.rule_code;
}

// 办结 runs from the end of the last step: 决定 finished Mon 03-02 11:00, so 1 working day ends
// Tue 03-03 17:30.
TEST(TimeRulesTest, ClosingStepAfterLastStep) {
  CaseBuilder b = AcceptedAt("2026-03-02 09:30");
  b.Add("E-3", EventType::kStepFinished, "2026-03-02 11:00",
        {{"step_code", "decide"}, {"handler", "王五"}, {"opinion", "同意"}});
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-03-03 17:30")), "step.promised").empty());
  auto yellow = FindingsOf(Judge(b.Build("2026-03-04 09:00")), "step.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(yellow[0].subject, "办结");
  EXPECT_EQ(yellow[0].evidence.at("start_event_id").as_string(), "E-3");
}

TEST(TimeRulesTest, DisabledRuleIsSilent) {
  RuleSet defaults = RuleSet::Defaults();
  std::vector<Rule> rules = defaults.rules();
  for (Rule& r : rules) {
    if (r.code == "time.promised") r.enabled = false;
  }
  Judgement j = Judge(AcceptedAt("2026-02-13 10:00").Build("2026-03-02 10:00"), RuleSet(rules, {}));
  EXPECT_TRUE(FindingsOf(j, "time.promised").empty());
}

TEST(TimeRulesTest, OverrideDisablesForItem) {
  RuleSet defaults = RuleSet::Defaults();
  RuleSet rules(defaults.rules(), {RuleOverride{.rule_code = "time.promised",
                                                .item_code = "511A0138000000-511602000000-000-1",
                                                .enabled = false}});
  Judgement j = Judge(AcceptedAt("2026-02-13 10:00").Build("2026-03-02 10:00"), rules);
  EXPECT_TRUE(FindingsOf(j, "time.promised").empty());
  EXPECT_EQ(FindingsOf(j, "time.statutory").size(), 0u);
}

TEST(TimeRulesTest, OverridePromisedLimit) {
  RuleSet defaults = RuleSet::Defaults();
  json::object settings{{"promised_limit", {{"unit", "working_days"}, {"amount", 10}}}};
  RuleSet rules(defaults.rules(), {RuleOverride{.rule_code = "time.promised",
                                                .item_code = "511A0138000000-511602000000-000-1",
                                                .settings = settings}});
  // 10 working days from Fri 02-13: 02-14, 02-24..02-28, 03-02..03-05 → Thu 03-05 17:30.
  auto yellow = FindingsOf(Judge(AcceptedAt("2026-02-13 10:00").Build("2026-03-06 09:00"), rules),
                           "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(Var(yellow[0], "deadline"), "2026-03-05 17:30");
}

}  // namespace
}  // namespace mingjing::supervision::testing
