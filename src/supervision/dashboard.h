// The supervisors' dashboard: open alerts counted by level, rule, department and division
// (rolled up through the division tree), the alerts detected per day, and one department's live
// status. Every query is scoped to a division subtree, the caller's region or part of it.
//
// "Open" means issued and not yet finished: every state but pending (awaiting confirmation),
// closed and revoked.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/local_time.h"

namespace mingjing::supervision {

struct LevelCounts {
  int64_t warning = 0;  // 预警
  int64_t yellow = 0;   // 黄牌
  int64_t red = 0;      // 红牌

  // Adds `count` to the counter of `level`; an unknown level is ignored.
  void Add(std::string_view level, int64_t count);
  int64_t Total() const { return warning + yellow + red; }
};

struct RuleCount {
  std::string rule_code;
  int64_t count = 0;
};

struct DepartmentCounts {
  int64_t department_id = 0;  // 0 for alerts that name no department
  std::string name;
  LevelCounts counts;
};

struct DivisionCounts {
  std::string code;
  std::string name;
  LevelCounts counts;  // of the division and everything below it
};

struct DayCounts {
  calendar::LocalDate date;
  LevelCounts counts;
};

struct SummaryQuery {
  std::string division;       // the subtree to count; must not be empty
  int64_t detected_from = 0;  // Unix seconds, inclusive; 0 for no lower bound
  int64_t detected_to = 0;    // Unix seconds, exclusive; 0 for no upper bound
  // The days of the trend, in platform local time, both inclusive.
  calendar::LocalDate trend_first;
  calendar::LocalDate trend_last;
};

struct DashboardSummary {
  LevelCounts open;                             // open alerts detected within the window
  std::vector<RuleCount> by_rule;               // most frequent first
  std::vector<DepartmentCounts> by_department;  // most open alerts first
  // One row per child division of the queried one, in code order, with the alerts of its whole
  // subtree. Alerts raised on the queried division itself come last under its own code.
  std::vector<DivisionCounts> by_division;
  // Alerts detected per local day over the trend's days, in any state, zero days included.
  std::vector<DayCounts> trend;
};

DashboardSummary SummarizeAlerts(soci::session& session, const SummaryQuery& query);

// An alert in a department's list of latest alerts.
struct AlertBrief {
  int64_t id = 0;
  std::string level;
  std::string state;
  std::string rule_code;
  std::string case_number;
  std::string message_zh;
  int64_t detected_at = 0;
};

struct DepartmentStatus {
  int64_t department_id = 0;
  std::string name;
  std::string division_code;
  LevelCounts open;
  int64_t cases_open = 0;  // accepted or submitted and not yet completed or rejected
  // Open cases with an open time.promised or time.statutory alert.
  int64_t cases_overdue = 0;
  // Open cases not overdue but with an open time.warning or step.warning alert, which the time
  // rules raise at 80 % of the promised limit by default. NOTE: this approximates "due within
  // 2 working days", which would need each case's deadline recomputed from its events.
  int64_t cases_near_deadline = 0;
  std::vector<AlertBrief> latest;  // newest first
};

// Returns nullopt when the department does not exist.
std::optional<DepartmentStatus> DepartmentLiveStatus(soci::session& session, int64_t department_id,
                                                     int latest_limit);

}  // namespace mingjing::supervision
