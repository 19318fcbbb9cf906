// Dormancy, late entry and tamper alarms.
#include <gtest/gtest.h>

#include "case_builder.h"
#include "exchange/ingest.h"

namespace mingjing::supervision::testing {
namespace {

using exchange::EventType;

// Last event Sat 01-10 10:00; three months later is 04-10 10:00, whatever day it falls on.
TEST(ActivityRulesTest, UntouchedThreeMonths) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-01-10 10:00");
  b.Item(std::nullopt);

  Judgement before = Judge(b.Build("2026-04-10 09:59"));
  EXPECT_TRUE(FindingsOf(before, "dormancy.untouched").empty());
  EXPECT_EQ(before.next_check_at, LocalSeconds("2026-04-10 10:00"));

  auto found = FindingsOf(Judge(b.Build("2026-04-10 10:00")), "dormancy.untouched");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].needs_confirmation);
  EXPECT_EQ(found[0].level, Level::kYellow);
  EXPECT_EQ(found[0].vars.at("last_event").as_string(), "2026-01-10 10:00");
}

// 11-30 plus three months has no 02-30, so the month's last day, 2026-02-28, counts.
TEST(ActivityRulesTest, UntouchedMonthEnd) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2025-11-30 10:00");
  b.Item(std::nullopt);
  Judgement j = Judge(b.Build("2026-02-01 10:00"));
  EXPECT_EQ(j.next_check_at, LocalSeconds("2026-02-28 10:00"));
}

TEST(ActivityRulesTest, CompletedCaseNotDormant) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-01-10 10:00");
  b.Add("E-2", EventType::kNotAccepted, "2026-01-10 11:00",
        {{"reason", "申请事项不属于本机关职权范围"}});
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-06-01 10:00")), "dormancy.untouched").empty());
}

// Submitted Mon 02-02, entered Fri 02-27: working days after 02-02 are 02-03..02-06 (4),
// 02-09..02-13 (9), Sat 02-14 (10), then 02-24..02-27 (14). 14 > 10.
TEST(ActivityRulesTest, LateEntry) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-02-02 10:00");
  b.ReceivedAt("2026-02-27 15:00");
  auto found = FindingsOf(Judge(b.Build("2026-02-27 16:00")), "dormancy.late_entry");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].vars.at("late_working_days").as_int64(), 14);
}

// Submitted Fri 02-13, entered Fri 02-27: 02-14 (1), 02-24..02-27 (5). Within 10.
TEST(ActivityRulesTest, EntryAcrossHolidayInTime) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-02-13 10:00");
  b.ReceivedAt("2026-02-27 15:00");
  EXPECT_TRUE(FindingsOf(Judge(b.Build("2026-02-27 16:00")), "dormancy.late_entry").empty());
}

TEST(ActivityRulesTest, TamperAlarmsBecomeFindings) {
  CaseBuilder b;
  b.Add("E-1", EventType::kSubmitted, "2026-03-02 09:00");
  b.Alarm(11, std::string(exchange::kResendWithDifferentContent), "E-1");
  b.Alarm(12, std::string(exchange::kChangeAfterCompletion), "E-1");
  b.Alarm(13, std::string(exchange::kDeletion), "E-1");
  Judgement j = Judge(b.Build("2026-03-02 10:00"));

  auto resend = FindingsOf(j, "tamper.resend");
  ASSERT_EQ(resend.size(), 1u);
  EXPECT_EQ(resend[0].subject, "alarm:11");
  EXPECT_EQ(resend[0].level, Level::kYellow);
  auto after = FindingsOf(j, "tamper.after_completion");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].subject, "alarm:12");
  EXPECT_EQ(after[0].level, Level::kRed);
  EXPECT_EQ(after[0].evidence.at("tamper_alarm_id").as_int64(), 12);
}

}  // namespace
}  // namespace mingjing::supervision::testing
