// Suspended clocks and extensions, worked out by hand. Working hours 09:00-12:00, 13:30-17:30
// (7 hours a day). The base case is accepted Monday 2026-03-02 10:00 with 5 working days:
// 03-03 (1), 04 (2), 05 (3), 06 (4), 09 (5), so the deadline without suspensions is 03-09 17:30.
#include "calendar/suspension.h"

#include <gtest/gtest.h>

#include "calendar/deadline.h"
#include "calendar_fixture.h"

namespace mingjing::calendar {
namespace {

using std::chrono::hours;
using testing::ChinaCalendar;
using testing::Local;
using testing::LocalText;

Suspension Suspended(SuspensionReason reason, const char* from, const char* to,
                     int extension_days = 0) {
  return Suspension{reason, Local(from), Local(to), extension_days, ""};
}

Suspension StillSuspended(SuspensionReason reason, const char* from) {
  return Suspension{reason, Local(from), std::nullopt, 0, ""};
}

DeadlineRequest FiveWorkingDays(std::vector<Suspension> suspensions,
                                std::vector<Extension> extensions = {}) {
  return {Local("2026-03-02 10:00"), TimeLimit::WorkingDays(5), std::move(suspensions),
          std::move(extensions)};
}

TEST(Suspension, TwoFullDaysMoveDeadline) {
  // Wednesday and Thursday excluded (14 h): 03-09 plus two working days is Wednesday 03-11.
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kCorrection, "2026-03-04 09:00", "2026-03-06 09:00")});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline) << deadline.error().message;
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-11 17:30");
  ASSERT_EQ(deadline->suspensions.size(), 1u);
  EXPECT_EQ(deadline->suspensions[0].outcome, SuspensionOutcome::kExcluded);
  EXPECT_EQ(deadline->suspensions[0].excluded, hours(14));
  EXPECT_EQ(deadline->allowed, hours(35));
}

TEST(Suspension, PartialDayRoundsUpWithExtension) {
  // Expert review Tuesday 14:00-16:00 excludes 2 h and grants 3 working days: 03-09 17:30 plus
  // 2 h is 03-10 11:00, plus 21 h is 03-13 11:00, rounded up to close of business.
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kExpertReview, "2026-03-03 14:00", "2026-03-03 16:00", 3)});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-13 17:30");
  EXPECT_EQ(deadline->suspensions[0].excluded, hours(2));
  EXPECT_EQ(deadline->extension_days, 3);
}

TEST(Suspension, OpenSuspensionStopsTheClock) {
  // Used before the stop: Tuesday (7 h) and Wednesday 09:00-10:00 (1 h).
  auto request = FiveWorkingDays({StillSuspended(SuspensionReason::kHearing, "2026-03-04 10:00")});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->state, DeadlineState::kSuspended);
  EXPECT_FALSE(deadline->deadline);
  EXPECT_EQ(LocalText(*deadline->suspended_since), "2026-03-04 10:00");
  EXPECT_EQ(deadline->used_when_suspended, hours(8));
  EXPECT_EQ(deadline->allowed, hours(35));
}

TEST(Suspension, OnAcceptanceDayExcludesNothing) {
  // The day of acceptance is not counted, so stopping the clock on it changes nothing.
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kCorrection, "2026-03-02 14:00", "2026-03-02 16:00")});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-09 17:30");
  EXPECT_EQ(deadline->suspensions[0].outcome, SuspensionOutcome::kBeforeCounting);
}

TEST(Suspension, StartingOnAcceptanceDayCountsFromNextDay) {
  // Monday 14:00 to Wednesday 10:00 excludes Tuesday and one hour of Wednesday: 03-09 17:30
  // plus 8 h is 03-11 10:00, rounded up to close of business.
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kCorrection, "2026-03-02 14:00", "2026-03-04 10:00")});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->suspensions[0].excluded, hours(8));
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-11 17:30");
}

TEST(Suspension, AfterDeadlineIsIgnored) {
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kTesting, "2026-03-10 10:00", "2026-03-11 10:00", 5)});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-09 17:30");
  EXPECT_EQ(deadline->suspensions[0].outcome, SuspensionOutcome::kAfterDeadline);
  EXPECT_EQ(deadline->extension_days, 0);
}

TEST(Suspension, StartingInRoundedGraceStillCounts) {
  // A first suspension of 2 h moves the limit to 03-10 11:00, rounded to 03-10 17:30. A second
  // one starting 03-10 14:00, before that deadline, still counts: 1 h more moves the limit to
  // 03-10 12:00, still Tuesday.
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kCorrection, "2026-03-03 09:00", "2026-03-03 11:00"),
       Suspended(SuspensionReason::kInspection, "2026-03-10 14:00", "2026-03-10 15:00")});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  ASSERT_EQ(deadline->suspensions.size(), 2u);
  EXPECT_EQ(deadline->suspensions[1].outcome, SuspensionOutcome::kExcluded);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-10 17:30");
}

TEST(Suspension, AcrossSpringFestival) {
  // Accepted 02-09, 5 working days: 10, 11, 12, 13, Saturday 14 worked. Suspended 02-12 09:00 to
  // 02-25 09:00: 12, 13, 14 and 24 excluded (28 h), so 02-14 plus four working days: 24, 25, 26,
  // 27. By hand the other way: 10 and 11 used, three days left from 02-25: 25, 26, 27.
  DeadlineRequest request{
      Local("2026-02-09 10:00"),
      TimeLimit::WorkingDays(5),
      {Suspended(SuspensionReason::kAppraisal, "2026-02-12 09:00", "2026-02-25 09:00")},
      {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(deadline->suspensions[0].excluded, hours(28));
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-02-27 17:30");
}

TEST(Suspension, OverlappingSuspensionsExcludeOnce) {
  // Wednesday 09:00 to Thursday 12:00 and Thursday 09:00 to Friday 09:00 merge into Wednesday
  // 09:00 to Friday 09:00: 14 h, as in the single correction above. Their extensions add up.
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kHearing, "2026-03-05 09:00", "2026-03-06 09:00", 1),
       Suspended(SuspensionReason::kCorrection, "2026-03-04 09:00", "2026-03-05 12:00", 1)});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  ASSERT_EQ(deadline->suspensions.size(), 1u);
  EXPECT_EQ(deadline->suspensions[0].excluded, hours(14));
  EXPECT_EQ(deadline->suspensions[0].interval.sources, (std::vector<size_t>{1, 0}));
  // 03-11 plus two extension days: 12, 13.
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-13 17:30");
}

TEST(Suspension, StandaloneExtensionAcrossQingming) {
  // 20 working days from 03-02: 03-30. Ten more (art. 42): 31, 04-01, 02, 03, then Qingming
  // 04-04 to 04-06 off, 07, 08, 09, 10, 13, 14.
  DeadlineRequest request{Local("2026-03-02 10:00"),
                          TimeLimit::WorkingDays(20),
                          {},
                          {Extension{10, "approved by the head of office"}}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-04-14 17:30");
  EXPECT_EQ(deadline->extension_days, 10);
}

TEST(Suspension, CalendarDaysExcludeClockTime) {
  // 10 calendar days from 03-02 end 03-12. Three whole days suspended move the end of 03-12
  // (midnight 03-13) to midnight 03-16, so the last day is Sunday 03-15, moved to Monday 03-16.
  DeadlineRequest request{
      Local("2026-03-02 10:00"),
      TimeLimit::CalendarDays(10),
      {Suspended(SuspensionReason::kInspection, "2026-03-04 00:00", "2026-03-07 00:00")},
      {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-16 17:30");
  EXPECT_EQ(FormatDate(*deadline->reached_day), "2026-03-15");
}

TEST(Suspension, CalendarDaysPartialDayCountsWholeDay) {
  // Two hours suspended carry the end of 03-12 to 02:00 on 03-13, so 03-13 becomes the last day.
  DeadlineRequest request{
      Local("2026-03-02 10:00"),
      TimeLimit::CalendarDays(10),
      {Suspended(SuspensionReason::kInspection, "2026-03-04 10:00", "2026-03-04 12:00")},
      {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-13 17:30");
}

TEST(Suspension, WorkingHoursShiftExactly) {
  // 4 working hours from 09:00 end 14:30; one hour suspended moves that to 15:30.
  DeadlineRequest request{
      Local("2026-03-02 09:00"),
      TimeLimit::WorkingHours(4),
      {Suspended(SuspensionReason::kCorrection, "2026-03-02 10:00", "2026-03-02 11:00")},
      {}};

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_TRUE(deadline);
  EXPECT_EQ(LocalText(*deadline->deadline), "2026-03-02 15:30");
}

TEST(Suspension, RejectsEndBeforeStart) {
  auto request = FiveWorkingDays(
      {Suspended(SuspensionReason::kCorrection, "2026-03-04 09:00", "2026-03-03 09:00")});

  auto deadline = ComputeDeadline(ChinaCalendar(), request);

  ASSERT_FALSE(deadline);
  EXPECT_EQ(deadline.error().field, "suspensions[0].end");
}

TEST(MergeSuspensions, JoinsTouchingAndOpenIntervals) {
  std::vector<Suspension> suspensions = {
      Suspended(SuspensionReason::kCorrection, "2026-03-04 09:00", "2026-03-04 10:00"),
      Suspended(SuspensionReason::kCorrection, "2026-03-04 10:00", "2026-03-04 11:00"),
      StillSuspended(SuspensionReason::kHearing, "2026-03-05 09:00"),
      Suspended(SuspensionReason::kTesting, "2026-03-06 09:00", "2026-03-06 10:00"),
  };

  auto merged = MergeSuspensions(suspensions);

  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(LocalText(*merged[0].end), "2026-03-04 11:00");
  EXPECT_FALSE(merged[1].end);
  EXPECT_EQ(merged[1].sources, (std::vector<size_t>{2, 3}));
}

TEST(SuspensionReason, NamesRoundTrip) {
  for (auto reason : {SuspensionReason::kCorrection, SuspensionReason::kExpertReview,
                      SuspensionReason::kQuarantine, SuspensionReason::kOther}) {
    auto parsed = ParseSuspensionReason(SuspensionReasonName(reason));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, reason);
  }
  EXPECT_FALSE(ParseSuspensionReason("holiday"));
}

}  // namespace
}  // namespace mingjing::calendar
