#include "procurement/ocds_date.h"

#include <gtest/gtest.h>

namespace mingjing::procurement {
namespace {

constexpr int64_t kSecond = 1'000'000;

TEST(ParseOcdsDate, ReadsUtcDateTime) {
  auto time = ParseOcdsDate("2000-01-01T00:00:00Z");
  ASSERT_TRUE(time);
  EXPECT_EQ(*time, int64_t{946'684'800} * kSecond);
}

TEST(ParseOcdsDate, AppliesOffset) {
  auto utc = ParseOcdsDate("2000-01-01T00:00:00Z");
  auto beijing = ParseOcdsDate("2000-01-01T08:00:00+08:00");
  auto west = ParseOcdsDate("1999-12-31T19:30:00-04:30");
  ASSERT_TRUE(utc && beijing && west);
  EXPECT_EQ(*beijing, *utc);
  EXPECT_EQ(*west, *utc);
}

TEST(ParseOcdsDate, KeepsFractionalSeconds) {
  auto whole = ParseOcdsDate("2000-03-15T00:00:00Z");
  auto fraction = ParseOcdsDate("2000-03-15T00:00:00.250Z");
  ASSERT_TRUE(whole && fraction);
  EXPECT_EQ(*fraction - *whole, 250'000);
}

TEST(ParseOcdsDate, RejectsOtherText) {
  for (const char* text : {"invalid", "", "2000-01-01", "2000-01-01T00:00:00",
                           "2000-02-30T00:00:00Z", "2000-01-01T24:00:00Z", "2000-01-01T00:00:00+8",
                           "2000-01-01T00:00:00Zjunk", "2000-01-01T00:00:00.Z"}) {
    EXPECT_FALSE(ParseOcdsDate(text)) << text;
  }
}

TEST(ParseOcdsDate, HandlesDatesBeforeEpoch) {
  auto time = ParseOcdsDate("1969-12-31T23:59:59Z");
  ASSERT_TRUE(time);
  EXPECT_EQ(*time, -kSecond);
}

}  // namespace
}  // namespace mingjing::procurement
