// Monthly trend rules of a department: its case volume, overdue rate and warning rate compared
// with the month before. Their findings concern a department, not a case.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "supervision/finding.h"
#include "supervision/rule_set.h"

namespace mingjing::supervision {

// One department's figures for one calendar month (platform local time).
struct MonthStats {
  int64_t cases = 0;     // cases submitted in the month
  int64_t overdue = 0;   // of which have a time.promised or time.statutory alert
  int64_t warnings = 0;  // of which have a time.warning alert
};

struct DepartmentMonth {
  int64_t department_id = 0;
  std::string department_name;
  std::string division_code;
  MonthStats previous;
  MonthStats current;
};

// A trend finding with the department it concerns. Its subject is "month:2026-11".
struct DepartmentFinding {
  int64_t department_id = 0;
  std::string division_code;
  Finding finding;
};

// "rule_code|department:<id>|subject|level": the alerts.dedupe_key of a department finding.
std::string DepartmentDedupeKey(const Finding& finding, int64_t department_id);

// Compares the two months of each department. A figure is judged only when both months have
// at least min_cases cases. It fires when it moved by min_change_ratio or more of its previous
// value, and rates compare as rates, so 10 % → 12 % is a 20 % move. `month` is "2026-11".
std::vector<DepartmentFinding> CompareMonths(const std::vector<DepartmentMonth>& departments,
                                             const RuleSet& rules, const std::string& month);

// Counts the figures of `year`-`month` and the month before for every department with cases,
// from the cases and alerts tables.
std::vector<DepartmentMonth> CountDepartmentMonths(soci::session& session, int year, int month);

// CountDepartmentMonths then CompareMonths.
std::vector<DepartmentFinding> JudgeMonthlyTrends(soci::session& session, const RuleSet& rules,
                                                  int year, int month);

}  // namespace mingjing::supervision
