// GET /api/v1/notify/sms-reports: Kannel's delivery reports (DLR) of the SMS that the dispatcher
// sent. The route needs no session: the per-message token in the query, which only Mingjing and
// Kannel see, is what lets a caller report on a message (notify/delivery_report.h). Keep the
// route reachable from Kannel's host only; see docs/operations.md.
#include <spdlog/spdlog.h>

#include <charconv>

#include "api/routes.h"
#include "notify/delivery_report.h"

namespace mingjing::api {
namespace {

http::Response Report(ApiContext& ctx, http::Request& request) {
  std::string_view token = request.Query("token").value_or("");
  std::string_view type_text = request.Query("type").value_or("");
  if (token.empty()) {
    return http::ErrorResponse(Error::InvalidField(
        "token", "token is missing: use the report URL exactly as Mingjing sent it to Kannel"));
  }
  int type = 0;
  auto [end, ec] = std::from_chars(type_text.data(), type_text.data() + type_text.size(), type);
  if (type_text.empty() || ec != std::errc() || end != type_text.data() + type_text.size()) {
    return http::ErrorResponse(Error::InvalidField(
        "type", "type must be Kannel's delivery report type (%d): 1, 2, 4, 8 or 16"));
  }

  notify::DeliveryReport report{std::string(token), type,
                                std::string(request.Query("provider_id").value_or("")),
                                std::string(request.Query("detail").value_or(""))};
  auto outcome = notify::RecordDeliveryReport(ctx.db, report, ctx.clock.NowSeconds());
  if (!outcome) {
    spdlog::warn("SMS delivery report rejected: request_id={} remote={} error={}",
                 request.request_id(), request.remote_address(), outcome.error().message);
    return http::ErrorResponse(outcome.error());
  }
  return http::Text("ok\n");
}

}  // namespace

void RegisterSmsReportRoutes(http::Router& router, ApiContext& ctx) {
  router.Get(
      "/api/v1/notify/sms-reports", [&ctx](http::Request& request) { return Report(ctx, request); },
      {.summary = "Kannel's delivery report of one SMS (dlr-url): token, type (%d), provider_id "
                  "(%F), detail (%A); the token authenticates, no session",
       .tag = "alerts",
       .auth = http::AuthRequirement::kPublic});
}

}  // namespace mingjing::api
