// The seeded demo city (divisions, departments, the district's catalogue, the holiday calendar
// and the demo business system's key) served over loopback, for tests that act as a business
// system through exchange::SignedClient. As in `mingjing serve`, the default rules judge every
// ingested case and issue its alerts.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "calendar/calendar_store.h"
#include "demo/seed.h"
#include "exchange/signed_client.h"
#include "supervision/alert_service.h"
#include "supervision/judgement_runner.h"
#include "supervision/rule_set.h"
#include "support/api_client.h"
#include "support/test_database.h"

namespace mingjing::testing {

class DemoServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::DemoSeedOptions options;
    options.data_dir = std::string(MINGJING_SOURCE_DIR) + "/data/demo";
    options.password = "Demo-Password-2026";
    options.hash_cost = crypto::kTestOnlyPasswordCost;
    auto seeded = demo::SeedDemo(t_.db(), ledger_, clock_, options);
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
    seed_ = *seeded;
    supervision::EnsureDefaultRules(t_.db(), ledger_, clock_);
    calendars_ = std::make_unique<calendar::CalendarService>(t_.db());
    auto calendar = [this] { return calendars_->Current(); };
    runner_ = std::make_unique<supervision::JudgementRunner>(
        t_.db(), alerts_, supervision::StoredRulesJudgeFactory(t_.db(), calendar), calendar,
        clock_);
    server_ = std::make_unique<ApiServer>(t_.db(), ledger_, clock_);
    server_->context().supervision = runner_.get();
  }

  // A client of the demo business system, signing with the seeded key.
  exchange::SignedClient Client(const std::string& secret = "") {
    return exchange::SignedClient({"127.0.0.1", std::to_string(server_->port())},
                                  seed_.api_key_id, secret.empty() ? seed_.api_key_secret : secret,
                                  clock_);
  }

  store::Database& db() { return t_.db(); }

  TestDatabase t_;
  // Monday 2026-02-02 10:40 in Guang'an, a working day.
  ManualClock clock_{TimePoint(std::chrono::seconds(1'770'000'000))};
  ledger::Ledger ledger_{clock_, std::make_unique<ledger::Sm3Hasher>()};
  demo::DemoSeedResult seed_;
  supervision::AlertService alerts_{ledger_};
  std::unique_ptr<calendar::CalendarService> calendars_;
  std::unique_ptr<supervision::JudgementRunner> runner_;
  std::unique_ptr<ApiServer> server_;
};

}  // namespace mingjing::testing
