#include "supervision/dashboard.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>

#include "store/row.h"

namespace mingjing::supervision {
namespace {

// Every state of an issued alert that is not yet finished.
constexpr const char* kOpenAlert = "a.state NOT IN ('pending', 'closed', 'revoked')";

// The alerts of the division subtree :division detected within [:from, :to).
constexpr const char* kInScope =
    "substr(a.division_code, 1, :prefix_length) = :division AND a.detected_at >= :from "
    "AND a.detected_at < :to";

constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kPlatformOffsetSeconds =
    std::chrono::duration_cast<std::chrono::seconds>(calendar::kPlatformUtcOffset).count();

// Bound values of kInScope; soci keeps references, so they live as long as the statement.
struct ScopeBinding {
  explicit ScopeBinding(const SummaryQuery& query)
      : division(query.division),
        prefix_length(static_cast<int>(query.division.size())),
        from(query.detected_from),
        to(query.detected_to == 0 ? std::numeric_limits<long long>::max() : query.detected_to) {}

  std::string division;
  int prefix_length;
  long long from;
  long long to;
};

std::string OpenInScope() { return std::string(kInScope) + " AND " + kOpenAlert; }

LevelCounts CountOpen(soci::session& session, ScopeBinding& scope) {
  LevelCounts counts;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT a.level, COUNT(*) FROM alerts a WHERE " + OpenInScope() +
                              " GROUP BY a.level",
       soci::use(scope.prefix_length, "prefix_length"), soci::use(scope.division, "division"),
       soci::use(scope.from, "from"), soci::use(scope.to, "to"));
  for (const soci::row& row : rows) counts.Add(store::Text(row, 0), store::Int64(row, 1));
  return counts;
}

std::vector<RuleCount> CountByRule(soci::session& session, ScopeBinding& scope) {
  std::vector<RuleCount> out;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT a.rule_code, COUNT(*) AS n FROM alerts a WHERE " + OpenInScope() +
                              " GROUP BY a.rule_code ORDER BY n DESC, a.rule_code",
       soci::use(scope.prefix_length, "prefix_length"), soci::use(scope.division, "division"),
       soci::use(scope.from, "from"), soci::use(scope.to, "to"));
  for (const soci::row& row : rows) out.push_back({store::Text(row, 0), store::Int64(row, 1)});
  return out;
}

std::vector<DepartmentCounts> CountByDepartment(soci::session& session, ScopeBinding& scope) {
  std::map<int64_t, DepartmentCounts> by_id;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT a.department_id, d.name, a.level, COUNT(*) FROM alerts a "
                          "LEFT JOIN departments d ON d.id = a.department_id WHERE " +
                              OpenInScope() + " GROUP BY a.department_id, d.name, a.level",
       soci::use(scope.prefix_length, "prefix_length"), soci::use(scope.division, "division"),
       soci::use(scope.from, "from"), soci::use(scope.to, "to"));
  for (const soci::row& row : rows) {
    int64_t id = store::Int64(row, 0);
    DepartmentCounts& entry = by_id[id];
    entry.department_id = id;
    entry.name = store::Text(row, 1);
    entry.counts.Add(store::Text(row, 2), store::Int64(row, 3));
  }

  std::vector<DepartmentCounts> out;
  for (auto& [id, entry] : by_id) out.push_back(std::move(entry));
  std::stable_sort(out.begin(), out.end(),
                   [](const DepartmentCounts& a, const DepartmentCounts& b) {
                     return a.counts.Total() > b.counts.Total();
                   });
  return out;
}

std::vector<DivisionCounts> CountByDivision(soci::session& session, ScopeBinding& scope) {
  std::vector<DivisionCounts> children;
  {
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT code, name FROM divisions WHERE parent_code = :division "
                            "ORDER BY code",
         soci::use(scope.division, "division"));
    for (const soci::row& row : rows)
      children.push_back({store::Text(row, 0), store::Text(row, 1), {}});
  }
  DivisionCounts own{scope.division, "", {}};
  session << "SELECT name FROM divisions WHERE code = :division", soci::into(own.name),
      soci::use(scope.division, "division");

  // Alerts are grouped by the first digits of their division that name a child: all children of
  // a division have codes of the same length (GB/T 2260 levels are 2, 4, 6, 9 and 12 digits).
  int child_length =
      children.empty() ? scope.prefix_length : static_cast<int>(children.front().code.size());
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT substr(a.division_code, 1, :child_length) AS child, a.level, "
                          "COUNT(*) FROM alerts a WHERE " +
                              OpenInScope() + " GROUP BY child, a.level",
       soci::use(child_length, "child_length"), soci::use(scope.prefix_length, "prefix_length"),
       soci::use(scope.division, "division"), soci::use(scope.from, "from"),
       soci::use(scope.to, "to"));
  for (const soci::row& row : rows) {
    std::string code = store::Text(row, 0);
    auto child = std::find_if(children.begin(), children.end(),
                              [&code](const DivisionCounts& c) { return c.code == code; });
    DivisionCounts& target = child != children.end() ? *child : own;
    target.counts.Add(store::Text(row, 1), store::Int64(row, 2));
  }
  if (own.counts.Total() > 0) children.push_back(std::move(own));
  return children;
}

std::vector<DayCounts> CountByDay(soci::session& session, const SummaryQuery& query) {
  std::vector<DayCounts> days;
  for (calendar::LocalDate day = query.trend_first; day <= query.trend_last;
       day += std::chrono::days(1)) {
    days.push_back({day, {}});
  }
  if (days.empty()) return days;

  std::string division = query.division;
  int prefix_length = static_cast<int>(division.size());
  long long from =
      calendar::StartOfDay(query.trend_first).time_since_epoch() / std::chrono::seconds(1);
  long long to = calendar::StartOfDay(query.trend_last + std::chrono::days(1)).time_since_epoch() /
                 std::chrono::seconds(1);
  long long offset = kPlatformOffsetSeconds;
  long long day_seconds = kSecondsPerDay;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT (a.detected_at + :offset) / :day_seconds AS day, a.level, "
                          "COUNT(*) FROM alerts a WHERE " +
                              std::string(kInScope) + " GROUP BY day, a.level",
       soci::use(offset, "offset"), soci::use(day_seconds, "day_seconds"),
       soci::use(prefix_length, "prefix_length"), soci::use(division, "division"),
       soci::use(from, "from"), soci::use(to, "to"));
  int64_t first_day = query.trend_first.time_since_epoch().count();
  for (const soci::row& row : rows) {
    int64_t index = store::Int64(row, 0) - first_day;
    if (index < 0 || index >= static_cast<int64_t>(days.size())) continue;
    days[static_cast<size_t>(index)].counts.Add(store::Text(row, 1), store::Int64(row, 2));
  }
  return days;
}

}  // namespace

void LevelCounts::Add(std::string_view level, int64_t count) {
  if (level == "warning") warning += count;
  if (level == "yellow") yellow += count;
  if (level == "red") red += count;
}

DashboardSummary SummarizeAlerts(soci::session& session, const SummaryQuery& query) {
  ScopeBinding scope(query);
  DashboardSummary summary;
  summary.open = CountOpen(session, scope);
  summary.by_rule = CountByRule(session, scope);
  summary.by_department = CountByDepartment(session, scope);
  summary.by_division = CountByDivision(session, scope);
  summary.trend = CountByDay(session, query);
  return summary;
}

std::optional<DepartmentStatus> DepartmentLiveStatus(soci::session& session, int64_t department_id,
                                                     int latest_limit) {
  DepartmentStatus status;
  long long id = department_id;
  soci::indicator found = soci::i_null;
  session << "SELECT name, division_code FROM departments WHERE id = :id",
      soci::into(status.name, found), soci::into(status.division_code), soci::use(id, "id");
  if (!session.got_data()) return std::nullopt;
  status.department_id = department_id;

  {
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT a.level, COUNT(*) FROM alerts a WHERE a.department_id = :id "
                            "AND " +
                                std::string(kOpenAlert) + " GROUP BY a.level",
         soci::use(id, "id"));
    for (const soci::row& row : rows) status.open.Add(store::Text(row, 0), store::Int64(row, 1));
  }

  constexpr const char* kOpenCase =
      "c.department_id = :id AND c.state NOT IN ('completed', 'not_accepted')";
  long long cases_open = 0;
  session << std::string("SELECT COUNT(*) FROM cases c WHERE ") + kOpenCase, soci::into(cases_open),
      soci::use(id, "id");
  status.cases_open = cases_open;

  // A case counts once however many of its alerts are open.
  std::string open_alert_of_case =
      std::string("SELECT 1 FROM alerts a WHERE a.case_id = c.id AND ") + kOpenAlert +
      " AND a.rule_code IN ";
  long long overdue = 0;
  session << std::string("SELECT COUNT(*) FROM cases c WHERE ") + kOpenCase + " AND EXISTS (" +
                 open_alert_of_case + "('time.promised', 'time.statutory'))",
      soci::into(overdue), soci::use(id, "id");
  status.cases_overdue = overdue;

  long long near = 0;
  session << std::string("SELECT COUNT(*) FROM cases c WHERE ") + kOpenCase + " AND EXISTS (" +
                 open_alert_of_case + "('time.warning', 'step.warning')) AND NOT EXISTS (" +
                 open_alert_of_case + "('time.promised', 'time.statutory'))",
      soci::into(near), soci::use(id, "id");
  status.cases_near_deadline = near;

  int limit = latest_limit;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT a.id, a.level, a.state, a.rule_code, a.case_number, "
                          "a.message_zh, a.detected_at FROM alerts a WHERE a.department_id = :id "
                          "AND a.state <> 'pending' ORDER BY a.detected_at DESC, a.id DESC "
                          "LIMIT :limit",
       soci::use(id, "id"), soci::use(limit, "limit"));
  for (const soci::row& row : rows) {
    status.latest.push_back({store::Int64(row, 0), store::Text(row, 1), store::Text(row, 2),
                             store::Text(row, 3), store::Text(row, 4), store::Text(row, 5),
                             store::Int64(row, 6)});
  }
  return status;
}

}  // namespace mingjing::supervision
