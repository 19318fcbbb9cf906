#include <gtest/gtest.h>

#include "calendar/calendar_loader.h"
#include "catalog_fixture.h"

namespace mingjing::testing {
namespace {

using calendar::DayKind;
using calendar::LocalDate;
using namespace std::chrono_literals;

LocalDate Date(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)};
}

class CalendarStoreTest : public CatalogFixture {};

TEST_F(CalendarStoreTest, StoredSchedulesBuildCalendar) {
  ImportCalendar();
  calendar::CalendarService service(db());
  auto cal = service.Current();

  EXPECT_EQ(cal->schedules().PublishedYears().size(), 20u);
  EXPECT_EQ(cal->KindOf(Date(2026, 2, 17)), DayKind::kHoliday);
  EXPECT_EQ(cal->schedules().Find(Date(2026, 2, 17))->name, "春节");
  EXPECT_EQ(cal->KindOf(Date(2026, 2, 14)), DayKind::kAdjustedWorkday);
  EXPECT_EQ(cal->hours().ToString(), "09:00-12:00,13:30-17:30");
  EXPECT_EQ(LedgerCount("calendar.import"), 1);
}

TEST_F(CalendarStoreTest, CacheRebuildsAfterChange) {
  ImportCalendar();
  calendar::CalendarService service(db());
  auto first = service.Current();
  EXPECT_EQ(service.Current(), first);

  auto hours = calendar::WorkingHours::Parse("08:30-12:00,14:00-18:00");
  ASSERT_TRUE(hours.has_value());
  ASSERT_TRUE(calendar::StoreWorkingHours(db(), ledger_, actor_, *hours));
  auto second = service.Current();
  EXPECT_NE(second, first);
  EXPECT_EQ(second->hours().ToString(), "08:30-12:00,14:00-18:00");
}

TEST_F(CalendarStoreTest, ReimportReplacesYears) {
  ImportCalendar();
  ImportCalendar();
  auto lease = db().Acquire();
  long long days = 0;
  *lease << "SELECT COUNT(*) FROM calendar_days WHERE year = 2026", soci::into(days);
  EXPECT_EQ(days, 39);
}

TEST_F(CalendarStoreTest, ConflictingYearIsRejected) {
  ImportCalendar();
  // The 2027 notice may start its New Year holiday on 2026-12-31.
  auto next_year = calendar::ParseYearSchedule(
      R"({"year": 2027, "days": [{"name": "元旦", "date": "2026-12-31", "isOffDay": true}]})",
      "2027 test");
  ASSERT_TRUE(next_year.has_value()) << next_year.error().message;
  calendar::HolidaySchedules schedules;
  ASSERT_TRUE(schedules.SetYear(*next_year));
  ASSERT_TRUE(calendar::StoreSchedules(db(), ledger_, actor_, schedules, clock_));

  // A replacement 2026 schedule that makes the same day a working day contradicts it.
  calendar::YearSchedule replacement = *calendar::LoadStoredSchedules(db()).FindYear(2026);
  replacement.days.push_back({Date(2026, 12, 31), "调休", false});
  calendar::HolidaySchedules conflicting;
  ASSERT_TRUE(conflicting.SetYear(replacement));
  auto stored = calendar::StoreSchedules(db(), ledger_, actor_, conflicting, clock_);
  ASSERT_FALSE(stored.has_value());
  EXPECT_EQ(stored.error().code, ErrorCode::kConflict);

  auto kept = calendar::LoadStoredSchedules(db());
  EXPECT_EQ(kept.PublishedYears().size(), 21u);
  EXPECT_EQ(kept.FindYear(2026)->days.size(), 39u);
}

}  // namespace
}  // namespace mingjing::testing
