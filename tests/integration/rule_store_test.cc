// The stored rules: defaults, versions, overrides and their ledger entries, on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog_fixture.h"
#include "supervision/rule_set.h"

namespace mingjing::testing {
namespace {

namespace json = boost::json;
namespace sv = mingjing::supervision;

constexpr const char* kLicensingCode = "511A0138000000-511602000000-000-115113010833722043-1-00";

class RuleStoreTest : public CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    ASSERT_EQ(sv::EnsureDefaultRules(db(), ledger_, clock_), int(sv::RuleCatalog().size()));
  }

  ledger::Actor admin_{"user:rules.admin", "127.0.0.1"};
};

TEST_F(RuleStoreTest, DefaultsInsertedOnce) {
  EXPECT_EQ(sv::EnsureDefaultRules(db(), ledger_, clock_), 0);
  sv::RuleSet rules = sv::LoadRuleSet(db());
  EXPECT_EQ(rules.rules().size(), sv::RuleCatalog().size());
  const sv::Rule* warning = rules.Find("time.warning");
  ASSERT_NE(warning, nullptr);
  EXPECT_EQ(warning->version, 1);
  EXPECT_DOUBLE_EQ(warning->settings.at("warn_ratio").to_number<double>(), 0.8);
  EXPECT_EQ(rules.Find("dormancy.untouched")->mode, sv::RuleMode::kConfirm);
  EXPECT_EQ(sv::ListRuleVersions(db(), "time.warning").size(), 1u);
  EXPECT_EQ(LedgerCount("rule.create_defaults"), 1);
}

TEST_F(RuleStoreTest, UpdateKeepsEveryVersion) {
  sv::RuleChange change;
  change.settings = json::object{{"warn_ratio", 0.7}};
  change.mode = sv::RuleMode::kConfirm;
  change.expected_version = 1;
  auto updated = sv::UpdateRule(db(), ledger_, admin_, "time.warning", change, clock_);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->version, 2);

  sv::RuleChange second;
  second.enabled = false;
  auto off = sv::UpdateRule(db(), ledger_, admin_, "time.warning", second, clock_);
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_EQ(off->version, 3);
  EXPECT_EQ(off->mode, sv::RuleMode::kConfirm);

  auto versions = sv::ListRuleVersions(db(), "time.warning");
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_DOUBLE_EQ(versions[0].settings.at("warn_ratio").to_number<double>(), 0.8);
  EXPECT_DOUBLE_EQ(versions[1].settings.at("warn_ratio").to_number<double>(), 0.7);
  EXPECT_TRUE(versions[1].enabled);
  EXPECT_FALSE(versions[2].enabled);
  EXPECT_EQ(versions[2].changed_by, "user:rules.admin");
  EXPECT_EQ(LedgerCount("rule.update"), 2);
  EXPECT_FALSE(sv::LoadRuleSet(db()).Enabled("time.warning", kLicensingCode));
}

TEST_F(RuleStoreTest, StaleVersionConflicts) {
  sv::RuleChange change;
  change.enabled = false;
  change.expected_version = 5;
  auto result = sv::UpdateRule(db(), ledger_, admin_, "fee.free_item", change, clock_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(sv::LoadRuleSet(db()).Find("fee.free_item")->version, 1);
}

TEST_F(RuleStoreTest, InvalidSettingNamesField) {
  sv::RuleChange change;
  change.settings = json::object{{"by_type", {{"penalty", {{"warn_ratio", 2}}}}}};
  auto result = sv::UpdateRule(db(), ledger_, admin_, "time.warning", change, clock_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(result.error().field, "settings.by_type.penalty.warn_ratio");
  EXPECT_EQ(LedgerCount("rule.update"), 0);
}

TEST_F(RuleStoreTest, UnknownRuleNotFound) {
  auto result = sv::UpdateRule(db(), ledger_, admin_, "time.never", {}, clock_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
}

TEST_F(RuleStoreTest, OverrideLifecycle) {
  ImportItems(SharedItems());
  sv::OverrideChange change;
  change.settings = json::object{{"warn_ratio", 0.5}};
  auto set = sv::SetOverride(db(), ledger_, admin_, "time.warning", kLicensingCode, change, clock_);
  ASSERT_TRUE(set) << set.error().message;

  sv::RuleSet rules = sv::LoadRuleSet(db());
  EXPECT_EQ(rules.Find("time.warning")->version, 2);
  EXPECT_DOUBLE_EQ(rules.EffectiveSettings("time.warning", kLicensingCode, "licensing")
                       .at("warn_ratio")
                       .to_number<double>(),
                   0.5);
  EXPECT_EQ(LedgerCount("rule.override_set"), 1);

  auto unknown =
      sv::SetOverride(db(), ledger_, admin_, "time.warning", "no-such-item", change, clock_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "item_code");

  ASSERT_TRUE(sv::DeleteOverride(db(), ledger_, admin_, "time.warning", kLicensingCode, clock_));
  rules = sv::LoadRuleSet(db());
  EXPECT_EQ(rules.Find("time.warning")->version, 3);
  EXPECT_TRUE(rules.overrides().empty());
  EXPECT_EQ(sv::ListRuleVersions(db(), "time.warning").size(), 3u);

  auto again = sv::DeleteOverride(db(), ledger_, admin_, "time.warning", kLicensingCode, clock_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_F(RuleStoreTest, OverrideOnlySwitch) {
  ImportItems(SharedItems());
  sv::OverrideChange change;
  change.enabled = false;
  ASSERT_TRUE(
      sv::SetOverride(db(), ledger_, admin_, "fee.free_item", kLicensingCode, change, clock_));
  sv::RuleSet rules = sv::LoadRuleSet(db());
  EXPECT_FALSE(rules.Enabled("fee.free_item", kLicensingCode));
  EXPECT_TRUE(rules.Enabled("fee.free_item", "another-item"));
  const sv::RuleOverride* o = rules.FindOverride("fee.free_item", kLicensingCode);
  ASSERT_NE(o, nullptr);
  EXPECT_FALSE(o->settings.has_value());
}

}  // namespace
}  // namespace mingjing::testing
