#include "calendar/explanation.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

namespace json = boost::json;
using testing::ChinaCalendar;
using testing::Local;

// The first step named `name`, or an empty object.
json::object FindStep(const json::object& explanation, std::string_view name) {
  for (const json::value& step : explanation.at("steps").as_array()) {
    if (step.as_object().at("step").as_string() == name) return step.as_object();
  }
  return {};
}

json::object Explain(const DeadlineRequest& request) {
  auto deadline = ComputeDeadline(ChinaCalendar(), request);
  if (!deadline) throw std::runtime_error(deadline.error().message);
  return ExplainDeadline(ChinaCalendar(), request, *deadline);
}

TEST(ExplainDeadline, SpringFestivalListsHolidayAndWorkedSaturday) {
  auto explanation = Explain({Local("2026-02-12 10:00"), TimeLimit::WorkingDays(5), {}, {}});

  EXPECT_EQ(explanation.at("state").as_string(), "running");
  EXPECT_EQ(explanation.at("deadline").as_string(), "2026-02-26T09:30:00Z");
  EXPECT_EQ(explanation.at("deadline_local").as_string(), "2026-02-26T17:30:00+08:00");

  json::object counting = FindStep(explanation, "counting_begins");
  EXPECT_EQ(counting.at("day").as_string(), "2026-02-13");

  json::object skipped = FindStep(explanation, "holidays_skipped");
  const json::array& holidays = skipped.at("days").as_array();
  ASSERT_EQ(holidays.size(), 9u);
  EXPECT_EQ(holidays.front().at("date").as_string(), "2026-02-15");
  EXPECT_EQ(holidays.back().at("date").as_string(), "2026-02-23");
  EXPECT_EQ(holidays.front().at("name").as_string(), "春节");
  // 02-13 to 02-26 is 14 days: 5 working, 9 holiday, no ordinary weekend day.
  EXPECT_EQ(skipped.at("working_days").as_int64(), 5);
  EXPECT_EQ(skipped.at("rest_days").as_int64(), 0);

  json::object adjusted = FindStep(explanation, "adjusted_workdays_counted");
  ASSERT_EQ(adjusted.at("days").as_array().size(), 1u);
  EXPECT_EQ(adjusted.at("days").as_array()[0].at("date").as_string(), "2026-02-14");

  json::object result = FindStep(explanation, "deadline");
  EXPECT_EQ(result.at("day").as_string(), "2026-02-26");
  EXPECT_TRUE(FindStep(explanation, "calendar_not_published").empty());
}

TEST(ExplainDeadline, CalendarDaysShowHolidayShift) {
  auto explanation = Explain({Local("2025-09-24 10:00"), TimeLimit::CalendarDays(7), {}, {}});

  json::object shift = FindStep(explanation, "holiday_shift");
  ASSERT_FALSE(shift.empty());
  EXPECT_EQ(shift.at("from").as_string(), "2025-10-01");
  EXPECT_EQ(shift.at("from_name").as_string(), "国庆节、中秋节");
  EXPECT_EQ(shift.at("to").as_string(), "2025-10-09");
  EXPECT_TRUE(FindStep(explanation, "adjusted_workdays_counted").empty());
  EXPECT_TRUE(FindStep(explanation, "holidays_skipped").empty());
  json::object period = FindStep(explanation, "holidays_in_period");
  // 09-25 to 10-09: 8 days of the National Day holiday, Saturday 09-27, 6 working days.
  EXPECT_EQ(period.at("days").as_array().size(), 8u);
  EXPECT_EQ(period.at("rest_days").as_int64(), 1);
  EXPECT_EQ(period.at("working_days").as_int64(), 6);
}

TEST(ExplainDeadline, SuspensionAndExtensionSteps) {
  DeadlineRequest request{Local("2026-03-02 10:00"),
                          TimeLimit::WorkingDays(5),
                          {{SuspensionReason::kExpertReview, Local("2026-03-03 14:00"),
                            Local("2026-03-03 16:00"), 3, "soil report"}},
                          {Extension{2, "approved by the head of office"}}};

  auto explanation = Explain(request);

  json::object suspension = FindStep(explanation, "suspension");
  EXPECT_EQ(suspension.at("reasons").as_array()[0].as_string(), "expert_review");
  EXPECT_EQ(suspension.at("notes").as_array()[0].as_string(), "soil report");
  EXPECT_EQ(suspension.at("outcome").as_string(), "excluded");
  EXPECT_EQ(suspension.at("excluded_seconds").as_int64(), 7200);
  EXPECT_EQ(suspension.at("extension_days").as_int64(), 3);
  EXPECT_EQ(FindStep(explanation, "extension").at("days").as_int64(), 2);
}

TEST(ExplainDeadline, SuspendedNowHasNoDeadline) {
  DeadlineRequest request{
      Local("2026-03-02 10:00"),
      TimeLimit::WorkingDays(5),
      {{SuspensionReason::kHearing, Local("2026-03-04 10:00"), std::nullopt, 0, ""}},
      {}};

  auto explanation = Explain(request);

  EXPECT_EQ(explanation.at("state").as_string(), "suspended");
  EXPECT_TRUE(explanation.at("deadline").is_null());
  json::object suspended = FindStep(explanation, "suspended");
  EXPECT_EQ(suspended.at("used_seconds").as_int64(), 8 * 3600);
  EXPECT_TRUE(FindStep(explanation, "suspension").at("to").is_null());
}

TEST(ExplainDeadline, FlagsUnpublishedYear) {
  auto explanation = Explain({Local("2026-12-24 10:00"), TimeLimit::WorkingDays(10), {}, {}});

  json::object flag = FindStep(explanation, "calendar_not_published");
  ASSERT_FALSE(flag.empty());
  EXPECT_EQ(flag.at("years").as_array()[0].as_int64(), 2027);
  EXPECT_NE(
      std::string(flag.at("message").as_string()).find("calendar not published for year 2027"),
      std::string::npos);
}

TEST(ExplainDeadline, RolledStartIsShown) {
  DeadlineRequest request{Local("2026-03-06 19:00"), TimeLimit::WorkingDays(3), {}, {}};
  auto deadline = ComputeDeadline(ChinaCalendar(), request, DeadlineOptions{true});
  ASSERT_TRUE(deadline);

  auto explanation = ExplainDeadline(ChinaCalendar(), request, *deadline);

  json::object rolled = FindStep(explanation, "rolled_to_opening");
  EXPECT_EQ(rolled.at("local").as_string(), "2026-03-09T09:00:00+08:00");
}

TEST(ExplainDeadline, ImmediateItem) {
  auto explanation = Explain({Local("2026-03-02 10:00"), TimeLimit::Immediate(), {}, {}});

  EXPECT_EQ(explanation.at("state").as_string(), "no_deadline");
  EXPECT_FALSE(FindStep(explanation, "no_deadline").empty());
}

}  // namespace
}  // namespace mingjing::calendar
