// Alerts (预警, 黄牌, 红牌) over HTTP: lists and details for supervisors of the region and for
// the alert's department, the handling steps with their texts and attachments, and bulk
// handling. Region is checked on the server: an alert outside what the caller may read is 404.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <set>

#include "api/case_json.h"
#include "api/guard.h"
#include "api/json_fields.h"
#include "api/routes.h"
#include "common/text.h"
#include "calendar/local_time.h"
#include "crypto/encoding.h"
#include "exchange/case_query.h"
#include "exchange/event.h"
#include "store/transaction.h"
#include "supervision/handling.h"
#include "supervision/judgement_runner.h"

namespace mingjing::api {
namespace {

namespace json = boost::json;
using auth::Role;
using supervision::Alert;

constexpr int64_t kMaxPageSize = 200;
constexpr size_t kMaxBulkIds = 100;
// Five attachments of 5 MiB grow by a third in Base64; the rest is room for text and names.
constexpr uint64_t kMaxActionBodyBytes = 36 * 1024 * 1024;
constexpr uint64_t kMaxBulkBodyBytes = 64 * 1024;

json::value LocalTimeOrNull(int64_t seconds) {
  if (seconds == 0) return nullptr;
  return json::value(calendar::FormatLocal(TimePoint(std::chrono::seconds(seconds))));
}

json::object AlertSummaryJson(const Alert& a) {
  return {
      {"id", a.id},
      {"level", a.level},
      {"state", a.state},
      {"handling", a.handling},
      {"rule_code", a.rule_code},
      {"case_id", a.case_id == 0 ? json::value(nullptr) : json::value(a.case_id)},
      {"case_number", a.case_number},
      {"item_code", a.item_code},
      {"division_code", a.division_code},
      {"department_id", a.department_id == 0 ? json::value(nullptr) : json::value(a.department_id)},
      {"department_name", a.department_name},
      {"subject", a.subject},
      {"message_zh", a.message_zh},
      {"message_en", a.message_en},
      {"detected_at", LocalTimeOrNull(a.detected_at)},
      {"issued_at", LocalTimeOrNull(a.issued_at)},
      {"answer_due_at", LocalTimeOrNull(a.answer_due_at)},
      {"closed_at", LocalTimeOrNull(a.closed_at)},
      {"version", a.version}};
}

json::object ActionJson(const supervision::AlertAction& a) {
  json::array files;
  for (const auto& f : a.attachments) {
    files.push_back({{"id", f.id},
                     {"file_name", f.file_name},
                     {"content_type", f.content_type},
                     {"size_bytes", f.size_bytes},
                     {"sm3", f.sm3}});
  }
  return {{"id", a.id},
          {"action", a.action},
          {"from_state", a.from_state},
          {"to_state", a.to_state},
          {"actor", a.actor},
          {"actor_role", a.actor_role},
          {"text", a.text},
          {"created_at", LocalTimeOrNull(a.created_at)},
          {"attachments", std::move(files)}};
}

Result<void> RequireAlertReader(const http::Request& request) {
  return RequireRole(request, {Role::kSupervisor, Role::kDepartmentHead, Role::kDepartmentStaff,
                               Role::kAuditAdmin});
}

// Department users without a supervisor or auditor role see only their own department.
bool DepartmentOnly(const auth::Principal& p) {
  return !p.HasRole(Role::kSupervisor) && !p.HasRole(Role::kAuditAdmin);
}

// An RFC 3339 instant, or a date "YYYY-MM-DD" meaning local midnight at its start.
Result<int64_t> QueryTime(const http::Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return 0;
  if (auto instant = exchange::ParseRfc3339(*text)) return *instant;
  auto date = calendar::ParseDate(*text, name);
  if (!date) {
    return Error::InvalidField(
        std::string(name), fmt::format("{} must be an RFC 3339 time or a date YYYY-MM-DD", name));
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             calendar::StartOfDay(*date).time_since_epoch())
      .count();
}

// The filter of a list request, limited to what the caller may read. Returns nullopt when the
// requested division lies outside the caller's region, so the list is empty.
Result<std::optional<supervision::AlertFilter>> ListFilter(const http::Request& request) {
  const auth::Principal& caller = Caller(request);
  supervision::AlertFilter f;
  // A department's alerts may lie in divisions below the account's own, so department users
  // are limited by department alone.
  if (DepartmentOnly(caller)) {
    if (caller.department_id == 0) return std::nullopt;
    f.department_id = caller.department_id;
    f.issued_only = true;
  } else {
    f.division_prefix = caller.division_code;
  }

  auto page = QueryInt(request, "page", 1, 1, INT32_MAX);
  if (!page) return page.error();
  auto page_size = QueryInt(request, "page_size", 50, 1, kMaxPageSize);
  if (!page_size) return page_size.error();
  auto department = QueryInt(request, "department_id", 0, 0, INT64_MAX);
  if (!department) return department.error();
  auto from = QueryTime(request, "from");
  if (!from) return from.error();
  auto to = QueryTime(request, "to");
  if (!to) return to.error();

  f.limit = *page_size;
  f.offset = (*page - 1) * *page_size;
  f.detected_from = *from;
  f.detected_to = *to;
  f.level = std::string(request.Query("level").value_or(""));
  f.state = std::string(request.Query("state").value_or(""));
  f.rule_code = std::string(request.Query("rule").value_or(""));
  f.case_number = std::string(request.Query("case_number").value_or(""));
  f.open_only = request.Query("open").value_or("") == "true";
  if (*department != 0) {
    if (f.department_id != 0 && f.department_id != *department) return std::nullopt;
    f.department_id = *department;
  }
  if (auto division = request.Query("division"); division && !division->empty()) {
    if (!division->starts_with(f.division_prefix)) return std::nullopt;
    f.division_prefix = std::string(*division);
  }
  return f;
}

http::Response ListAlerts(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireAlertReader(request); !ok) return http::ErrorResponse(ok.error());
  auto filter = ListFilter(request);
  if (!filter) return http::ErrorResponse(filter.error());
  if (!*filter) return http::Json(json::object{{"items", json::array{}}, {"total", 0}});

  auto lease = ctx.db.Acquire();
  supervision::AlertPage page = supervision::ListAlerts(*lease, **filter);
  json::array items;
  for (const Alert& a : page.items) items.push_back(AlertSummaryJson(a));
  return http::Json(json::object{{"items", std::move(items)}, {"total", page.total}});
}

// The detail of an alert the caller may read, or kNotFound.
Result<json::object> AlertDetail(ApiContext& ctx, const http::Request& request, int64_t id) {
  std::optional<Alert> alert;
  std::vector<supervision::AlertAction> actions;
  {
    auto lease = ctx.db.Acquire();
    alert = supervision::FindAlert(*lease, id);
    if (alert && supervision::RelationOf(Caller(request), *alert).reader) {
      actions = supervision::ListActions(*lease, id);
    }
  }
  supervision::CallerRelation relation =
      alert ? supervision::RelationOf(Caller(request), *alert) : supervision::CallerRelation{};
  if (!alert || !relation.reader) return Error::NotFound("alert not found");

  json::object summary = AlertSummaryJson(*alert);
  boost::system::error_code ec;
  json::value evidence = json::parse(alert->evidence, ec);
  summary["evidence"] = ec ? json::value(json::object{}) : std::move(evidence);

  json::array action_list;
  for (const auto& a : actions) action_list.push_back(ActionJson(a));
  json::array allowed;
  for (const auto& name : supervision::AllowedActions(relation, *alert)) allowed.emplace_back(name);

  // The case and its history are read after the alert's lease is returned: each helper takes
  // a lease of its own.
  json::value case_json = nullptr;
  json::array timeline;
  json::array alarms;
  if (alert->case_id != 0) {
    if (auto c = exchange::FindCase(ctx.db, alert->case_id)) case_json = CaseJson(*c);
    for (const auto& e : exchange::CaseTimeline(ctx.db, alert->case_id)) {
      timeline.push_back(TimelineEventJson(e));
    }
    for (const auto& a : exchange::ListTamperAlarms(ctx.db, alert->case_id)) {
      alarms.push_back(TamperAlarmJson(a));
    }
  }
  return json::object{
      {"alert", std::move(summary)},           {"actions", std::move(action_list)},
      {"allowed_actions", std::move(allowed)}, {"case", std::move(case_json)},
      {"timeline", std::move(timeline)},       {"tamper_alarms", std::move(alarms)}};
}

http::Response GetAlert(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireAlertReader(request); !ok) return http::ErrorResponse(ok.error());
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto detail = AlertDetail(ctx, request, *id);
  if (!detail) return http::ErrorResponse(detail.error());
  return http::Json(*detail);
}

Result<std::vector<supervision::AttachmentUpload>> ReadAttachments(const json::object& body) {
  std::vector<supervision::AttachmentUpload> out;
  const json::value* list = body.if_contains("attachments");
  if (list == nullptr || list->is_null()) return out;
  if (!list->is_array()) {
    return Error::InvalidField("attachments", "attachments must be an array of files");
  }
  if (list->as_array().size() > supervision::kMaxAttachments) {
    return Error::InvalidField("attachments", fmt::format("attach at most {} files to one step",
                                                          supervision::kMaxAttachments));
  }
  // Base64 of the largest allowed file, so an oversized one is refused before decoding.
  constexpr size_t kMaxEncoded = (supervision::kMaxAttachmentBytes + 2) / 3 * 4;
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    std::string field = fmt::format("attachments[{}]", i);
    const json::value& item = list->as_array()[i];
    if (!item.is_object()) return Error::InvalidField(field, field + " must be an object");
    const json::object& file = item.as_object();
    auto name = RequiredString(file, "file_name", 255);
    if (!name) return Error::InvalidField(field + ".file_name", name.error().message);
    auto type = RequiredString(file, "content_type", 100);
    if (!type) return Error::InvalidField(field + ".content_type", type.error().message);
    auto encoded = RequiredString(file, "content_base64", kMaxEncoded);
    if (!encoded) {
      return Error::InvalidField(field + ".content_base64",
                                 fmt::format("content_base64 is required and must encode at most "
                                             "{} MiB",
                                             supervision::kMaxAttachmentBytes / (1024 * 1024)));
    }
    auto bytes = crypto::Base64Decode(*encoded);
    if (!bytes) {
      return Error::InvalidField(field + ".content_base64",
                                 "content_base64 must be standard Base64 with padding");
    }
    out.push_back({std::move(*name), std::move(*type), std::move(*bytes)});
  }
  return out;
}

Result<supervision::HandlingRequest> ReadHandlingRequest(const json::object& body,
                                                         bool require_version) {
  supervision::HandlingRequest r;
  auto action = RequiredString(body, "action", 64);
  if (!action) return action.error();
  auto text = OptionalString(body, "text", supervision::kMaxTextChars * 4);
  if (!text) return text.error();
  // Line breaks and tabs belong in a written reply. Other control characters (NUL, escape
  // sequences) would be cut off by PostgreSQL or change what the page shows.
  std::string visible = *text;
  std::replace_if(visible.begin(), visible.end(),
                  [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  if (HasControlCharacters(visible)) {
    return Error::InvalidField(
        "text", "text contains a control character; send plain text with line breaks only");
  }
  auto version = OptionalInt(body, "version", 0);
  if (!version) return version.error();
  if (require_version && *version <= 0) {
    return Error::InvalidField("version",
                               "version is required: send the version of the alert you read");
  }
  auto days = OptionalInt(body, "deadline_days", 0);
  if (!days) return days.error();
  if (*days < 0 || *days > supervision::kMaxDeadlineDays) {
    return Error::InvalidField("deadline_days",
                               fmt::format("deadline_days must be a whole number from 1 to {}",
                                           supervision::kMaxDeadlineDays));
  }
  auto attachments = ReadAttachments(body);
  if (!attachments) return attachments.error();
  r.action = std::move(*action);
  r.text = std::move(*text);
  r.version = *version;
  r.deadline_days = static_cast<int>(*days);
  r.attachments = std::move(*attachments);
  return r;
}

// Runs one handling step in a transaction of its own.
Result<Alert> RunStep(ApiContext& ctx, const http::Request& request,
                      const supervision::HandlingRequest& step,
                      const calendar::WorkingCalendar& calendar) {
  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  auto alert = supervision::HandleAlert(*lease, ctx.supervision->alerts(), Caller(request),
                                        ActorOf(request), step, calendar, ctx.clock.NowSeconds());
  if (alert) tx.Commit();
  return alert;
}

Error HandlingUnavailable() {
  return Error{ErrorCode::kUnavailable, "alert handling is not running on this server", ""};
}

http::Response PostAction(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireAlertReader(request); !ok) return http::ErrorResponse(ok.error());
  if (ctx.supervision == nullptr) return http::ErrorResponse(HandlingUnavailable());
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  auto step = ReadHandlingRequest(*body, /*require_version=*/true);
  if (!step) return http::ErrorResponse(step.error());
  step->alert_id = *id;

  // The calendar is read before the step's lease is taken, since it may read the store.
  auto calendar = ctx.supervision->Calendar();
  auto alert = RunStep(ctx, request, *step, *calendar);
  if (!alert) return http::ErrorResponse(alert.error());
  auto detail = AlertDetail(ctx, request, *id);
  if (!detail) return http::ErrorResponse(detail.error());
  return http::Json(*detail);
}

http::Response PostBulk(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireAlertReader(request); !ok) return http::ErrorResponse(ok.error());
  if (ctx.supervision == nullptr) return http::ErrorResponse(HandlingUnavailable());
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  const json::value* ids = body->if_contains("ids");
  if (ids == nullptr || !ids->is_array() || ids->as_array().empty() ||
      ids->as_array().size() > kMaxBulkIds) {
    return http::ErrorResponse(Error::InvalidField(
        "ids", fmt::format("ids must be an array of 1 to {} alert ids", kMaxBulkIds)));
  }
  if (body->contains("attachments")) {
    return http::ErrorResponse(
        Error::InvalidField("attachments", "bulk handling takes no attachments"));
  }
  auto step = ReadHandlingRequest(*body, /*require_version=*/false);
  if (!step) return http::ErrorResponse(step.error());
  if (auto ok = supervision::ValidateHandlingRequest(*step); !ok) {
    return http::ErrorResponse(ok.error());
  }
  // Bulk steps carry no version, so a step that leaves the state as it was could be repeated
  // without end, each time with its ledger entry and notices.
  if (step->action == "inquire" || step->action == "rectify") {
    return http::ErrorResponse(Error::InvalidField(
        "action", fmt::format("{} is taken on one alert at a time, not in bulk", step->action)));
  }

  auto calendar = ctx.supervision->Calendar();
  json::array results;
  std::set<int64_t> seen;
  for (const json::value& v : ids->as_array()) {
    if (!v.is_int64() || v.as_int64() <= 0) {
      results.push_back({{"id", v}, {"status", 400}, {"error", "not a positive whole number"}});
      continue;
    }
    if (!seen.insert(v.as_int64()).second) {
      results.push_back({{"id", v}, {"status", 400}, {"error", "the id appears twice in ids"}});
      continue;
    }
    // Each alert is acted on in its current state, without a version check.
    supervision::HandlingRequest one = *step;
    one.alert_id = v.as_int64();
    one.version = 0;
    auto alert = RunStep(ctx, request, one, *calendar);
    if (alert) {
      results.push_back({{"id", one.alert_id}, {"status", 200}, {"error", nullptr}});
    } else {
      results.push_back({{"id", one.alert_id},
                         {"status", static_cast<int>(http::StatusOf(alert.error().code))},
                         {"error", alert.error().message}});
    }
  }
  return http::Json(json::object{{"results", std::move(results)}});
}

// RFC 8187 encoding of a file name for Content-Disposition: UTF-8, percent-encoded.
std::string EncodeFileName(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

http::Response GetAttachment(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireAlertReader(request); !ok) return http::ErrorResponse(ok.error());
  auto id = PathId(request, "id");
  if (!id) return http::ErrorResponse(id.error());
  auto attachment_id = PathId(request, "attachment_id");
  if (!attachment_id) return http::ErrorResponse(attachment_id.error());

  auto lease = ctx.db.Acquire();
  auto alert = supervision::FindAlert(*lease, *id);
  if (!alert || !supervision::RelationOf(Caller(request), *alert).reader) {
    return http::ErrorResponse(Error::NotFound("alert not found"));
  }
  auto file = supervision::ReadAttachment(*lease, *id, *attachment_id);
  if (!file) return http::ErrorResponse(Error::NotFound("attachment not found"));

  http::Response response;
  // Served as a download and never sniffed, so an uploaded HTML file cannot run in the console.
  response.SetBody(std::move(file->second), file->first.content_type);
  response.SetHeader(boost::beast::http::field::content_disposition,
                     "attachment; filename*=UTF-8''" + EncodeFileName(file->first.file_name));
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("X-Mingjing-SM3", file->first.sm3);
  return response;
}

}  // namespace

void RegisterAlertRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/alerts", [&ctx](http::Request& r) { return ListAlerts(ctx, r); },
             {.summary = "Alerts in the caller's region or department, filtered by level, state, "
                         "rule, department_id, division, case_number, open, from and to",
              .tag = "alerts"});
  router.Get("/api/v1/alerts/{id}", [&ctx](http::Request& r) { return GetAlert(ctx, r); },
             {.summary = "An alert with its evidence, handling steps, the caller's allowed "
                         "actions, and its case's timeline and tamper alarms",
              .tag = "alerts"});
  router.Post("/api/v1/alerts/{id}/actions",
              [&ctx](http::Request& r) { return PostAction(ctx, r); },
              {.summary = "Take one handling step on an alert, with text and up to 5 attachments "
                          "of 5 MiB; 409 on a stale version or a state that does not allow it",
               .tag = "alerts",
               .max_body_bytes = kMaxActionBodyBytes});
  router.Post("/api/v1/alerts/bulk", [&ctx](http::Request& r) { return PostBulk(ctx, r); },
              {.summary = "Take the same handling step on up to 100 alerts; answers a status "
                          "per alert",
               .tag = "alerts",
               .max_body_bytes = kMaxBulkBodyBytes});
  router.Get("/api/v1/alerts/{id}/attachments/{attachment_id}",
             [&ctx](http::Request& r) { return GetAttachment(ctx, r); },
             {.summary = "Download one attachment of an alert's handling step", .tag = "alerts"});
}

}  // namespace mingjing::api
