#include "calendar/calendar_loader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

namespace fs = std::filesystem;
using testing::Date;

const fs::path kSharedCalendar = fs::path(MINGJING_SHARED_DATA) / "calendar-cn";

// A fresh empty folder for one test.
fs::path TempFolder(std::string_view name) {
  fs::path folder = fs::path(::testing::TempDir()) / "calendar_loader_test" / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

void WriteFile(const fs::path& file, std::string_view text) {
  std::ofstream(file, std::ios::binary) << text;
}

TEST(LoadScheduleFolder, LoadsEveryPublishedYear) {
  auto schedules = LoadScheduleFolder(kSharedCalendar);

  ASSERT_TRUE(schedules) << schedules.error().message;
  std::vector<int> expected;
  for (int year = 2007; year <= 2026; ++year) expected.push_back(year);
  EXPECT_EQ(schedules->PublishedYears(), expected);
  EXPECT_FALSE(schedules->IsPublished(2027));
  EXPECT_EQ(schedules->FindYear(2026)->source, "2026.json");
  ASSERT_FALSE(schedules->FindYear(2026)->papers.empty());
}

TEST(LoadScheduleFolder, KeepsDaysListedByNextYearsNotice) {
  // The 2019 notice moved 2018-12-29 (a Saturday) into work for the New Year holiday.
  auto schedules = LoadScheduleFolder(kSharedCalendar);

  ASSERT_TRUE(schedules);
  const DayOverride* day = schedules->Find(Date("2018-12-29"));
  ASSERT_NE(day, nullptr);
  EXPECT_FALSE(day->is_off_day);
  EXPECT_EQ(day->name, "元旦");
}

TEST(LoadScheduleFolder, SkipsPlaceholderAndOtherFiles) {
  fs::path folder = TempFolder("placeholder");
  WriteFile(folder / "2027.json", R"({"year": 2027, "papers": [], "days": []})");
  WriteFile(folder / "schema.json", "not a schedule");
  fs::copy_file(kSharedCalendar / "2026.json", folder / "2026.json");

  auto schedules = LoadScheduleFolder(folder);

  ASSERT_TRUE(schedules) << schedules.error().message;
  EXPECT_EQ(schedules->PublishedYears(), std::vector<int>{2026});
}

TEST(LoadScheduleFolder, RejectsYearNotMatchingFileName) {
  fs::path folder = TempFolder("mismatch");
  WriteFile(
      folder / "2028.json",
      R"({"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]})");

  auto schedules = LoadScheduleFolder(folder);

  ASSERT_FALSE(schedules);
  EXPECT_EQ(schedules.error().field, "year");
  EXPECT_NE(schedules.error().message.find("2028.json"), std::string::npos);
}

TEST(LoadScheduleFolder, MissingFolderIsNotFound) {
  auto schedules = LoadScheduleFolder(fs::path(::testing::TempDir()) / "no-such-calendar");

  ASSERT_FALSE(schedules);
  EXPECT_EQ(schedules.error().code, ErrorCode::kNotFound);
}

struct BadScheduleCase {
  const char* name;
  const char* json;
  const char* field;
};

void PrintTo(const BadScheduleCase& c, std::ostream* os) { *os << c.name; }

class BadSchedule : public ::testing::TestWithParam<BadScheduleCase> {};

TEST_P(BadSchedule, ErrorNamesFileAndField) {
  auto schedule = ParseYearSchedule(GetParam().json, "2027.json");

  ASSERT_FALSE(schedule);
  EXPECT_EQ(schedule.error().field, GetParam().field);
  EXPECT_NE(schedule.error().message.find("2027.json"), std::string::npos)
      << schedule.error().message;
}

const BadScheduleCase kBadSchedules[] = {
    {"NotJson", "{", ""},
    {"NotObject", "[]", "(document)"},
    {"YearMissing", R"({"days": []})", "year"},
    {"YearText", R"({"year": "2027", "days": []})", "year"},
    {"DaysMissing", R"({"year": 2027})", "days"},
    {"PapersNotArray", R"({"year": 2027, "papers": "x", "days": []})", "papers"},
    {"DayNotObject", R"({"year": 2027, "days": [1]})", "days[0]"},
    {"NameMissing", R"({"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true}]})",
     "days[0].name"},
    {"DateBad",
     R"({"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                                {"name": "春节", "date": "2027-02-30", "isOffDay": true}]})",
     "days[1].date"},
    {"OffDayText",
     R"({"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": "yes"}]})",
     "days[0].isOffDay"},
};

INSTANTIATE_TEST_SUITE_P(Json, BadSchedule, ::testing::ValuesIn(kBadSchedules),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ParseYearSchedule, InvalidJsonIsMalformed) {
  auto schedule = ParseYearSchedule("{", "2027.json");

  ASSERT_FALSE(schedule);
  EXPECT_EQ(schedule.error().code, ErrorCode::kMalformed);
}

TEST(YearScheduleToJson, RoundTrips) {
  auto loaded = LoadYearScheduleFile(kSharedCalendar / "2025.json");
  ASSERT_TRUE(loaded);

  auto again = YearScheduleFromJson(YearScheduleToJson(*loaded), "round trip");

  ASSERT_TRUE(again);
  EXPECT_EQ(again->year, 2025);
  EXPECT_EQ(again->papers, loaded->papers);
  ASSERT_EQ(again->days.size(), loaded->days.size());
  for (size_t i = 0; i < loaded->days.size(); ++i) {
    EXPECT_EQ(again->days[i].date, loaded->days[i].date);
    EXPECT_EQ(again->days[i].name, loaded->days[i].name);
    EXPECT_EQ(again->days[i].is_off_day, loaded->days[i].is_off_day);
  }
}

TEST(LoadYearScheduleFile, MissingFileIsNotFound) {
  auto schedule = LoadYearScheduleFile(kSharedCalendar / "1900.json");

  ASSERT_FALSE(schedule);
  EXPECT_EQ(schedule.error().code, ErrorCode::kNotFound);
}

// Administrators enter next year's schedule as a list of day overrides.
YearSchedule Schedule2027(std::vector<DayOverride> days) {
  return YearSchedule{2027, std::move(days), {}, "administrator"};
}

TEST(HolidaySchedules, AddsAndReplacesAYear) {
  HolidaySchedules schedules;
  ASSERT_TRUE(schedules.SetYear(Schedule2027({{Date("2027-01-01"), "元旦", true}})));
  EXPECT_TRUE(schedules.IsPublished(2027));
  ASSERT_NE(schedules.Find(Date("2027-01-01")), nullptr);

  ASSERT_TRUE(schedules.SetYear(Schedule2027({{Date("2027-02-06"), "春节", true}})));

  EXPECT_EQ(schedules.Find(Date("2027-01-01")), nullptr);
  ASSERT_NE(schedules.Find(Date("2027-02-06")), nullptr);
  EXPECT_TRUE(schedules.RemoveYear(2027));
  EXPECT_FALSE(schedules.IsPublished(2027));
  EXPECT_EQ(schedules.Find(Date("2027-02-06")), nullptr);
}

TEST(HolidaySchedules, RejectsDuplicateDate) {
  HolidaySchedules schedules;

  auto added = schedules.SetYear(
      Schedule2027({{Date("2027-01-01"), "元旦", true}, {Date("2027-01-01"), "元旦", true}}));

  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().field, "days[1].date");
  EXPECT_FALSE(schedules.IsPublished(2027));
}

TEST(HolidaySchedules, RejectsDateOutsideYear) {
  HolidaySchedules schedules;

  auto added = schedules.SetYear(Schedule2027({{Date("2026-11-30"), "元旦", true}}));

  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().field, "days[0].date");
  EXPECT_TRUE(schedules.SetYear(Schedule2027({{Date("2026-12-31"), "元旦", true}})));
}

TEST(HolidaySchedules, RejectsEmptyScheduleAndMissingName) {
  HolidaySchedules schedules;

  EXPECT_FALSE(schedules.SetYear(Schedule2027({})));
  auto unnamed = schedules.SetYear(Schedule2027({{Date("2027-01-01"), "", true}}));
  ASSERT_FALSE(unnamed);
  EXPECT_EQ(unnamed.error().field, "days[0].name");
}

TEST(HolidaySchedules, RejectsConflictWithAnotherYear) {
  auto schedules = LoadScheduleFolder(kSharedCalendar);
  ASSERT_TRUE(schedules);

  // The 2019 notice made 2018-12-30 a day off, so a 2018 schedule listing it as a working day
  // conflicts.
  YearSchedule y2018 = *schedules->FindYear(2018);
  y2018.days.push_back({Date("2018-12-30"), "元旦", false});
  auto added = schedules->SetYear(y2018);

  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(schedules->FindYear(2018)->days.back().date == Date("2018-12-30"));
}

}  // namespace
}  // namespace mingjing::calendar
