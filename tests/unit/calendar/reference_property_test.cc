// Compares the prefix-sum results of WorkingCalendar and ComputeDeadline with the day-by-day
// ReferenceCalendar over thousands of random inputs from 2015 to 2026. The seed is fixed so a
// failure reproduces; each failure prints the inputs.
#include <gtest/gtest.h>

#include <random>

#include "calendar/deadline.h"
#include "calendar/reference_calendar.h"
#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::ChinaCalendar;
using testing::Date;
using testing::LocalText;

constexpr int kRounds = 4000;

class ReferenceProperty : public ::testing::Test {
 protected:
  ReferenceProperty()
      : calendar_(ChinaCalendar()), reference_(calendar_.schedules(), calendar_.hours()) {}

  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  LocalDate RandomDate() {
    static const LocalDate first = Date("2015-01-01");
    static const LocalDate last = Date("2026-12-31");
    return first + days(Uniform(0, int((last - first).count())));
  }

  // Half the instants fall on a whole quarter hour, so that period edges such as 12:00 and 17:30
  // come up often. The other half fall on any second of the day.
  TimePoint RandomInstant() {
    int second = Uniform(0, 1) == 0 ? Uniform(0, 95) * 900 : Uniform(0, 86'399);
    return FromLocal(RandomDate(), seconds(second));
  }

  TimeLimit RandomLimit() {
    switch (Uniform(0, 4)) {
      case 0:
        return TimeLimit::WorkingDays(Uniform(1, 60));
      case 1:
        return TimeLimit::CalendarDays(Uniform(1, 90));
      case 2:
        return TimeLimit::Months(Uniform(1, 14));
      case 3:
        return TimeLimit::Years(Uniform(1, 2));
      default:
        return TimeLimit::WorkingHours(Uniform(1, 40));
    }
  }

  // Up to three suspensions that do not overlap, starting after `start`; the last may be open.
  std::vector<Suspension> RandomSuspensions(TimePoint start) {
    std::vector<Suspension> suspensions;
    TimePoint cursor = start - std::chrono::hours(Uniform(0, 30));
    int count = Uniform(0, 3);
    for (int i = 0; i < count; ++i) {
      Suspension suspension;
      suspension.reason = SuspensionReason::kCorrection;
      suspension.start = cursor + minutes(Uniform(1, 20 * 24 * 60));
      suspension.end = suspension.start + minutes(Uniform(1, 10 * 24 * 60));
      suspension.extension_days = Uniform(0, 1) == 0 ? 0 : Uniform(1, 5);
      if (i == count - 1 && Uniform(0, 5) == 0) suspension.end.reset();
      cursor = suspension.end.value_or(suspension.start);
      suspensions.push_back(suspension);
    }
    return suspensions;
  }

  const WorkingCalendar& calendar_;
  ReferenceCalendar reference_;
  std::mt19937 random_{20260212};
};

TEST_F(ReferenceProperty, WorkingDaysMatch) {
  for (int round = 0; round < kRounds; ++round) {
    LocalDate date = RandomDate();
    int n = Uniform(1, 120);

    ASSERT_EQ(calendar_.IsWorkingDay(date), reference_.IsWorkingDay(date)) << FormatDate(date);
    ASSERT_EQ(*calendar_.AddWorkingDays(date, n), reference_.AddWorkingDays(date, n))
        << FormatDate(date) << " + " << n;
  }
}

TEST_F(ReferenceProperty, WorkingTimeBetweenMatches) {
  for (int round = 0; round < kRounds; ++round) {
    TimePoint from = RandomInstant();
    TimePoint to = from + minutes(Uniform(-60 * 24 * 60, 60 * 24 * 60));

    ASSERT_EQ(*calendar_.WorkingTimeBetween(from, to), reference_.WorkingTimeBetween(from, to))
        << LocalText(from) << " to " << LocalText(to);
  }
}

TEST_F(ReferenceProperty, AddWorkingTimeMatches) {
  for (int round = 0; round < kRounds; ++round) {
    TimePoint from = RandomInstant();
    seconds amount =
        Uniform(0, 1) == 0 ? seconds(Uniform(1, 200) * 900) : seconds(Uniform(1, 40 * 7 * 3600));

    ASSERT_EQ(*calendar_.AddWorkingTime(from, amount), reference_.AddWorkingTime(from, amount))
        << LocalText(from) << " + " << amount.count() << " s";
  }
}

TEST_F(ReferenceProperty, DeadlinesMatch) {
  int suspended = 0;
  for (int round = 0; round < kRounds; ++round) {
    DeadlineRequest request;
    request.start = RandomInstant();
    request.limit = RandomLimit();
    request.suspensions = RandomSuspensions(request.start);
    if (Uniform(0, 3) == 0) request.extensions.push_back({Uniform(1, 10), "extension"});
    DeadlineOptions options{Uniform(0, 3) == 0};

    auto deadline = ComputeDeadline(calendar_, request, options);
    std::optional<TimePoint> expected = reference_.Deadline(request, options);

    ASSERT_TRUE(deadline) << deadline.error().message;
    std::string inputs =
        LocalText(request.start) + " " + std::string(LimitUnitName(request.limit.unit)) + " " +
        std::to_string(request.limit.amount) + ", " + std::to_string(request.suspensions.size()) +
        " suspensions, roll " + std::to_string(options.roll_outside_hours_to_next_opening);
    ASSERT_EQ(deadline->deadline.has_value(), expected.has_value()) << inputs;
    if (expected) {
      ASSERT_EQ(LocalText(*deadline->deadline), LocalText(*expected)) << inputs;
    } else {
      ++suspended;
    }
  }
  // The generator must exercise the open-suspension path, not only finished ones.
  EXPECT_GT(suspended, 50);
}

}  // namespace
}  // namespace mingjing::calendar
