// OCDS over HTTP: procurement systems push releases (a release package, a JSON array of releases
// or NDJSON, one release a line), signed like every exchange route and only with a key that holds
// the procurement scope. Each release gets a status; then the buyer risk rules judge every
// compiled release of the buyers the batch touched, and new flags become alerts.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "api/guard.h"
#include "api/routes.h"
#include "auth/api_key.h"
#include "exchange/batch_body.h"
#include "procurement/indicator_alerts.h"
#include "procurement/ocds_judging.h"
#include "procurement/ocds_store.h"
#include "supervision/judgement_runner.h"

namespace mingjing::api {
namespace {

namespace json = boost::json;

// Room for 1,000 releases of about 16 KiB each.
constexpr uint64_t kMaxOcdsBodyBytes = 16 * 1024 * 1024;

bool IsNdjson(std::string_view content_type) {
  return content_type.starts_with("application/x-ndjson") ||
         content_type.starts_with("application/ndjson");
}

// The releases of the body. NDJSON lines that are not JSON are kept as nulls, with their parse
// errors in `line_errors`, so that they are reported per release like any other bad release.
Result<std::vector<json::value>> ReadReleases(const http::Request& request,
                                              std::vector<std::string>& line_errors) {
  if (request.body().empty()) {
    return Error{ErrorCode::kMalformed,
                 "the body is empty: send a release package {\"releases\": [...]}", ""};
  }
  if (IsNdjson(request.Header(boost::beast::http::field::content_type))) {
    std::vector<json::value> values;
    for (auto& line : exchange::ParseNdjson(request.body())) {
      line_errors.push_back(line.parse_error.empty()
                                ? std::string()
                                : fmt::format("line {} {}", line.line_number, line.parse_error));
      values.push_back(std::move(line.value));
    }
    return values;
  }

  boost::system::error_code ec;
  json::value body = json::parse(request.body(), ec);
  if (ec) {
    return Error{ErrorCode::kMalformed, fmt::format("the body is not valid JSON: {}", ec.message()),
                 ""};
  }
  if (body.is_array()) return std::vector<json::value>(body.get_array().begin(),
                                                       body.get_array().end());
  if (body.is_object()) {
    const json::value* releases = body.get_object().if_contains("releases");
    if (releases == nullptr) return std::vector<json::value>{body};  // a single release
    if (releases->is_array()) {
      return std::vector<json::value>(releases->get_array().begin(),
                                      releases->get_array().end());
    }
  }
  return Error::InvalidField("releases",
                             "missing: send a release package {\"releases\": [...]}, a JSON array "
                             "of releases or NDJSON");
}

json::object ReleaseResultJson(const procurement::ReleaseResult& r) {
  json::object out{{"index", r.index},
                   {"ocid", r.ocid},
                   {"release_id", r.release_id},
                   {"status", procurement::ReleaseStatusName(r.status)}};
  if (r.version != 0) out["version"] = r.version;
  if (!r.errors.empty()) {
    json::array errors;
    for (const auto& e : r.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    out["errors"] = std::move(errors);
  }
  return out;
}

http::Response PostOcds(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireScope(request, auth::kProcurementScope); !ok) {
    return http::ErrorResponse(ok.error());
  }
  std::vector<std::string> line_errors;
  auto releases = ReadReleases(request, line_errors);
  if (!releases) return http::ErrorResponse(releases.error());
  if (releases->empty()) {
    return http::ErrorResponse(
        Error::InvalidField("releases", "the body contains no releases: send at least one"));
  }

  procurement::OcdsSender sender{std::string(request.Header("X-Mingjing-Key")),
                                 Caller(request).division_code, Caller(request).department_id};
  auto result = procurement::IngestReleases(ctx.db, ctx.ledger, ActorOf(request), sender,
                                            *releases, "procurement.ocds.push", ctx.clock);
  if (!result) return http::ErrorResponse(result.error());

  // The batch is committed, so judging cannot undo its acknowledgement.
  // NOTE: Unlike case events, buyers are judged before the response and not through the timer
  // schedule, so a crash between the commit and judging leaves a buyer unjudged until its next
  // push or import.
  int64_t new_alerts = 0;
  if (ctx.supervision != nullptr) {
    new_alerts =
        procurement::JudgeBuyers(ctx.db, ctx.supervision->alerts(), result->touched_buyers,
                                 sender.department_id, ctx.clock);
    // Every accepted release is stored under the sender's division, because an ocid first sent
    // by another division is rejected.
    if (!result->touched_ocids.empty()) {
      new_alerts += procurement::JudgeIndicators(ctx.db, ctx.supervision->alerts(),
                                                 {sender.division_code}, sender.department_id,
                                                 ctx.clock);
    }
  }

  json::array statuses;
  for (auto& r : result->releases) {
    if (r.index < line_errors.size() && !line_errors[r.index].empty()) {
      r.errors = {{fmt::format("releases[{}]", r.index), line_errors[r.index]}};
    }
    statuses.push_back(ReleaseResultJson(r));
  }
  spdlog::info(
      "ocds batch request_id={} system={} releases={} accepted={} duplicates={} new_versions={} "
      "rejected={} buyers={} new_alerts={}",
      request.request_id(), sender.system, result->releases.size(), result->accepted,
      result->duplicates, result->new_versions, result->rejected, result->touched_buyers.size(),
      new_alerts);
  return http::Json(json::object{{"accepted", result->accepted},
                                 {"duplicates", result->duplicates},
                                 {"new_versions", result->new_versions},
                                 {"rejected", result->rejected},
                                 {"new_alerts", new_alerts},
                                 {"releases", std::move(statuses)}});
}

}  // namespace

void RegisterOcdsRoutes(http::Router& router, ApiContext& ctx) {
  router.Post("/api/v1/exchange/ocds", [&ctx](http::Request& r) { return PostOcds(ctx, r); },
              {.summary = "Push up to 1,000 OCDS 1.1 releases (release package, JSON array or "
                          "NDJSON; key scope procurement); answers a status per release, "
                          "judges the buyers touched and runs the red-flag indicators",
               .tag = "exchange",
               .auth = http::AuthRequirement::kApiKey,
               .max_body_bytes = kMaxOcdsBodyBytes});
}

}  // namespace mingjing::api
