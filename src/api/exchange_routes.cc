// The exchange interface over HTTP: business systems push signed event batches, and supervisors
// and department users read the cases those events built, with every event version.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <charconv>

#include "api/case_json.h"
#include "api/guard.h"
#include "api/json_fields.h"
#include "api/routes.h"
#include "exchange/batch_body.h"
#include "exchange/case_query.h"
#include "exchange/ingest.h"
#include "org/department.h"
#include "supervision/judgement_runner.h"
#include "supervision/timer_schedule.h"

namespace mingjing::api {
namespace {

namespace json = boost::json;
using auth::Role;

// Room for 1,000 events of about 4 KiB each.
constexpr uint64_t kMaxBatchBodyBytes = 4 * 1024 * 1024;
constexpr int64_t kMaxPageSize = 200;

bool IsNdjson(std::string_view content_type) {
  return content_type.starts_with("application/x-ndjson") ||
         content_type.starts_with("application/ndjson");
}

json::object EventResultJson(const exchange::EventResult& r) {
  json::array errors;
  for (const auto& e : r.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
  json::array alarms;
  for (const auto& a : r.alarms) alarms.emplace_back(a);
  json::object out{{"index", r.index},
                   {"event_id", r.event_id},
                   {"status", exchange::EventStatusName(r.status)}};
  if (r.case_id != 0) out["case_id"] = r.case_id;
  if (r.version != 0) out["version"] = r.version;
  if (!errors.empty()) out["errors"] = std::move(errors);
  if (!alarms.empty()) out["alarms"] = std::move(alarms);
  return out;
}

// Splits the body into events. NDJSON lines that are not JSON are kept as nulls and their
// parse errors returned in `line_errors`, so they are reported per event like any other.
Result<std::vector<json::value>> ReadBatch(const http::Request& request,
                                           std::vector<std::string>& line_errors) {
  if (request.body().empty()) {
    return Error{ErrorCode::kMalformed, "the body is empty: send at least one event", ""};
  }
  if (!IsNdjson(request.Header(boost::beast::http::field::content_type))) {
    return exchange::ParseJsonBatch(request.body());
  }
  std::vector<json::value> values;
  for (auto& line : exchange::ParseNdjson(request.body())) {
    line_errors.push_back(line.parse_error.empty()
                              ? std::string()
                              : fmt::format("line {} {}", line.line_number, line.parse_error));
    values.push_back(std::move(line.value));
  }
  return values;
}

http::Response PostEvents(ApiContext& ctx, http::Request& request) {
  const auth::Principal& caller = Caller(request);
  std::vector<std::string> line_errors;
  auto events = ReadBatch(request, line_errors);
  if (!events) return http::ErrorResponse(events.error());
  if (events->empty()) {
    return http::ErrorResponse(
        Error{ErrorCode::kMalformed, "the body contains no events: send at least one", ""});
  }

  // The signature check verified the key id, so it names the sending system.
  exchange::Sender sender{std::string(request.Header("X-Mingjing-Key")), caller.division_code,
                          caller.item_types};
  // The touched cases are scheduled as due now in the batch's own transaction, so a crash after
  // the acknowledgement still leaves them to the timer loop. Judging then runs outside it and
  // cannot undo the acknowledgement.
  int64_t scheduled_at = ctx.clock.NowSeconds();
  exchange::BeforeCommit schedule;
  if (ctx.supervision != nullptr) {
    schedule = [scheduled_at](soci::session& session, const exchange::BatchResult& batch) {
      supervision::ScheduleCases(session, supervision::TouchedCases(batch), scheduled_at);
    };
  }
  auto result = exchange::IngestEvents(ctx.db, ctx.ledger, ActorOf(request), sender, *events,
                                       ctx.clock, "events", schedule);
  if (!result) return http::ErrorResponse(result.error());
  if (ctx.supervision != nullptr) {
    ctx.supervision->JudgeScheduled(supervision::TouchedCases(*result), scheduled_at);
  }

  json::array statuses;
  for (auto& r : result->events) {
    if (r.index < line_errors.size() && !line_errors[r.index].empty()) {
      r.errors = {{fmt::format("events[{}]", r.index), line_errors[r.index]}};
    }
    statuses.push_back(EventResultJson(r));
  }
  spdlog::info(
      "exchange batch request_id={} system={} events={} accepted={} duplicates={} "
      "new_versions={} rejected={} alarms={}",
      request.request_id(), sender.system, result->events.size(), result->accepted,
      result->duplicates, result->new_versions, result->rejected, result->alarms);
  return http::Json(json::object{{"accepted", result->accepted},
                                 {"duplicates", result->duplicates},
                                 {"new_versions", result->new_versions},
                                 {"rejected", result->rejected},
                                 {"alarms", result->alarms},
                                 {"events", std::move(statuses)}});
}

Result<void> RequireCaseReader(const http::Request& request) {
  return RequireRole(request, {Role::kSupervisor, Role::kDepartmentHead, Role::kDepartmentStaff,
                               Role::kPlatformAdmin, Role::kAuditAdmin});
}

// Department users without a supervisor role see only their own department's cases.
struct DepartmentScope {
  int64_t id = 0;
  std::string code;
};

std::optional<DepartmentScope> DepartmentScopeOf(ApiContext& ctx, const auth::Principal& p) {
  bool department_user = p.HasRole(Role::kDepartmentHead) || p.HasRole(Role::kDepartmentStaff);
  if (!department_user || p.HasRole(Role::kSupervisor) || p.department_id == 0) {
    return std::nullopt;
  }
  DepartmentScope scope{p.department_id, ""};
  if (auto d = org::FindDepartment(ctx.db, p.department_id)) scope.code = d->code;
  return scope;
}

http::Response GetCase(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireCaseReader(request); !ok) return http::ErrorResponse(ok.error());
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto c = exchange::FindCase(ctx.db, *id);
  if (!c || !RequireInRegion(request, c->division_code, "case")) {
    return http::ErrorResponse(Error::NotFound("case not found"));
  }
  if (auto scope = DepartmentScopeOf(ctx, Caller(request))) {
    bool own = c->department_id == scope->id ||
               (!scope->code.empty() && c->department_code == scope->code);
    if (!own) return http::ErrorResponse(Error::NotFound("case not found"));
  }

  json::array timeline;
  for (const auto& e : exchange::CaseTimeline(ctx.db, c->id)) {
    timeline.push_back(TimelineEventJson(e));
  }
  json::array alarms;
  for (const auto& a : exchange::ListTamperAlarms(ctx.db, c->id)) {
    alarms.push_back(TamperAlarmJson(a));
  }
  json::object out = CaseJson(*c);
  out["timeline"] = std::move(timeline);
  out["tamper_alarms"] = std::move(alarms);
  return http::Json(out);
}

http::Response ListCases(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireCaseReader(request); !ok) return http::ErrorResponse(ok.error());
  const auth::Principal& caller = Caller(request);
  auto limit = QueryInt(request, "limit", 50, 1, kMaxPageSize);
  if (!limit) return http::ErrorResponse(limit.error());
  auto offset = QueryInt(request, "offset", 0, 0, INT64_MAX);
  if (!offset) return http::ErrorResponse(offset.error());

  exchange::CaseFilter filter;
  filter.scope = caller.division_code;
  if (auto division = request.Query("division_code"); division && !division->empty()) {
    // A narrower division inside the caller's region; anything else matches no case.
    if (!division->starts_with(caller.division_code)) {
      return http::Json(json::object{{"items", json::array{}}, {"next_offset", nullptr}});
    }
    filter.scope = std::string(*division);
  }
  filter.state = std::string(request.Query("state").value_or(""));
  filter.item_code = std::string(request.Query("item_code").value_or(""));
  filter.case_number = std::string(request.Query("case_number").value_or(""));
  if (auto scope = DepartmentScopeOf(ctx, caller)) {
    filter.department_id = scope->id;
    filter.department_code = scope->code;
  }
  filter.limit = *limit;
  filter.offset = *offset;

  json::array items;
  for (const auto& c : exchange::ListCases(ctx.db, filter)) items.push_back(CaseJson(c));
  json::value next = nullptr;
  if (static_cast<int64_t>(items.size()) == *limit) next = *offset + *limit;
  return http::Json(json::object{{"items", std::move(items)}, {"next_offset", next}});
}

}  // namespace

void RegisterExchangeRoutes(http::Router& router, ApiContext& ctx) {
  router.Post("/api/v1/exchange/events", [&ctx](http::Request& r) { return PostEvents(ctx, r); },
              {.summary = "Push a batch of up to 1,000 case events (JSON object, array or "
                          "NDJSON); answers a status per event",
               .tag = "exchange",
               .auth = http::AuthRequirement::kApiKey,
               .max_body_bytes = kMaxBatchBodyBytes});
  router.Get("/api/v1/cases", [&ctx](http::Request& r) { return ListCases(ctx, r); },
             {.summary = "Cases in the caller's region, filtered by state, item_code, "
                         "case_number or division_code",
              .tag = "cases"});
  router.Get("/api/v1/cases/{id}", [&ctx](http::Request& r) { return GetCase(ctx, r); },
             {.summary = "A case with its event timeline, every event version and its tamper "
                         "alarms",
              .tag = "cases"});
}

}  // namespace mingjing::api
