#include "procurement/price_screens.h"

#include <gtest/gtest.h>

#include <cmath>

namespace mingjing::procurement {
namespace {

// Four evenly spaced bids: mean 115, s = √(500/3) ≈ 12.9099, symmetric, so SKEW = 0; the
// standardized fourth powers sum to 2 · (1.35² + 0.15²) = 3.69, so KURT = 20/6 · 3.69 − 13.5.
TEST(ComputePriceScreens, EvenlySpacedBids) {
  PriceScreens screens = ComputePriceScreens({130, 100, 120, 110});

  EXPECT_EQ(screens.bid_count, 4);
  ASSERT_TRUE(screens.cv);
  EXPECT_NEAR(*screens.cv, std::sqrt(500.0 / 3.0) / 115.0, 1e-12);
  ASSERT_TRUE(screens.spd);
  EXPECT_NEAR(*screens.spd, 0.3, 1e-12);
  ASSERT_TRUE(screens.diffp);
  EXPECT_NEAR(*screens.diffp, 0.1, 1e-12);
  ASSERT_TRUE(screens.rd);
  EXPECT_NEAR(*screens.rd, 1.0, 1e-12);  // losing bids 110, 120, 130 have s = 10
  ASSERT_TRUE(screens.rdnor);
  EXPECT_NEAR(*screens.rdnor, 1.0, 1e-12);
  ASSERT_TRUE(screens.rdalt);
  EXPECT_NEAR(*screens.rdalt, 1.0, 1e-12);
  ASSERT_TRUE(screens.skew);
  EXPECT_NEAR(*screens.skew, 0.0, 1e-12);
  ASSERT_TRUE(screens.kurt);
  EXPECT_NEAR(*screens.kurt, -1.2, 1e-12);
  // The uniform reference spans 115 ± √3·s = 115 ± 22.3607; the lowest bid sits at 0.16459 of
  // it while the empirical distribution is still 0 just below it.
  ASSERT_TRUE(screens.ks);
  EXPECT_NEAR(*screens.ks, 0.5 - 15.0 / (2 * std::sqrt(3.0) * std::sqrt(500.0 / 3.0)), 1e-12);
}

// Three cover bids close together and one far above: mean 105.75, s = √(272.75/3).
TEST(ComputePriceScreens, CoverBidPattern) {
  PriceScreens screens = ComputePriceScreens({100, 101, 102, 120});

  EXPECT_NEAR(*screens.cv, 0.0901657036, 1e-9);
  EXPECT_NEAR(*screens.spd, 0.2, 1e-12);
  EXPECT_NEAR(*screens.diffp, 0.01, 1e-12);
  EXPECT_NEAR(*screens.rd, 1.0 / std::sqrt(114.0 + 1.0 / 3.0), 1e-12);  // s(101, 102, 120)
  EXPECT_NEAR(*screens.rdnor, 0.15, 1e-12);                             // 1 · 3 / 20
  EXPECT_NEAR(*screens.rdalt, 2.0 / 19.0, 1e-12);                       // 1 · 2 / 19
  EXPECT_NEAR(*screens.skew, 1.9561248440, 1e-9);
  EXPECT_NEAR(*screens.kurt, 3.8542865088, 1e-9);
  EXPECT_NEAR(*screens.ks, 0.3635321579, 1e-9);  // at the third bid: 0.75 − 0.38647
}

TEST(ComputePriceScreens, TwoBidsGiveOnlyPairScreens) {
  PriceScreens screens = ComputePriceScreens({200, 100});

  EXPECT_EQ(screens.bid_count, 2);
  EXPECT_NEAR(*screens.cv, std::sqrt(5000.0) / 150.0, 1e-12);
  EXPECT_NEAR(*screens.spd, 1.0, 1e-12);
  EXPECT_NEAR(*screens.diffp, 1.0, 1e-12);
  EXPECT_FALSE(screens.rd);
  EXPECT_FALSE(screens.rdnor);
  EXPECT_FALSE(screens.rdalt);
  EXPECT_FALSE(screens.skew);
  EXPECT_FALSE(screens.kurt);
  EXPECT_FALSE(screens.ks);
}

TEST(ComputePriceScreens, ThreeBidsHaveNoKurtosis) {
  PriceScreens screens = ComputePriceScreens({100, 110, 130});

  EXPECT_TRUE(screens.rd);
  EXPECT_TRUE(screens.skew);
  EXPECT_TRUE(screens.ks);
  EXPECT_FALSE(screens.kurt);
}

TEST(ComputePriceScreens, OneBidHasNoScreens) {
  PriceScreens screens = ComputePriceScreens({100});

  EXPECT_EQ(screens.bid_count, 1);
  for (Screen screen : kAllScreens) {
    EXPECT_FALSE(screens.Value(screen)) << ScreenName(screen);
  }
}

TEST(ComputePriceScreens, IgnoresMissingAndNonPositiveBids) {
  PriceScreens screens = ComputePriceScreens({0, -5, NAN, INFINITY, 100, 110});

  EXPECT_EQ(screens.bid_count, 2);
  EXPECT_NEAR(*screens.diffp, 0.1, 1e-12);
}

// Identical losing bids leave RD and RDALT undefined, since their gaps and spread are zero.
TEST(ComputePriceScreens, IdenticalLosingBids) {
  PriceScreens screens = ComputePriceScreens({100, 105, 105, 105});

  EXPECT_FALSE(screens.rd);
  EXPECT_FALSE(screens.rdalt);
  ASSERT_TRUE(screens.rdnor);
  EXPECT_NEAR(*screens.rdnor, 3.0, 1e-12);  // the whole range is the lowest gap
}

TEST(ComputePriceScreens, IdenticalBidsHaveNoShapeScreens) {
  PriceScreens screens = ComputePriceScreens({100, 100, 100, 100});

  EXPECT_NEAR(*screens.cv, 0.0, 1e-12);
  EXPECT_NEAR(*screens.spd, 0.0, 1e-12);
  EXPECT_FALSE(screens.rdnor);
  EXPECT_FALSE(screens.skew);
  EXPECT_FALSE(screens.kurt);
  EXPECT_FALSE(screens.ks);
}

TEST(ScreenMinimumBids, MatchesComputedScreens) {
  std::vector<double> bids = {100, 103, 107, 112, 118};
  for (Screen screen : kAllScreens) {
    int minimum = ScreenMinimumBids(screen);
    std::vector<double> enough(bids.begin(), bids.begin() + minimum);
    std::vector<double> too_few(bids.begin(), bids.begin() + minimum - 1);
    EXPECT_TRUE(ComputePriceScreens(enough).Value(screen)) << ScreenName(screen);
    EXPECT_FALSE(ComputePriceScreens(too_few).Value(screen)) << ScreenName(screen);
  }
}

}  // namespace
}  // namespace mingjing::procurement
