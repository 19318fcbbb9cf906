#include "calendar/working_hours.h"

#include <gtest/gtest.h>

namespace mingjing::calendar {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr seconds Clock(int hour, int minute) { return hours(hour) + minutes(minute); }

TEST(WorkingHours, DefaultIsSevenHours) {
  WorkingHours hours = WorkingHours::Default();

  EXPECT_EQ(hours.ToString(), "09:00-12:00,13:30-17:30");
  EXPECT_EQ(hours.DailyWorkingTime(), std::chrono::hours(7));
  EXPECT_EQ(hours.OpeningTime(), Clock(9, 0));
  EXPECT_EQ(hours.ClosingTime(), Clock(17, 30));
}

TEST(WorkingHours, WorkedBeforeSkipsLunch) {
  WorkingHours hours = WorkingHours::Default();

  EXPECT_EQ(hours.WorkedBefore(Clock(8, 0)), seconds(0));
  EXPECT_EQ(hours.WorkedBefore(Clock(10, 0)), std::chrono::hours(1));
  EXPECT_EQ(hours.WorkedBefore(Clock(13, 0)), std::chrono::hours(3));
  EXPECT_EQ(hours.WorkedBefore(Clock(14, 0)), Clock(3, 30));
  EXPECT_EQ(hours.WorkedBefore(Clock(23, 0)), std::chrono::hours(7));
}

TEST(WorkingHours, TimeWhenWorkedIsEarliest) {
  WorkingHours hours = WorkingHours::Default();

  // Three hours end at noon, not when the afternoon opens.
  EXPECT_EQ(hours.TimeWhenWorked(std::chrono::hours(3)), Clock(12, 0));
  EXPECT_EQ(hours.TimeWhenWorked(std::chrono::hours(3) + seconds(1)), Clock(13, 30) + seconds(1));
  EXPECT_EQ(hours.TimeWhenWorked(std::chrono::hours(7)), Clock(17, 30));
}

TEST(WorkingHours, OpenAndNextOpening) {
  WorkingHours hours = WorkingHours::Default();

  EXPECT_TRUE(hours.IsOpenAt(Clock(9, 0)));
  EXPECT_FALSE(hours.IsOpenAt(Clock(12, 0)));
  EXPECT_EQ(hours.NextOpening(Clock(12, 30)), Clock(13, 30));
  EXPECT_EQ(hours.NextOpening(Clock(7, 0)), Clock(9, 0));
  EXPECT_FALSE(hours.NextOpening(Clock(14, 0)));
}

TEST(WorkingHours, ParsesCustomHours) {
  auto hours = WorkingHours::Parse("08:30-12:00,14:30-18:00");

  ASSERT_TRUE(hours) << hours.error().message;
  EXPECT_EQ(hours->DailyWorkingTime(), std::chrono::hours(7));
  EXPECT_EQ(hours->ToString(), "08:30-12:00,14:30-18:00");
}

TEST(WorkingHours, RejectsBadText) {
  for (const char* text :
       {"", "9:00-12:00", "09:00-12:00,", "09:00~12:00", "09:60-12:00", "09:00-24:01"}) {
    auto hours = WorkingHours::Parse(text, "working_hours");
    ASSERT_FALSE(hours) << text;
    EXPECT_EQ(hours.error().field, "working_hours") << text;
  }
}

TEST(WorkingHours, RejectsOverlapAndEmptyPeriods) {
  EXPECT_FALSE(WorkingHours::Parse("09:00-12:00,11:00-17:00"));
  EXPECT_FALSE(WorkingHours::Parse("09:00-12:00,12:00-17:00"));
  EXPECT_FALSE(WorkingHours::Parse("13:00-12:00"));
  EXPECT_FALSE(WorkingHours::Create({}));
  EXPECT_TRUE(WorkingHours::Parse("00:00-24:00"));
}

}  // namespace
}  // namespace mingjing::calendar
