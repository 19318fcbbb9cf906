#include "supervision/rule_set.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace mingjing::supervision {
namespace {

namespace json = boost::json;

constexpr std::string_view kItem = "511A0138000000-511602000000-000-1";

RuleSet WithOverride(RuleOverride o) {
  RuleSet defaults = RuleSet::Defaults();
  return RuleSet(defaults.rules(), {std::move(o)});
}

TEST(RuleSetTest, DefaultsAtVersionOne) {
  RuleSet rules = RuleSet::Defaults();
  ASSERT_NE(rules.Find("time.warning"), nullptr);
  EXPECT_EQ(rules.Find("time.warning")->version, 1);
  EXPECT_TRUE(rules.Enabled("time.warning", kItem));
  EXPECT_FALSE(rules.Enabled("no.such_rule", kItem));
}

TEST(RuleSetTest, ByTypeOverRuleSettings) {
  RuleSet rules = RuleSet::Defaults();
  json::object complaint = rules.EffectiveSettings("time.promised", kItem, "complaint");
  EXPECT_EQ(complaint.at("promised_limit").at("amount").as_int64(), 15);
  EXPECT_FALSE(complaint.contains("by_type"));
  json::object licensing = rules.EffectiveSettings("time.promised", kItem, "licensing");
  EXPECT_FALSE(licensing.contains("promised_limit"));
  EXPECT_EQ(licensing.at("pre_acceptance_working_days").as_int64(), 1);
}

TEST(RuleSetTest, OverrideOverRule) {
  RuleSet rules = WithOverride({.rule_code = "time.warning",
                                .item_code = std::string(kItem),
                                .settings = json::object{{"warn_ratio", 0.6}}});
  EXPECT_DOUBLE_EQ(rules.EffectiveSettings("time.warning", kItem, "").at("warn_ratio").as_double(),
                   0.6);
  EXPECT_DOUBLE_EQ(
      rules.EffectiveSettings("time.warning", "other-item", "").at("warn_ratio").as_double(), 0.8);
}

// by_type of an override merges into the rule's by_type member by member, and by_type wins
// over the override's top-level members for its type.
TEST(RuleSetTest, OverrideByTypeMerges) {
  json::object settings =
      json::parse(
          R"({"grace_working_days": 2, "by_type": {"complaint": {"grace_working_days": 1}}})")
          .as_object();
  RuleSet rules = WithOverride(
      {.rule_code = "time.promised", .item_code = std::string(kItem), .settings = settings});
  json::object complaint = rules.EffectiveSettings("time.promised", kItem, "complaint");
  EXPECT_EQ(complaint.at("grace_working_days").as_int64(), 1);
  EXPECT_EQ(complaint.at("promised_limit").at("amount").as_int64(), 15);
  json::object licensing = rules.EffectiveSettings("time.promised", kItem, "licensing");
  EXPECT_EQ(licensing.at("grace_working_days").as_int64(), 2);
}

TEST(RuleSetTest, OverrideSwitchesOff) {
  RuleSet rules = WithOverride(
      {.rule_code = "fee.free_item", .item_code = std::string(kItem), .enabled = false});
  EXPECT_FALSE(rules.Enabled("fee.free_item", kItem));
  EXPECT_TRUE(rules.Enabled("fee.free_item", "other-item"));
}

TEST(RuleSetTest, OverrideSwitchesOn) {
  RuleSet defaults = RuleSet::Defaults();
  std::vector<Rule> list = defaults.rules();
  for (Rule& r : list) {
    if (r.code == "fee.free_item") r.enabled = false;
  }
  RuleSet rules(list,
                {{.rule_code = "fee.free_item", .item_code = std::string(kItem), .enabled = true}});
  EXPECT_TRUE(rules.Enabled("fee.free_item", kItem));
  EXPECT_FALSE(rules.Enabled("fee.free_item", "other-item"));
}

TEST(RuleSetTest, RuleJsonCarriesSource) {
  json::object out = RuleToJson(*RuleSet::Defaults().Find("fee.free_item"));
  EXPECT_EQ(out.at("default_level").as_string(), "red");
  EXPECT_EQ(out.at("mode").as_string(), "auto");
  EXPECT_FALSE(out.at("legal_source").as_string().empty());
}

}  // namespace
}  // namespace mingjing::supervision
