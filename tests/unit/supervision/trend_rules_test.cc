#include "supervision/trend_rules.h"

#include <gtest/gtest.h>

namespace mingjing::supervision {
namespace {

DepartmentMonth Department(MonthStats previous, MonthStats current) {
  return DepartmentMonth{.department_id = 3,
                         .department_name = "区民政局",
                         .division_code = "511602",
                         .previous = previous,
                         .current = current};
}

std::vector<std::string> Codes(const std::vector<DepartmentFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.finding.rule_code);
  return out;
}

TEST(TrendRulesTest, VolumeMoves) {
  struct Row {
    int64_t previous;
    int64_t current;
    bool expected;
  };
  const Row rows[] = {{100, 110, true},
                      {100, 109, false},
                      {100, 90, true},
                      {100, 91, false},
                      {9, 30, false}};  // below min_cases
  for (const Row& row : rows) {
    auto findings = CompareMonths({Department({row.previous, 0, 0}, {row.current, 0, 0})},
                                  RuleSet::Defaults(), "2026-11");
    bool volume = !findings.empty() && findings[0].finding.rule_code == "trend.volume";
    EXPECT_EQ(volume, row.expected) << row.previous << " → " << row.current;
  }
}

// The overdue rate moves from 10 % to 12 %, a 20 % move. The warning rate moves from 20 % to
// 21 %, a 5 % move, which stays below the threshold.
TEST(TrendRulesTest, RatesCompareAsRates) {
  auto findings =
      CompareMonths({Department({100, 10, 20}, {100, 12, 21})}, RuleSet::Defaults(), "2026-11");
  ASSERT_EQ(Codes(findings), std::vector<std::string>{"trend.overdue_rate"});
  const Finding& f = findings[0].finding;
  EXPECT_EQ(f.subject, "month:2026-11");
  EXPECT_TRUE(f.needs_confirmation);
  EXPECT_EQ(f.vars.at("change_percent").as_string(), "20.0");
  EXPECT_EQ(f.vars.at("current_percent").as_string(), "12.0");
  EXPECT_EQ(findings[0].department_id, 3);
  EXPECT_EQ(DepartmentDedupeKey(f, 3), "trend.overdue_rate|department:3|month:2026-11|warning");
}

TEST(TrendRulesTest, ZeroBaseIsSkipped) {
  auto findings =
      CompareMonths({Department({50, 0, 0}, {50, 5, 0})}, RuleSet::Defaults(), "2026-11");
  EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace mingjing::supervision
