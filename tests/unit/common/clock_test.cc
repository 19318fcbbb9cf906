#include "common/clock.h"

#include <gtest/gtest.h>

namespace mingjing {
namespace {

TEST(ManualClock, AdvancesOnlyWhenTold) {
  ManualClock clock(TimePoint(std::chrono::seconds(1'770'000'000)));
  EXPECT_EQ(clock.NowSeconds(), 1'770'000'000);

  clock.Advance(std::chrono::minutes(2));
  EXPECT_EQ(clock.NowSeconds(), 1'770'000'120);
}

TEST(FormatRfc3339, PrintsUtcSeconds) {
  EXPECT_EQ(FormatRfc3339(TimePoint(std::chrono::seconds(0))), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(TimePoint(std::chrono::milliseconds(1'770'000'000'999))),
            "2026-02-02T02:40:00Z");
}

}  // namespace
}  // namespace mingjing
