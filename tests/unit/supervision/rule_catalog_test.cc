#include "supervision/rule_catalog.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

namespace mingjing::supervision {
namespace {

namespace json = boost::json;

// The codes the web console, the alert service and the tests rely on.
constexpr std::string_view kContractCodes[] = {"time.warning",
                                               "time.promised",
                                               "time.statutory",
                                               "step.warning",
                                               "step.promised",
                                               "procedure.skipped_step",
                                               "procedure.out_of_order",
                                               "procedure.before_application",
                                               "procedure.completed_without_acceptance",
                                               "procedure.contradicting_decision",
                                               "fee.free_item",
                                               "fee.above_standard",
                                               "fee.receipt_missing",
                                               "fee.receipt_duplicate",
                                               "correction.repeated",
                                               "correction.no_materials",
                                               "return.repeated",
                                               "refusal.short_reason",
                                               "dormancy.untouched",
                                               "dormancy.late_entry",
                                               "tamper.after_completion",
                                               "tamper.resend",
                                               "trend.volume",
                                               "trend.overdue_rate",
                                               "trend.warning_rate",
                                               "order.not_started",
                                               "order.not_closed",
                                               "procurement.shared_document_creator",
                                               "procurement.shared_mac_address",
                                               "procurement.same_machine",
                                               "procurement.shared_pricing_dongle",
                                               "procurement.shared_bond_account",
                                               "procurement.shared_person",
                                               "procurement.shared_contact",
                                               "procurement.shared_ip_address",
                                               "procurement.staff_insured_elsewhere",
                                               "procurement.price_arithmetic_progression",
                                               "procurement.price_geometric_progression",
                                               "procurement.price_round_percentages",
                                               "procurement.price_tight_cluster",
                                               "procurement.similar_documents",
                                               "procurement.all_except_winner_disqualified",
                                               "procurement.supplier_many_cpv_classes",
                                               "procurement.contract_value_changed_often",
                                               "procurement.award_far_below_estimate",
                                               "procurement.price_screens",
                                               "procurement.indicator_r003",
                                               "procurement.indicator_r018",
                                               "procurement.indicator_r024",
                                               "procurement.indicator_r025",
                                               "procurement.indicator_r028",
                                               "procurement.indicator_r030",
                                               "procurement.indicator_r035",
                                               "procurement.indicator_r036",
                                               "procurement.indicator_r038",
                                               "procurement.indicator_r048",
                                               "procurement.indicator_r058"};

TEST(RuleCatalogTest, EveryContractCodeDefined) {
  for (std::string_view code : kContractCodes) {
    EXPECT_NE(FindRuleDefinition(code), nullptr) << code;
  }
  EXPECT_EQ(RuleCatalog().size(), std::size(kContractCodes));
}

TEST(RuleCatalogTest, ProcurementRulesInTheirCategory) {
  for (const RuleDefinition& rule : RuleCatalog()) {
    bool procurement = rule.code.starts_with("procurement.");
    EXPECT_EQ(procurement, rule.category == "procurement") << rule.code;
  }
  // Article 40 deems a shared computer or bond account collusion, so those cards are red and
  // issued at once.
  for (std::string_view code : {"procurement.shared_mac_address", "procurement.shared_bond_account"}) {
    const RuleDefinition* rule = FindRuleDefinition(code);
    ASSERT_NE(rule, nullptr) << code;
    EXPECT_EQ(rule->level, Level::kRed) << code;
    EXPECT_EQ(rule->mode, RuleMode::kAuto) << code;
  }
}

TEST(RuleCatalogTest, DefaultsAreValid) {
  std::set<std::string_view> codes;
  for (const RuleDefinition& rule : RuleCatalog()) {
    EXPECT_TRUE(codes.insert(rule.code).second) << "duplicate " << rule.code;
    auto ok = ValidateSettings(rule, DefaultSettings(rule));
    EXPECT_TRUE(ok) << rule.code << ": " << (ok ? "" : ok.error().message);
    EXPECT_TRUE(ValidateTemplate(rule.template_zh, "template_zh")) << rule.code;
    EXPECT_TRUE(ValidateTemplate(rule.template_en, "template_en")) << rule.code;
    EXPECT_FALSE(rule.legal_source.empty()) << rule.code;
    EXPECT_FALSE(rule.meaning.empty()) << rule.code;
  }
}

TEST(RuleCatalogTest, DefaultLevelsAndModes) {
  EXPECT_EQ(FindRuleDefinition("time.warning")->level, Level::kWarning);
  EXPECT_EQ(FindRuleDefinition("time.promised")->level, Level::kYellow);
  EXPECT_EQ(FindRuleDefinition("time.statutory")->level, Level::kRed);
  EXPECT_EQ(FindRuleDefinition("dormancy.untouched")->mode, RuleMode::kConfirm);
  EXPECT_EQ(FindRuleDefinition("dormancy.late_entry")->mode, RuleMode::kConfirm);
  EXPECT_EQ(FindRuleDefinition("trend.volume")->mode, RuleMode::kConfirm);
  EXPECT_EQ(FindRuleDefinition("fee.free_item")->mode, RuleMode::kAuto);
  json::object statutory = DefaultSettings(*FindRuleDefinition("time.statutory"));
  EXPECT_EQ(statutory.at("red_after_working_days").as_int64(), 0);
  json::object warning = DefaultSettings(*FindRuleDefinition("time.warning"));
  EXPECT_DOUBLE_EQ(warning.at("warn_ratio").as_double(), 0.8);
}

TEST(RuleCatalogTest, SettingErrorsNameField) {
  const RuleDefinition& warning = *FindRuleDefinition("time.warning");
  struct Row {
    const char* settings;
    const char* field;
  };
  const Row rows[] = {
      {R"({"warn_ratio": 1.5})", "settings.warn_ratio"},
      {R"({"warn_ratio": "0.8"})", "settings.warn_ratio"},
      {R"({"warn_rate": 0.8})", "settings.warn_rate"},
      {R"({"level": "orange"})", "settings.level"},
      {R"({"by_type": {"penalty": {"warn_ratio": 0}}})", "settings.by_type.penalty.warn_ratio"},
      {R"({"by_type": {"penalty": {"by_type": {}}}})", "settings.by_type.penalty.by_type"},
      {R"({"by_type": []})", "settings.by_type"},
  };
  for (const Row& row : rows) {
    auto result = ValidateSettings(warning, json::parse(row.settings).as_object());
    ASSERT_FALSE(result) << row.settings;
    EXPECT_EQ(result.error().field, row.field) << row.settings;
  }
  const RuleDefinition& promised = *FindRuleDefinition("time.promised");
  auto limit = ValidateSettings(
      promised, json::parse(R"({"promised_limit": {"unit": "weeks", "amount": 2}})").as_object());
  ASSERT_FALSE(limit);
  EXPECT_EQ(limit.error().field, "settings.promised_limit.unit");
}

TEST(RuleCatalogTest, FillTemplate) {
  json::object vars{{"case_number", "GA-1"}, {"overdue", 3}};
  EXPECT_EQ(FillTemplate("办件 {case_number} 超期 {overdue} 日", vars), "办件 GA-1 超期 3 日");
  EXPECT_EQ(FillTemplate("{unknown} stays", vars), "{unknown} stays");
  EXPECT_EQ(FillTemplate("open { brace", vars), "open { brace");
}

TEST(RuleCatalogTest, TemplateChecks) {
  EXPECT_TRUE(ValidateTemplate("案件 {case_number}", "template_zh"));
  EXPECT_FALSE(ValidateTemplate("", "template_zh"));
  EXPECT_FALSE(ValidateTemplate("{a{b}}", "template_zh"));
  auto unclosed = ValidateTemplate("{case_number", "template_en");
  ASSERT_FALSE(unclosed);
  EXPECT_EQ(unclosed.error().field, "template_en");
}

}  // namespace
}  // namespace mingjing::supervision
