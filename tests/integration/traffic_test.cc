// The conformance kit and the simulator against a real loopback server of the demo city: every
// check of the kit passes, and a short simulation stores cases of every kind with the traces that
// the supervision rules look for.
#include <gtest/gtest.h>

#include "catalog/item_store.h"
#include "demo/simulator.h"
#include "demo_server_fixture.h"
#include "exchange/conformance.h"
#include "exchange/event.h"

namespace mingjing {
namespace {

class TrafficTest : public testing::DemoServerFixture {
 protected:
  // Gives one item a standard fee, which the demo catalogue lacks, so that fee_above_standard
  // cases have an item to run on.
  void ChargeOneItem() {
    catalog::ItemQuery query;
    query.division_scope = "511602";
    query.type = catalog::ItemType::kLicensing;
    query.page_size = 1;
    auto page = catalog::SearchItems(db(), query);
    ASSERT_FALSE(page.items.empty());
    catalog::ItemChange change;
    change.fee = catalog::Fee{false, 5000, "测试用收费依据"};
    auto changed = catalog::UpdateItem(db(), ledger_, {"cli:test", ""}, page.items.front().id,
                                       change, 0, clock_);
    ASSERT_TRUE(changed.has_value()) << changed.error().message;
  }

  int64_t CountSimulated(const std::string& condition) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << "SELECT count(*) FROM cases WHERE case_number LIKE 'SIM-%' AND " + condition,
        soci::into(n);
    return n;
  }
};

TEST_F(TrafficTest, ConformanceKitPassesEveryCheck) {
  exchange::SignedClient client = Client();
  auto checks = exchange::RunConformance(client, clock_);
  EXPECT_GE(checks.size(), 13u);
  for (const auto& check : checks) EXPECT_TRUE(check.passed) << check.name << ": " << check.detail;
}

TEST_F(TrafficTest, ConformanceKitFailsWithWrongSecret) {
  exchange::SignedClient client = Client("not-the-secret");
  auto checks = exchange::RunConformance(client, clock_);
  ASSERT_FALSE(checks.empty());
  EXPECT_FALSE(checks.front().passed);
}

TEST_F(TrafficTest, SimulatorSendsEveryKind) {
  ChargeOneItem();
  exchange::SignedClient client = Client();
  demo::SimulatorOptions options;
  options.cases_per_second = 1000;
  options.max_cases = 2 * static_cast<int64_t>(demo::AllCaseKinds().size());
  options.seed = 7;
  options.run_id = "test";
  demo::Simulator simulator(client, options, clock_);
  auto loaded = simulator.LoadCatalogue();
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;

  std::atomic<bool> stop{false};
  demo::SimulationSummary summary = simulator.Run(stop);
  EXPECT_TRUE(summary.skipped_kinds.empty());
  EXPECT_EQ(summary.failed_requests, 0);
  EXPECT_EQ(summary.rejected, 0);
  for (demo::CaseKind kind : demo::AllCaseKinds()) {
    EXPECT_EQ(summary.cases[kind], 2) << demo::CaseKindName(kind);
  }
  EXPECT_GE(summary.new_versions, 2);

  EXPECT_EQ(CountSimulated("state = 'not_accepted'"), 2);
  EXPECT_EQ(CountSimulated("return_count = 2"), 2);
  EXPECT_EQ(CountSimulated("suspension_count = 2"), 2);
  EXPECT_EQ(CountSimulated("fee_count = 1"), 4);
  EXPECT_EQ(CountSimulated("query_code_hash <> ''"), options.max_cases);
  auto lease = db().Acquire();
  long long alarms = 0;
  *lease << "SELECT count(*) FROM tamper_alarms", soci::into(alarms);
  EXPECT_GE(alarms, 4);  // a resend and a late correction on each altered case
}

TEST(SimulatorPlanTest, LateCaseEndsAfterDeadline) {
  demo::SimItem item{"ITEM-1",  "licensing", 3, "511602", calendar::TimeLimit::WorkingDays(10),
                     true,      0,           {"受理", "审查", "决定", "办结"}};
  demo::CaseTimes times{1'768'000'000, 1'769'000'000, 1'770'000'000};
  std::mt19937_64 rng(1);
  auto plan = demo::PlanCase(demo::CaseKind::kLate, item, times, "SIM-X-1", rng);
  ASSERT_FALSE(plan.first.empty());
  auto completed = exchange::ParseRfc3339(plan.first.back().at("occurred_at").as_string());
  ASSERT_TRUE(completed.has_value());
  EXPECT_EQ(plan.first.back().at("event_type").as_string(), "completed");
  EXPECT_GT(*completed, times.deadline);
  EXPECT_LE(*completed, times.now);
}

TEST(SimulatorPlanTest, SkippedStepLeavesOutFirstMiddleStep) {
  demo::SimItem item{"ITEM-1",  "licensing", 3, "511602", calendar::TimeLimit::WorkingDays(10),
                     true,      0,           {"受理", "审查", "决定", "办结"}};
  demo::CaseTimes times{1'769'900'000, 1'771'000'000, 1'770'000'000};
  std::mt19937_64 rng(1);
  auto plan = demo::PlanCase(demo::CaseKind::kSkippedStep, item, times, "SIM-X-2", rng);
  for (const auto& e : plan.first) {
    if (auto* step = e.if_contains("step_code")) EXPECT_NE(step->as_string(), "审查");
    auto at = exchange::ParseRfc3339(e.at("occurred_at").as_string());
    ASSERT_TRUE(at.has_value());
    EXPECT_LE(*at, times.now);
  }
}

}  // namespace
}  // namespace mingjing
