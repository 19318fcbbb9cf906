// The demo city: Guang'an City's real divisions, the real departments of Guang'an District and
// a few of the neighbouring Yuechi County, one account for each role, and an API key for a demo
// business system. Idempotent: a second run finds the accounts and changes nothing.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "crypto/password.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::demo {

struct DemoAccount {
  std::string username;
  std::string display_name;
  std::string role;
  std::string division_code;
  std::string department;  // empty for accounts without a department
};

struct DemoSeedResult {
  bool already_seeded = false;
  std::vector<DemoAccount> accounts;
  std::string password;        // shared by the demo accounts; empty when already seeded
  std::string api_key_id;      // the demo business system's key
  std::string api_key_secret;  // shown once; empty when already seeded
  int64_t departments = 0;
  int64_t service_items = 0;
  int64_t calendar_years = 0;
};

struct DemoSeedOptions {
  // divisions/, guangan-district-departments.json and guangan-district-items.json
  std::string data_dir = "data/demo";
  // YYYY.json holiday schedules; empty: the calendar/ folder beside data_dir
  std::string calendar_dir;
  std::string password;  // empty: a random one is generated
  crypto::PasswordHashCost hash_cost = crypto::kModeratePasswordCost;
};

Result<DemoSeedResult> SeedDemo(store::Database& db, ledger::Ledger& ledger, const Clock& clock,
                                const DemoSeedOptions& options);

}  // namespace mingjing::demo
