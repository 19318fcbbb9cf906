#include "calendar/working_calendar.h"

#include <gtest/gtest.h>

#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::ChinaCalendar;
using testing::Date;
using testing::Local;
using testing::LocalText;

TEST(WorkingCalendar, ClassifiesDays) {
  const WorkingCalendar& calendar = ChinaCalendar();

  EXPECT_EQ(calendar.KindOf(Date("2026-02-13")), DayKind::kWorkday);
  EXPECT_EQ(calendar.KindOf(Date("2026-02-14")), DayKind::kAdjustedWorkday);
  EXPECT_EQ(calendar.KindOf(Date("2026-02-17")), DayKind::kHoliday);
  EXPECT_EQ(calendar.KindOf(Date("2026-03-07")), DayKind::kRestDay);
  EXPECT_EQ(calendar.KindOf(Date("2025-09-28")), DayKind::kAdjustedWorkday);
  // Listed as worked in 2020 although a Monday; it stays an ordinary working day.
  EXPECT_EQ(calendar.KindOf(Date("2020-02-03")), DayKind::kWorkday);
  // Not published: Monday to Friday.
  EXPECT_EQ(calendar.KindOf(Date("2027-01-01")), DayKind::kWorkday);
  EXPECT_EQ(calendar.KindOf(Date("2006-10-02")), DayKind::kWorkday);
}

TEST(WorkingCalendar, CountsWorkingDays) {
  const WorkingCalendar& calendar = ChinaCalendar();

  // 02-13, 02-14, 02-24, 02-25, 02-26.
  EXPECT_EQ(calendar.WorkingDaysBetween(Date("2026-02-12"), Date("2026-02-26")), 5);
  EXPECT_EQ(calendar.WorkingDaysBetween(Date("2026-02-14"), Date("2026-02-23")), 0);
  EXPECT_EQ(FormatDate(*calendar.AddWorkingDays(Date("2026-02-12"), 5)), "2026-02-26");
  EXPECT_EQ(FormatDate(*calendar.NextWorkingDay(Date("2026-02-15"))), "2026-02-24");
  EXPECT_EQ(FormatDate(*calendar.NextWorkingDay(Date("2026-02-24"))), "2026-02-24");
}

TEST(WorkingCalendar, WorkingTimeBetweenInstants) {
  const WorkingCalendar& calendar = ChinaCalendar();

  EXPECT_EQ(*calendar.WorkingTimeBetween(Local("2026-03-02 11:00"), Local("2026-03-02 14:30")),
            hours(2));
  // Friday 16:00 to Monday 10:00 across a weekend: 1.5 h + 1 h.
  EXPECT_EQ(*calendar.WorkingTimeBetween(Local("2026-03-06 16:00"), Local("2026-03-09 10:00")),
            hours(2) + minutes(30));
  EXPECT_EQ(*calendar.WorkingTimeBetween(Local("2026-03-09 10:00"), Local("2026-03-06 16:00")),
            -(hours(2) + minutes(30)));
  // The whole Spring Festival holiday contains no working time.
  EXPECT_EQ(*calendar.WorkingTimeBetween(Local("2026-02-14 17:30"), Local("2026-02-24 09:00")),
            hours(0));
}

TEST(WorkingCalendar, AddWorkingTimeAcrossHoliday) {
  const WorkingCalendar& calendar = ChinaCalendar();

  auto end = calendar.AddWorkingTime(Local("2026-02-14 16:00"), hours(4));

  ASSERT_TRUE(end);
  EXPECT_EQ(LocalText(*end), "2026-02-24 11:30");
}

TEST(WorkingCalendar, NextWorkingInstant) {
  const WorkingCalendar& calendar = ChinaCalendar();

  EXPECT_EQ(LocalText(*calendar.NextWorkingInstant(Local("2026-03-02 10:00"))), "2026-03-02 10:00");
  EXPECT_EQ(LocalText(*calendar.NextWorkingInstant(Local("2026-03-02 12:15"))), "2026-03-02 13:30");
  EXPECT_EQ(LocalText(*calendar.NextWorkingInstant(Local("2026-03-02 17:30"))), "2026-03-03 09:00");
  EXPECT_EQ(LocalText(*calendar.NextWorkingInstant(Local("2026-02-20 10:00"))), "2026-02-24 09:00");
}

TEST(WorkingCalendar, UnpublishedYears) {
  const WorkingCalendar& calendar = ChinaCalendar();

  EXPECT_TRUE(calendar.UnpublishedYears(Date("2025-12-01"), Date("2026-11-30")).empty());
  EXPECT_EQ(calendar.UnpublishedYears(Date("2026-06-01"), Date("2026-12-01")),
            std::vector<int>{2027});
  EXPECT_EQ(calendar.UnpublishedYears(Date("2026-06-01"), Date("2028-02-01")),
            (std::vector<int>{2027, 2028}));
}

TEST(WorkingCalendar, RejectsInstantOutsideTable) {
  const WorkingCalendar& calendar = ChinaCalendar();

  EXPECT_EQ(FormatDate(calendar.first_day()), "2000-01-01");
  EXPECT_EQ(FormatDate(calendar.last_day()), "2100-12-31");
  auto position = calendar.WorkingPosition(Local("2101-01-01 10:00"));
  ASSERT_FALSE(position);
  EXPECT_EQ(position.error().field, "instant");
  EXPECT_FALSE(calendar.AddWorkingDays(Date("2100-12-30"), 5));
}

TEST(WorkingCalendar, AdministratorAddsNextYear) {
  // Without a 2027 schedule, 2027-01-01 is an ordinary Friday. An administrator enters it.
  HolidaySchedules schedules = ChinaCalendar().schedules();
  ASSERT_TRUE(schedules.SetYear({2027,
                                 {{Date("2027-01-01"), "元旦", true},
                                  {Date("2027-01-02"), "元旦", true},
                                  {Date("2027-01-03"), "元旦", true}},
                                 {},
                                 "administrator"}));

  WorkingCalendar calendar = WorkingCalendar::Build(std::move(schedules));

  EXPECT_EQ(calendar.KindOf(Date("2027-01-01")), DayKind::kHoliday);
  EXPECT_TRUE(calendar.UnpublishedYears(Date("2027-01-01"), Date("2027-06-01")).empty());
  // 12-25 (1), 28..31 (5), 01-04..08 (10).
  EXPECT_EQ(FormatDate(*calendar.AddWorkingDays(Date("2026-12-24"), 10)), "2027-01-08");
}

TEST(WorkingCalendar, CustomHours) {
  auto hours = WorkingHours::Parse("08:30-12:00,14:30-18:00");
  ASSERT_TRUE(hours);
  WorkingCalendar calendar = WorkingCalendar::Build(ChinaCalendar().schedules(), *hours);

  EXPECT_EQ(LocalText(*calendar.AddWorkingTime(Local("2026-03-02 11:00"), std::chrono::hours(2))),
            "2026-03-02 15:30");
  EXPECT_EQ(LocalText(calendar.CloseOfBusiness(Date("2026-03-02"))), "2026-03-02 18:00");
}

}  // namespace
}  // namespace mingjing::calendar
