#include "notify/rate_limit.h"

#include <gtest/gtest.h>

namespace mingjing::notify {
namespace {

using Ids = std::vector<int64_t>;

constexpr int64_t kNow = 1'770'000'000;
const SmsRateLimit kLimit{.max_messages = 10, .window_seconds = 3600};

TEST(PlanSms, NothingDueNothingPlanned) {
  SmsPlan plan = PlanSms(kLimit, {}, {}, kNow);
  EXPECT_TRUE(plan.send.empty());
  EXPECT_TRUE(plan.merge.empty());
  EXPECT_EQ(plan.delay_until, 0);
}

TEST(PlanSms, SendsAllWithinLimit) {
  SmsPlan plan = PlanSms(kLimit, {kNow - 100, kNow - 200}, {1, 2, 3}, kNow);
  EXPECT_EQ(plan.send, (Ids{1, 2, 3}));
  EXPECT_TRUE(plan.merge.empty());
  EXPECT_EQ(plan.delay_until, 0);
}

TEST(PlanSms, MergesOverflowIntoLastSlot) {
  // 7 slots used, 3 free, 5 due: two go alone and three share the last slot.
  std::vector<int64_t> recent(7, kNow - 60);
  SmsPlan plan = PlanSms(kLimit, recent, {11, 12, 13, 14, 15}, kNow);
  EXPECT_EQ(plan.send, (Ids{11, 12}));
  EXPECT_EQ(plan.merge, (Ids{13, 14, 15}));
  EXPECT_EQ(plan.delay_until, 0);
}

TEST(PlanSms, OneFreeSlotMergesEverything) {
  std::vector<int64_t> recent(9, kNow - 60);
  SmsPlan plan = PlanSms(kLimit, recent, {1, 2}, kNow);
  EXPECT_TRUE(plan.send.empty());
  EXPECT_EQ(plan.merge, (Ids{1, 2}));
}

TEST(PlanSms, OneFreeSlotSendsSingleRowAlone) {
  std::vector<int64_t> recent(9, kNow - 60);
  SmsPlan plan = PlanSms(kLimit, recent, {1}, kNow);
  EXPECT_EQ(plan.send, (Ids{1}));
  EXPECT_TRUE(plan.merge.empty());
}

TEST(PlanSms, FullWindowDelaysUntilOldestLeaves) {
  std::vector<int64_t> recent;
  for (int i = 0; i < 10; ++i) recent.push_back(kNow - 3000 + i * 10);
  SmsPlan plan = PlanSms(kLimit, recent, {1, 2}, kNow);
  EXPECT_TRUE(plan.send.empty());
  EXPECT_TRUE(plan.merge.empty());
  EXPECT_EQ(plan.delay_until, kNow - 3000 + 3600);
}

TEST(PlanSms, OverfullWindowWaitsForEnoughSlots) {
  // 12 sends in the window (a limit lowered meanwhile): three must leave before one slot frees.
  std::vector<int64_t> recent;
  for (int i = 0; i < 12; ++i) recent.push_back(kNow - 3000 + i);
  SmsPlan plan = PlanSms(kLimit, recent, {1}, kNow);
  EXPECT_EQ(plan.delay_until, kNow - 3000 + 2 + 3600);
}

TEST(PlanSms, SendsOutsideWindowDoNotCount) {
  std::vector<int64_t> recent(10, kNow - 3600);  // exactly one window ago: already outside
  SmsPlan plan = PlanSms(kLimit, recent, {1}, kNow);
  EXPECT_EQ(plan.send, (Ids{1}));
  EXPECT_EQ(plan.delay_until, 0);
}

TEST(PlanSms, NeverExceedsLimitOverManyPasses) {
  // Twenty notices arriving one per minute: ten SMS in the first hour, the rest waits.
  std::vector<int64_t> sends;
  int64_t now = kNow;
  Ids due;
  for (int64_t id = 1; id <= 20; ++id, now += 60) {
    due.push_back(id);
    SmsPlan plan = PlanSms(kLimit, sends, due, now);
    if (plan.delay_until != 0) continue;
    for (size_t i = 0; i < plan.send.size(); ++i) sends.push_back(now);
    if (!plan.merge.empty()) sends.push_back(now);
    due.clear();
  }
  EXPECT_EQ(sends.size(), 10u);
  EXPECT_EQ(due.size(), 10u);
}

}  // namespace
}  // namespace mingjing::notify
