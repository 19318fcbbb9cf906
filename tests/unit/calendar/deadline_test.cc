// Deadlines worked out by hand from the State Council schedules in the shared holiday data.
// Local times are China Standard Time; working hours are 09:00-12:00 and 13:30-17:30.
#include "calendar/deadline.h"

#include <gtest/gtest.h>

#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

using testing::ChinaCalendar;
using testing::Local;
using testing::LocalText;

struct DeadlineCase {
  const char* name;
  const char* start;  // local time of the event
  TimeLimit limit;
  const char* expected;  // local time of the deadline
  bool roll = false;     // DeadlineOptions::roll_outside_hours_to_next_opening
};

void PrintTo(const DeadlineCase& c, std::ostream* os) { *os << c.name; }

class HandWorkedDeadline : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(HandWorkedDeadline, MatchesHandCount) {
  const DeadlineCase& c = GetParam();
  DeadlineRequest request{Local(c.start), c.limit, {}, {}};
  DeadlineOptions options{c.roll};

  auto deadline = ComputeDeadline(ChinaCalendar(), request, options);

  ASSERT_TRUE(deadline) << deadline.error().message;
  ASSERT_EQ(deadline->state, DeadlineState::kRunning);
  EXPECT_EQ(LocalText(*deadline->deadline), c.expected);
  EXPECT_TRUE(deadline->unpublished_years.empty());
}

const DeadlineCase kCases[] = {
    // Spring Festival 2026: 02-15 to 02-23 off, Saturdays 02-14 and 02-28 worked.
    // 02-12 not counted; 13 Fri (1), 14 Sat worked (2), 24 (3), 25 (4), 26 (5).
    {"SpringFestivalFromThursday", "2026-02-12 10:00", TimeLimit::WorkingDays(5),
     "2026-02-26 17:30"},
    // Accepted on the worked Saturday the day before the holiday: 24 (1), 25 (2), 26 (3),
    // 27 (4), Saturday 28 worked (5).
    {"SpringFestivalFromEve", "2026-02-14 10:00", TimeLimit::WorkingDays(5), "2026-02-28 17:30"},
    // 05-08 Fri (1), 05-09 Sat worked for Labour Day (2), 05-11 Mon (3).
    {"AdjustedSaturdayCounts", "2026-05-07 10:00", TimeLimit::WorkingDays(3), "2026-05-11 17:30"},
    // Labour Day 2026, 05-01 to 05-05 off: 04-30 (1), 05-06 (2), 05-07 (3).
    {"LabourDaySkipped", "2026-04-29 10:00", TimeLimit::WorkingDays(3), "2026-05-07 17:30"},
    // National Day with Mid-Autumn 2025: 10-01 to 10-08 off, Sun 09-28 and Sat 10-11 worked.
    // 09-27 Sat rest; 09-28 Sun worked (1), 29 (2), 30 (3), 10-09 (4), 10-10 (5).
    {"NationalDay2025", "2025-09-26 10:00", TimeLimit::WorkingDays(5), "2025-10-10 17:30"},
    // 10-09 (1), 10-10 (2), Saturday 10-11 worked (3).
    {"NationalDay2025EndsOnSaturday", "2025-09-30 10:00", TimeLimit::WorkingDays(3),
     "2025-10-11 17:30"},
    // Administrative Licensing Law art. 42's 20 days across the Spring Festival: 02-03..06 (4),
    // 09..13 (9), Sat 14 (10), 24..27 (14), Sat 28 (15), 03-02..06 (20).
    {"TwentyDaysAcrossSpringFestival", "2026-02-02 10:00", TimeLimit::WorkingDays(20),
     "2026-03-06 17:30"},
    // New Year 2026: 01-01 to 01-03 off, Sunday 01-04 worked. 12-30 (1), 12-31 (2),
    // 01-04 Sun (3), 01-05 (4), 01-06 (5).
    {"YearBoundary", "2025-12-29 10:00", TimeLimit::WorkingDays(5), "2026-01-06 17:30"},
    // After hours: the event's own day is still the day not counted. 03-09 (1), 10 (2), 11 (3).
    {"AfterHoursCountsFromNextDay", "2026-03-06 19:00", TimeLimit::WorkingDays(3),
     "2026-03-11 17:30"},
    // Rolled to Monday 09:00, so Monday is the day not counted: 10 (1), 11 (2), 12 (3).
    {"AfterHoursRolled", "2026-03-06 19:00", TimeLimit::WorkingDays(3), "2026-03-12 17:30", true},
    // Accepted during the Spring Festival: 02-24 (1), 25 (2), 26 (3).
    {"OnHolidayCountsFromNextDay", "2026-02-21 10:00", TimeLimit::WorkingDays(3),
     "2026-02-26 17:30"},
    // Rolled to Tuesday 02-24 09:00: 25 (1), 26 (2), 27 (3).
    {"OnHolidayRolled", "2026-02-21 10:00", TimeLimit::WorkingDays(3), "2026-02-27 17:30", true},
    // In working hours the roll changes nothing.
    {"InHoursRollIsNoOp", "2026-03-02 10:00", TimeLimit::WorkingDays(3), "2026-03-05 17:30", true},

    // Calendar days: 09-24 + 7 = 10-01, a holiday; the holiday runs to 10-08, so 10-09.
    {"CalendarDaysEndOnNationalDay", "2025-09-24 10:00", TimeLimit::CalendarDays(7),
     "2025-10-09 17:30"},
    // 03-02 + 5 = Saturday 03-07, moved to Monday 03-09.
    {"CalendarDaysEndOnSaturday", "2026-03-02 10:00", TimeLimit::CalendarDays(5),
     "2026-03-09 17:30"},
    // 02-09 + 5 = Saturday 02-14, a worked Saturday, so it stays.
    {"CalendarDaysEndOnWorkedSaturday", "2026-02-09 10:00", TimeLimit::CalendarDays(5),
     "2026-02-14 17:30"},
    {"CalendarDaysEndOnWeekday", "2026-03-02 23:59", TimeLimit::CalendarDays(3),
     "2026-03-05 17:30"},

    // Months (Civil Code art. 202): 01-31 + 1 month has no 02-31, so the month's last day.
    // 2026-02-28 is a worked Saturday.
    {"MonthFromJan31To2026Feb28", "2026-01-31 10:00", TimeLimit::Months(1), "2026-02-28 17:30"},
    {"MonthFromJan31ToLeapDay", "2024-01-31 10:00", TimeLimit::Months(1), "2024-02-29 17:30"},
    {"MonthFromJan31To2025Feb28", "2025-01-31 10:00", TimeLimit::Months(1), "2025-02-28 17:30"},
    // 2025-12-31 + 1 month = Saturday 2026-01-31, moved to Monday 02-02.
    {"MonthEndsOnSaturday", "2025-12-31 10:00", TimeLimit::Months(1), "2026-02-02 17:30"},
    // 2025-09-01 + 1 month = 10-01, National Day, moved to 10-09.
    {"MonthEndsOnNationalDay", "2025-09-01 10:00", TimeLimit::Months(1), "2025-10-09 17:30"},
    // Leap day + 1 year = 2025-02-28, a Friday.
    {"YearFromLeapDay", "2024-02-29 10:00", TimeLimit::Years(1), "2025-02-28 17:30"},

    // Working hours count from the event itself.
    {"HoursAcrossLunch", "2026-03-02 11:00", TimeLimit::WorkingHours(2), "2026-03-02 14:30"},
    {"HoursEndAtNoon", "2026-03-02 10:00", TimeLimit::WorkingHours(2), "2026-03-02 12:00"},
    {"HoursStartInLunch", "2026-03-02 12:30", TimeLimit::WorkingHours(2), "2026-03-02 15:30"},
    {"HoursOvernight", "2026-03-02 16:30", TimeLimit::WorkingHours(2), "2026-03-03 10:00"},
    {"HoursAfterClose", "2026-03-02 20:00", TimeLimit::WorkingHours(2), "2026-03-03 11:00"},
    {"HoursOverWeekend", "2026-03-06 17:00", TimeLimit::WorkingHours(2), "2026-03-09 10:30"},
    // Friday 16:00-17:30 (1.5 h), then the worked Saturday 02-14 09:00-11:30 (2.5 h).
    {"HoursIntoWorkedSaturday", "2026-02-13 16:00", TimeLimit::WorkingHours(4), "2026-02-14 11:30"},
    // Saturday 02-14 16:00-17:30 (1.5 h), the holiday, then 02-24 09:00-11:30 (2.5 h).
    {"HoursOverSpringFestival", "2026-02-14 16:00", TimeLimit::WorkingHours(4), "2026-02-24 11:30"},
};

INSTANTIATE_TEST_SUITE_P(RealHolidays, HandWorkedDeadline, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ComputeDeadline, ImmediateItemHasNoDeadline) {
  DeadlineRequest request{Local("2026-03-02 10:00"), TimeLimit::Immediate(), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->state, DeadlineState::kNoDeadline);
  EXPECT_FALSE(deadline->deadline);
}

TEST(ComputeDeadline, FlagsUnpublishedNextYear) {
  // 2027 is not published, so 2027-01-01 counts as an ordinary Friday:
  // 12-25 (1), 28..31 (5), 01-01 (6), 01-04..07 (10).
  DeadlineRequest request{Local("2026-12-24 10:00"), TimeLimit::WorkingDays(10), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2027-01-07 17:30");
  EXPECT_EQ(deadline->unpublished_years, std::vector<int>{2027});
}

TEST(ComputeDeadline, FlagsNextYearForDecemberDeadline) {
  // The 2027 notice may still move days at the end of December 2026.
  DeadlineRequest request{Local("2026-12-01 10:00"), TimeLimit::WorkingDays(5), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-12-08 17:30");
  EXPECT_EQ(deadline->unpublished_years, std::vector<int>{2027});
}

TEST(ComputeDeadline, RejectsZeroAmount) {
  DeadlineRequest request{Local("2026-03-02 10:00"), TimeLimit::WorkingDays(0), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_FALSE(deadline);
  EXPECT_EQ(deadline.error().field, "limit.amount");
}

TEST(ComputeDeadline, RejectsStartOutsideTable) {
  DeadlineRequest request{Local("1999-12-31 10:00"), TimeLimit::WorkingDays(5), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_FALSE(deadline);
  EXPECT_EQ(deadline.error().field, "start");
}

TEST(ComputeDeadline, RejectsDeadlineOutsideTable) {
  DeadlineRequest request{Local("2026-03-02 10:00"), TimeLimit::Years(100), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_FALSE(deadline);
  EXPECT_EQ(deadline.error().field, "limit");
  EXPECT_NE(deadline.error().message.find("2100-12-31"), std::string::npos)
      << deadline.error().message;
}

TEST(ComputeDeadline, RecordsNominalAndShiftedDays) {
  DeadlineRequest request{Local("2025-09-24 10:00"), TimeLimit::CalendarDays(7), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(FormatDate(*deadline->nominal_last_day), "2025-10-01");
  EXPECT_EQ(FormatDate(*deadline->reached_day), "2025-10-01");
  EXPECT_EQ(FormatDate(*deadline->last_day), "2025-10-09");
  EXPECT_EQ(deadline->budget, std::chrono::days(7));
}

TEST(ComputeDeadline, WorkingDayBudgetIsWholeDays) {
  DeadlineRequest request{Local("2026-02-12 10:00"), TimeLimit::WorkingDays(5), {}, {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->budget, std::chrono::hours(35));
  EXPECT_EQ(deadline->allowed, std::chrono::hours(35));
  EXPECT_EQ(LocalText(deadline->counting_start), "2026-02-13 00:00");
}

TEST(LimitUnit, NamesRoundTrip) {
  for (auto unit : {LimitUnit::kImmediate, LimitUnit::kWorkingDays, LimitUnit::kCalendarDays,
                    LimitUnit::kMonths, LimitUnit::kYears, LimitUnit::kWorkingHours}) {
    auto parsed = ParseLimitUnit(LimitUnitName(unit));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, unit);
  }
  auto unknown = ParseLimitUnit("weeks");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "limit.unit");
}

}  // namespace
}  // namespace mingjing::calendar
