// A small organisation for tests: Guang'an City with two counties and departments in each.
#pragma once

#include <gtest/gtest.h>

#include "crypto/password.h"
#include "org/department.h"
#include "org/division.h"
#include "org/user.h"
#include "support/test_database.h"

namespace mingjing::testing {

class OrgFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto imported = org::ImportDivisions(
        db(), ledger_, actor_, std::string(MINGJING_SHARED_DATA) + "/divisions-cn", "5116");
    ASSERT_TRUE(imported.has_value()) << imported.error().message;
    auto civil =
        org::CreateDepartment(db(), ledger_, actor_, {0, "511602", "", "区民政局"}, clock_);
    ASSERT_TRUE(civil.has_value());
    civil_affairs_ = *civil;
    auto yuechi =
        org::CreateDepartment(db(), ledger_, actor_, {0, "511621", "", "岳池县民政局"}, clock_);
    ASSERT_TRUE(yuechi.has_value());
    yuechi_affairs_ = *yuechi;
  }

  // Creates an account with the test-only password cost.
  org::User MakeUser(const std::string& name, std::vector<org::Role> roles,
                     const std::string& division, int64_t department = 0) {
    org::NewUser u{name,          name, division,         department,
                   "13800138000", "",   std::move(roles), kPassword};
    auto created = org::CreateUser(db(), ledger_, actor_, u, clock_, crypto::kTestOnlyPasswordCost);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return ValueOr(std::move(created), org::User{});
  }

  store::Database& db() { return t_.db(); }

  static constexpr const char* kPassword = "Guangan-Mirror-2026";

  TestDatabase t_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'770'000'000))};
  ledger::Ledger ledger_{clock_, std::make_unique<ledger::Sm3Hasher>()};
  ledger::Actor actor_{"cli:test", ""};
  org::Department civil_affairs_;
  org::Department yuechi_affairs_;
};

}  // namespace mingjing::testing
