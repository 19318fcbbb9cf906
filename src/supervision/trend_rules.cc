#include "supervision/trend_rules.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "calendar/local_time.h"
#include "store/row.h"
#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

int64_t MonthStart(int year, int month) {
  std::chrono::year_month_day day{std::chrono::year(year), std::chrono::month(unsigned(month)),
                                  std::chrono::day(1)};
  TimePoint t = calendar::StartOfDay(calendar::LocalDate(day));
  return std::chrono::duration_cast<seconds>(t.time_since_epoch()).count();
}

// Counts per department for cases submitted in [from, to).
std::map<int64_t, MonthStats> CountMonth(soci::session& session, int64_t from, int64_t to) {
  long long lo = from;
  long long hi = to;
  std::map<int64_t, MonthStats> out;
  soci::rowset<soci::row> rows =
      (session.prepare
           << "SELECT c.department_id, count(*), "
              "sum(CASE WHEN EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = c.id AND "
              "a.rule_code IN ('time.promised', 'time.statutory') AND a.subject = '') "
              "THEN 1 ELSE 0 END), "
              "sum(CASE WHEN EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = c.id AND "
              "a.rule_code = 'time.warning') THEN 1 ELSE 0 END) "
              "FROM cases c WHERE c.department_id IS NOT NULL AND c.submitted_at >= :lo AND "
              "c.submitted_at < :hi GROUP BY c.department_id",
       soci::use(lo), soci::use(hi));
  for (const soci::row& r : rows) {
    out[store::Int64(r, 0)] =
        MonthStats{store::Int64(r, 1), store::Int64(r, 2), store::Int64(r, 3)};
  }
  return out;
}

struct Figure {
  std::string_view code;
  double previous = 0;
  double current = 0;
  bool rate = false;
};

std::string Percent(double value) { return fmt::format("{:.1f}", value * 100); }

}  // namespace

std::string DepartmentDedupeKey(const Finding& finding, int64_t department_id) {
  return fmt::format("{}|department:{}|{}|{}", finding.rule_code, department_id, finding.subject,
                     LevelName(finding.level));
}

std::vector<DepartmentFinding> CompareMonths(const std::vector<DepartmentMonth>& departments,
                                             const RuleSet& rules, const std::string& month) {
  std::vector<DepartmentFinding> out;
  for (const DepartmentMonth& d : departments) {
    auto rate = [](int64_t part, int64_t whole) { return whole > 0 ? double(part) / whole : 0.0; };
    const Figure figures[] = {
        {"trend.volume", double(d.previous.cases), double(d.current.cases), false},
        {"trend.overdue_rate", rate(d.previous.overdue, d.previous.cases),
         rate(d.current.overdue, d.current.cases), true},
        {"trend.warning_rate", rate(d.previous.warnings, d.previous.cases),
         rate(d.current.warnings, d.current.cases), true},
    };
    for (const Figure& figure : figures) {
      if (!rules.Enabled(figure.code, "")) continue;
      json::object settings = rules.EffectiveSettings(figure.code, "", "");
      int64_t min_cases = SettingInt(settings, "min_cases", 10);
      if (d.previous.cases < min_cases || d.current.cases < min_cases) continue;
      if (figure.previous <= 0) continue;  // no base to measure a move against
      double change = (figure.current - figure.previous) / figure.previous;
      if (std::fabs(change) < SettingNumber(settings, "min_change_ratio", 0.1)) continue;

      Finding f;
      f.rule_code = std::string(figure.code);
      f.subject = "month:" + month;
      const RuleDefinition* definition = FindRuleDefinition(figure.code);
      f.level = definition ? definition->level : Level::kWarning;
      if (const json::value* level = settings.if_contains("level"); level && level->is_string()) {
        f.level = ParseLevel(level->get_string()).value_or(f.level);
      }
      if (const Rule* rule = rules.Find(figure.code)) {
        f.rule_version = rule->version;
        f.needs_confirmation = rule->mode == RuleMode::kConfirm;
      }
      f.vars = {{"department_name", d.department_name},
                {"month", month},
                {"change_percent", Percent(change)},
                {"current", int64_t(figure.current)},
                {"previous", int64_t(figure.previous)},
                {"current_percent", Percent(figure.current)},
                {"previous_percent", Percent(figure.previous)}};
      f.evidence = {{"month", month},
                    {"previous",
                     {{"cases", d.previous.cases},
                      {"overdue", d.previous.overdue},
                      {"warnings", d.previous.warnings}}},
                    {"current",
                     {{"cases", d.current.cases},
                      {"overdue", d.current.overdue},
                      {"warnings", d.current.warnings}}},
                    {"change_ratio", change}};
      out.push_back(DepartmentFinding{d.department_id, d.division_code, std::move(f)});
    }
  }
  return out;
}

std::vector<DepartmentMonth> CountDepartmentMonths(soci::session& session, int year, int month) {
  int previous_year = month == 1 ? year - 1 : year;
  int previous_month = month == 1 ? 12 : month - 1;
  int next_year = month == 12 ? year + 1 : year;
  int next_month = month == 12 ? 1 : month + 1;
  int64_t previous_start = MonthStart(previous_year, previous_month);
  int64_t start = MonthStart(year, month);
  int64_t end = MonthStart(next_year, next_month);

  std::map<int64_t, MonthStats> previous = CountMonth(session, previous_start, start);
  std::map<int64_t, MonthStats> current = CountMonth(session, start, end);
  std::map<int64_t, DepartmentMonth> merged;
  for (const auto& [id, stats] : previous) merged[id].previous = stats;
  for (const auto& [id, stats] : current) merged[id].current = stats;

  std::vector<DepartmentMonth> out;
  for (auto& [id, d] : merged) {
    d.department_id = id;
    long long key = id;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT name, division_code FROM departments WHERE id = :id",
         soci::use(key));
    for (const soci::row& r : rows) {
      d.department_name = store::Text(r, 0);
      d.division_code = store::Text(r, 1);
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DepartmentFinding> JudgeMonthlyTrends(soci::session& session, const RuleSet& rules,
                                                  int year, int month) {
  return CompareMonths(CountDepartmentMonths(session, year, month), rules,
                       fmt::format("{:04d}-{:02d}", year, month));
}

}  // namespace mingjing::supervision
