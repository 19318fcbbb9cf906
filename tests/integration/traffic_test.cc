// The conformance kit and the simulator against a real loopback server of the demo city: every
// check of the kit passes, and a short simulation stores cases of every kind with the traces that
// the supervision rules look for, and raises the cards of every rule the simulator exercises.
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
  int64_t CountSimulated(const std::string& condition) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << "SELECT count(*) FROM cases WHERE case_number LIKE 'SIM-%' AND " + condition,
        soci::into(n);
    return n;
  }

  int64_t CountAlerts(const std::string& rule_code) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << "SELECT count(*) FROM alerts WHERE rule_code = :r", soci::use(rule_code),
        soci::into(n);
    return n;
  }
};

// The seeded catalogue gives the identity card items a standard fee, so fee_above_standard and
// receipt_reused cases have items to run on without any setup.
TEST_F(TrafficTest, SeedChargesIdentityCardFee) {
  auto lease = db().Acquire();
  auto item = catalog::FindItemByCode(*lease, "513A0011200068-511602000000-000-1151130000877869M-1-00");
  ASSERT_TRUE(item.has_value());
  EXPECT_FALSE(item->fee.free);
  EXPECT_EQ(item->fee.amount_fen, 2000);
  EXPECT_NE(item->fee.basis.find("居民身份证法"), std::string::npos) << item->fee.basis;
}

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
  EXPECT_EQ(CountSimulated("fee_count = 1"), 6);
  EXPECT_EQ(CountSimulated("query_code_hash <> ''"), options.max_cases);
  {
    auto lease = db().Acquire();
    long long alarms = 0;
    *lease << "SELECT count(*) FROM tamper_alarms", soci::into(alarms);
    EXPECT_GE(alarms, 4);  // a resend and a late correction on each altered case
  }

  // Every rule that a case kind exists for has raised at least one card. The two receipt_reused
  // cases share one receipt, so each gets a duplicate-receipt card naming the other.
  for (const char* rule :
       {"time.promised", "time.statutory", "procedure.skipped_step", "fee.free_item",
        "fee.above_standard", "fee.receipt_duplicate", "correction.repeated", "return.repeated",
        "refusal.short_reason", "tamper.resend", "tamper.after_completion"}) {
    EXPECT_GE(CountAlerts(rule), 1) << rule;
  }
  EXPECT_EQ(CountAlerts("fee.receipt_duplicate"), 2);
}

TEST(SimulatorPlanTest, LateCaseEndsAfterDeadline) {
  demo::SimItem item{"ITEM-1",
                     "licensing",
                     3,
                     "511602",
                     calendar::TimeLimit::WorkingDays(10),
                     calendar::TimeLimit::WorkingDays(20),
                     true,
                     0,
                     {"受理", "审查", "决定", "办结"}};
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

// times.deadline is the statutory deadline for this kind; the case completes after it.
TEST(SimulatorPlanTest, PastStatutoryEndsAfterDeadline) {
  demo::SimItem item{"ITEM-1",
                     "licensing",
                     3,
                     "511602",
                     calendar::TimeLimit::WorkingDays(10),
                     calendar::TimeLimit::WorkingDays(20),
                     true,
                     0,
                     {"受理", "审查", "决定", "办结"}};
  EXPECT_TRUE(demo::ItemSuits(item, demo::CaseKind::kPastStatutory));
  demo::CaseTimes times{1'766'000'000, 1'769'000'000, 1'770'000'000};
  std::mt19937_64 rng(1);
  auto plan = demo::PlanCase(demo::CaseKind::kPastStatutory, item, times, "SIM-X-3", rng);
  auto completed = exchange::ParseRfc3339(plan.first.back().at("occurred_at").as_string());
  ASSERT_TRUE(completed.has_value());
  EXPECT_EQ(plan.first.back().at("event_type").as_string(), "completed");
  EXPECT_GT(*completed, times.deadline);
  EXPECT_LE(*completed, times.now);
}

TEST(SimulatorPlanTest, ReceiptReusedChargesSharedReceipt) {
  demo::SimItem item{"ITEM-2",
                     "licensing",
                     3,
                     "511602",
                     calendar::TimeLimit::WorkingDays(10),
                     calendar::TimeLimit::WorkingDays(20),
                     false,
                     2000,
                     {"受理", "办结"}};
  EXPECT_TRUE(demo::ItemSuits(item, demo::CaseKind::kReceiptReused));
  demo::CaseTimes times{1'769'900'000, 1'771'000'000, 1'770'000'000};
  std::mt19937_64 rng(1);
  auto plan =
      demo::PlanCase(demo::CaseKind::kReceiptReused, item, times, "SIM-X-4", rng, "SF-RUN-D3");
  int fees = 0;
  for (const auto& e : plan.first) {
    if (e.at("event_type").as_string() != "fee_charged") continue;
    ++fees;
    EXPECT_EQ(e.at("receipt_number").as_string(), "SF-RUN-D3");
    EXPECT_EQ(e.at("amount_fen").as_int64(), 2000);
  }
  EXPECT_EQ(fees, 1);
}

TEST(SimulatorPlanTest, SkippedStepLeavesOutFirstMiddleStep) {
  demo::SimItem item{"ITEM-1",
                     "licensing",
                     3,
                     "511602",
                     calendar::TimeLimit::WorkingDays(10),
                     calendar::TimeLimit::WorkingDays(20),
                     true,
                     0,
                     {"受理", "审查", "决定", "办结"}};
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
