#include "procurement/outlier_fences.h"

#include <gtest/gtest.h>

namespace mingjing::procurement {
namespace {

TEST(Quantile, FollowsHyndmanFanDefinitionEight) {
  // h = (n + 1/3)p + 1/3; for n = 9 and p = 0.25, h = 8/3, between the 2nd and 3rd values.
  std::vector<double> sorted = {0, 0, 100, 100, 100, 100, 100, 100, 100};
  EXPECT_NEAR(Quantile(sorted, 0.25), 200.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(Quantile(sorted, 0.75), 100.0);
}

TEST(Quantile, ClampsToMinimumAndMaximum) {
  std::vector<double> sorted = {1, 2};
  EXPECT_DOUBLE_EQ(Quantile(sorted, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(Quantile(sorted, 0.25), 1.0);  // h < 1
  EXPECT_DOUBLE_EQ(Quantile(sorted, 0.75), 2.0);  // h ≥ n
  EXPECT_DOUBLE_EQ(Quantile(sorted, 1.0), 2.0);
}

TEST(Quantile, SingleValue) {
  EXPECT_DOUBLE_EQ(Quantile({0.5}, 0.25), 0.5);
  EXPECT_DOUBLE_EQ(Quantile({0.5}, 0.75), 0.5);
}

TEST(ComputeFences, ComputesTukeyFences) {
  auto fences = ComputeFences({100, 0, 100, 100, 0, 100, 100, 100, 100});
  ASSERT_TRUE(fences);
  EXPECT_NEAR(fences->q1, 66.6667, 1e-4);
  EXPECT_DOUBLE_EQ(fences->q3, 100.0);
  EXPECT_NEAR(fences->lower, 16.6667, 1e-4);
  EXPECT_NEAR(fences->upper, 150.0, 1e-9);
  EXPECT_FALSE(fences->Degenerate());
}

TEST(ComputeFences, EmptyHasNoFences) { EXPECT_FALSE(ComputeFences({})); }

TEST(ComputeFences, AllZeroIsDegenerate) {
  auto fences = ComputeFences({0, 0, 0, 0, 0, 0, 1});
  ASSERT_TRUE(fences);
  EXPECT_TRUE(fences->Degenerate());
}

}  // namespace
}  // namespace mingjing::procurement
