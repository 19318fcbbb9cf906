#include "notify/retry.h"

#include <gtest/gtest.h>

namespace mingjing::notify {
namespace {

TEST(RetryDelay, DoublesFromBase) {
  RetryPolicy policy{.base_delay_seconds = 30, .max_delay_seconds = 3600, .max_attempts = 8};
  EXPECT_EQ(RetryDelaySeconds(policy, 1), 30);
  EXPECT_EQ(RetryDelaySeconds(policy, 2), 60);
  EXPECT_EQ(RetryDelaySeconds(policy, 3), 120);
  EXPECT_EQ(RetryDelaySeconds(policy, 7), 1920);
}

TEST(RetryDelay, StopsAtCap) {
  RetryPolicy policy{.base_delay_seconds = 30, .max_delay_seconds = 3600, .max_attempts = 8};
  EXPECT_EQ(RetryDelaySeconds(policy, 8), 3600);
  EXPECT_EQ(RetryDelaySeconds(policy, 1000), 3600);
}

TEST(RetryDelay, ZeroAttemptsWaitsBase) {
  RetryPolicy policy;
  EXPECT_EQ(RetryDelaySeconds(policy, 0), policy.base_delay_seconds);
}

TEST(RetryLimit, ExhaustedAtMaxAttempts) {
  RetryPolicy policy{.max_attempts = 3};
  EXPECT_FALSE(AttemptsExhausted(policy, 1));
  EXPECT_FALSE(AttemptsExhausted(policy, 2));
  EXPECT_TRUE(AttemptsExhausted(policy, 3));
  EXPECT_TRUE(AttemptsExhausted(policy, 4));
}

}  // namespace
}  // namespace mingjing::notify
