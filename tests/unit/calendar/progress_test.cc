// Elapsed fraction and remaining time. Accepted Monday 2026-03-02 10:00 with 5 working days:
// counting starts Tuesday, 35 working hours are allowed and the deadline is 03-09 17:30.
#include "calendar/progress.h"

#include <gtest/gtest.h>

#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using testing::ChinaCalendar;
using testing::Local;

DeadlineRequest FiveWorkingDays() {
  return {Local("2026-03-02 10:00"), TimeLimit::WorkingDays(5), {}, {}};
}

TEST(MeasureProgress, NothingUsedOnAcceptanceDay) {
  auto progress = MeasureProgress(ChinaCalendar(), FiveWorkingDays(), Local("2026-03-02 16:00"));

  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->used, seconds(0));
  EXPECT_EQ(progress->allowed, hours(35));
  EXPECT_DOUBLE_EQ(progress->elapsed_fraction, 0.0);
}

TEST(MeasureProgress, ThreeDaysUsedIsSixtyPercent) {
  auto progress = MeasureProgress(ChinaCalendar(), FiveWorkingDays(), Local("2026-03-06 09:00"));

  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->used, hours(21));
  EXPECT_DOUBLE_EQ(progress->elapsed_fraction, 0.6);
  EXPECT_EQ(progress->remaining, hours(14));
  EXPECT_EQ(progress->working_remaining, hours(14));
  EXPECT_FALSE(progress->overdue);
}

TEST(MeasureProgress, EightyPercentOnLastMorning) {
  // Tuesday to Friday used (28 h of 35) when Monday opens, after a weekend that uses nothing.
  auto progress = MeasureProgress(ChinaCalendar(), FiveWorkingDays(), Local("2026-03-09 09:00"));

  ASSERT_TRUE(progress);
  EXPECT_DOUBLE_EQ(progress->elapsed_fraction, 0.8);
}

TEST(MeasureProgress, OneSecondLateIsOverdue) {
  auto progress = MeasureProgress(ChinaCalendar(), FiveWorkingDays(), Local("2026-03-09 17:30:01"));

  ASSERT_TRUE(progress);
  EXPECT_TRUE(progress->overdue);
  // No working time has passed since close of business.
  EXPECT_EQ(progress->working_remaining, seconds(0));
}

TEST(MeasureProgress, OverdueByWorkingTime) {
  auto progress = MeasureProgress(ChinaCalendar(), FiveWorkingDays(), Local("2026-03-10 10:00"));

  ASSERT_TRUE(progress);
  EXPECT_TRUE(progress->overdue);
  EXPECT_EQ(progress->used, hours(36));
  EXPECT_EQ(progress->remaining, -hours(1));
  EXPECT_EQ(progress->working_remaining, -hours(1));
  EXPECT_DOUBLE_EQ(progress->elapsed_fraction, 36.0 / 35.0);
}

TEST(MeasureProgress, SuspensionFreezesTheClock) {
  DeadlineRequest request = FiveWorkingDays();
  request.suspensions.push_back(
      {SuspensionReason::kHearing, Local("2026-03-04 10:00"), Local("2026-03-06 10:00"), 0, ""});

  // Before the suspension starts it is unknown, so the case runs normally.
  auto before = MeasureProgress(ChinaCalendar(), request, Local("2026-03-04 09:30"));
  // During it the clock is stopped at Tuesday plus one hour of Wednesday.
  auto during = MeasureProgress(ChinaCalendar(), request, Local("2026-03-05 15:00"));
  // After it the 14 suspended working hours (Wednesday 6, Thursday 7, Friday 1) are added:
  // 03-09 17:30 plus two working days is 03-11 17:30.
  auto after = MeasureProgress(ChinaCalendar(), request, Local("2026-03-06 11:00"));

  ASSERT_TRUE(before);
  ASSERT_TRUE(during);
  ASSERT_TRUE(after);
  EXPECT_EQ(before->deadline.state, DeadlineState::kRunning);
  EXPECT_EQ(before->used, hours(7) + std::chrono::minutes(30));
  EXPECT_EQ(during->deadline.state, DeadlineState::kSuspended);
  EXPECT_EQ(during->used, hours(8));
  EXPECT_EQ(during->remaining, hours(27));
  EXPECT_EQ(during->working_remaining, hours(27));
  EXPECT_EQ(after->deadline.state, DeadlineState::kRunning);
  EXPECT_EQ(testing::LocalText(*after->deadline.deadline), "2026-03-11 17:30");
  EXPECT_EQ(after->used, hours(9));
}

TEST(MeasureProgress, CalendarDaysUseClockTime) {
  // 10 calendar days from 03-02: the last day is 03-12, ending 17:30. Allowed is 03-03 00:00 to
  // 03-12 17:30, 9 days and 17.5 hours.
  DeadlineRequest request{Local("2026-03-02 10:00"), TimeLimit::CalendarDays(10), {}, {}};

  auto progress = MeasureProgress(ChinaCalendar(), request, Local("2026-03-07 12:00"));

  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->allowed, std::chrono::days(9) + hours(17) + std::chrono::minutes(30));
  EXPECT_EQ(progress->used, std::chrono::days(4) + hours(12));
  // Working time left: Monday 03-09 to Thursday 03-12, four days of 7 h.
  EXPECT_EQ(progress->working_remaining, hours(28));
}

TEST(MeasureProgress, ImmediateItemHasNoProgress) {
  DeadlineRequest request{Local("2026-03-02 10:00"), TimeLimit::Immediate(), {}, {}};

  auto progress = MeasureProgress(ChinaCalendar(), request, Local("2026-03-05 10:00"));

  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->deadline.state, DeadlineState::kNoDeadline);
  EXPECT_FALSE(progress->overdue);
}

}  // namespace
}  // namespace mingjing::calendar
