// The dashboard API: GET /api/v1/dashboard/summary and GET /api/v1/dashboard/departments/{id}.
// Supervisors read their region; department heads and staff read their own department's status.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "api/guard.h"
#include "api/routes.h"
#include "calendar/local_time.h"
#include "org/division_code.h"
#include "supervision/dashboard.h"

namespace mingjing::api {
namespace {

using auth::Role;

// The maximum number of days one request may cover.
constexpr int kMaxTrendDays = 366;
// Days of the trend when the request names no `from`.
constexpr int kDefaultTrendDays = 30;
constexpr int kLatestAlerts = 10;

int64_t UnixSeconds(TimePoint t) { return t.time_since_epoch() / std::chrono::seconds(1); }

boost::json::value Timestamp(int64_t unix_seconds) {
  if (unix_seconds == 0) return nullptr;
  return boost::json::string(calendar::FormatLocal(TimePoint(std::chrono::seconds(unix_seconds))));
}

boost::json::object Levels(const supervision::LevelCounts& counts) {
  return {{"warning", counts.warning}, {"yellow", counts.yellow}, {"red", counts.red}};
}

// Adds the level counts to `object` as its warning, yellow and red members.
boost::json::object WithLevels(boost::json::object object, const supervision::LevelCounts& counts) {
  object["warning"] = counts.warning;
  object["yellow"] = counts.yellow;
  object["red"] = counts.red;
  return object;
}

Result<std::optional<calendar::LocalDate>> OptionalDate(const http::Request& request,
                                                        std::string_view name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::optional<calendar::LocalDate>();
  auto date = calendar::ParseDate(*text, name);
  if (!date) return date.error();
  return std::optional<calendar::LocalDate>(*date);
}

// Reads division, from and to; `from` and `to` are local dates, both inclusive.
Result<supervision::SummaryQuery> ParseSummaryQuery(const http::Request& request,
                                                    const Clock& clock) {
  supervision::SummaryQuery query;
  query.division = std::string(request.Query("division").value_or(Caller(request).division_code));
  if (auto valid = org::ValidateDivisionCode(query.division, "division"); !valid) {
    return valid.error();
  }
  auto from = OptionalDate(request, "from");
  if (!from) return from.error();
  auto to = OptionalDate(request, "to");
  if (!to) return to.error();

  calendar::LocalDate today = calendar::ToLocal(clock.Now()).date;
  query.trend_last = to->value_or(today);
  query.trend_first = from->value_or(query.trend_last - std::chrono::days(kDefaultTrendDays - 1));
  if (query.trend_first > query.trend_last) {
    return Error::InvalidField("from", "from must not be after to");
  }
  if ((query.trend_last - query.trend_first).count() >= kMaxTrendDays) {
    return Error::InvalidField(
        "from",
        fmt::format("the window may span at most {} days; narrow from or to", kMaxTrendDays));
  }

  // Open alerts are counted over the window only when the request names its bounds.
  if (*from) query.detected_from = UnixSeconds(calendar::StartOfDay(**from));
  if (*to) query.detected_to = UnixSeconds(calendar::StartOfDay(**to + std::chrono::days(1)));
  return query;
}

boost::json::object SummaryJson(const supervision::DashboardSummary& summary) {
  boost::json::array by_rule;
  for (const auto& rule : summary.by_rule) {
    by_rule.push_back({{"rule_code", rule.rule_code}, {"count", rule.count}});
  }
  boost::json::array by_department;
  for (const auto& department : summary.by_department) {
    boost::json::value id = department.department_id == 0
                                ? boost::json::value(nullptr)
                                : boost::json::value(department.department_id);
    by_department.push_back(
        WithLevels({{"department_id", id}, {"name", department.name}}, department.counts));
  }
  boost::json::array by_division;
  for (const auto& division : summary.by_division) {
    by_division.push_back(
        WithLevels({{"code", division.code}, {"name", division.name}}, division.counts));
  }
  boost::json::array trend;
  for (const auto& day : summary.trend) {
    trend.push_back(WithLevels({{"date", calendar::FormatDate(day.date)}}, day.counts));
  }
  return {{"open", Levels(summary.open)},
          {"by_rule", std::move(by_rule)},
          {"by_department", std::move(by_department)},
          {"by_division", std::move(by_division)},
          {"trend", std::move(trend)}};
}

http::Response Summary(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kSupervisor}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto query = ParseSummaryQuery(request, ctx.clock);
  if (!query) return http::ErrorResponse(query.error());
  if (auto ok = RequireInRegion(request, query->division, "division"); !ok) {
    return http::ErrorResponse(ok.error());
  }

  auto lease = ctx.db.Acquire();
  return http::Json(SummaryJson(supervision::SummarizeAlerts(*lease, *query)));
}

// Supervisors see the departments of their region, department accounts their own department;
// anyone else learns nothing, not even whether the department exists.
Result<void> RequireDepartmentReader(const http::Request& request,
                                     const supervision::DepartmentStatus& status) {
  const auth::Principal& caller = Caller(request);
  if (caller.HasRole(Role::kSupervisor) &&
      org::DivisionContains(caller.division_code, status.division_code)) {
    return {};
  }
  bool member = caller.HasRole(Role::kDepartmentHead) || caller.HasRole(Role::kDepartmentStaff);
  if (member && caller.department_id == status.department_id) return {};
  return Error::NotFound(fmt::format("department {} not found", status.department_id));
}

http::Response Department(ApiContext& ctx, http::Request& request) {
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());

  auto lease = ctx.db.Acquire();
  auto status = supervision::DepartmentLiveStatus(*lease, *id, kLatestAlerts);
  lease.Release();
  if (!status)
    return http::ErrorResponse(Error::NotFound(fmt::format("department {} not found", *id)));
  if (auto ok = RequireDepartmentReader(request, *status); !ok) {
    return http::ErrorResponse(ok.error());
  }

  boost::json::array latest;
  for (const auto& alert : status->latest) {
    latest.push_back({{"id", alert.id},
                      {"level", alert.level},
                      {"state", alert.state},
                      {"rule_code", alert.rule_code},
                      {"case_number", alert.case_number},
                      {"message_zh", alert.message_zh},
                      {"detected_at", Timestamp(alert.detected_at)}});
  }
  return http::Json(boost::json::object{{"department_id", status->department_id},
                                        {"name", status->name},
                                        {"division_code", status->division_code},
                                        {"open", Levels(status->open)},
                                        {"cases_open", status->cases_open},
                                        {"cases_overdue", status->cases_overdue},
                                        {"cases_near_deadline", status->cases_near_deadline},
                                        {"latest_alerts", std::move(latest)}});
}

}  // namespace

void RegisterDashboardRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/dashboard/summary",
             [&ctx](http::Request& request) { return Summary(ctx, request); },
             {.summary = "Open alerts by level, rule, department and division, and the daily trend",
              .tag = "dashboard"});
  router.Get(
      "/api/v1/dashboard/departments/{id}",
      [&ctx](http::Request& request) { return Department(ctx, request); },
      {.summary = "A department's live status: open alerts, open and overdue cases, latest alerts",
       .tag = "dashboard"});
}

}  // namespace mingjing::api
