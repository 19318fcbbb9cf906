// The public progress lookup: anyone holding a receipt enters the case number and query code and
// sees the case's item, department, state, dated steps and promised deadline, without signing in.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "api/routes.h"
#include "calendar/calendar_store.h"
#include "exchange/progress_lockout.h"
#include "exchange/progress_lookup.h"
#include "http/middleware.h"

namespace mingjing::api {
namespace {

namespace json = boost::json;

// Per client address: 5 lookups at once, then one every 6 seconds (10 a minute). Tighter than
// the server-wide limit, because each lookup is one guess at a query code.
constexpr http::RateLimitOptions kLookupLimit{.requests_per_second = 1.0 / 6, .burst = 5};

json::value TimeOrNull(int64_t seconds) {
  if (seconds == 0) return nullptr;
  return json::value(FormatRfc3339(TimePoint(std::chrono::seconds(seconds))));
}

json::object ProgressJson(const exchange::CaseProgress& p) {
  json::array steps;
  for (const auto& s : p.steps) {
    steps.push_back(
        {{"event_type", s.event_type}, {"name", s.name}, {"at", TimeOrNull(s.occurred_at)}});
  }
  return {{"case_number", p.case_number},
          {"item_code", p.item_code},
          {"item_name", p.item_name},
          {"department_name", p.department_name},
          {"state", p.state},
          {"suspended", p.suspended},
          {"outcome", p.outcome},
          {"steps", std::move(steps)},
          {"deadline", p.deadline ? TimeOrNull(*p.deadline) : json::value(nullptr)},
          {"deadline_state", p.deadline_state}};
}

struct ProgressRoute {
  ProgressRoute(ApiContext& context, std::shared_ptr<http::RateLimiter> limiter)
      : ctx(context), calendar(context.db), limit(http::RateLimit(std::move(limiter))) {}

  ApiContext& ctx;
  calendar::CalendarService calendar;
  http::Middleware limit;

  http::Response Handle(http::Request& request) {
    if (auto rejected = limit(request, http::RouteInfo{})) return std::move(*rejected);

    std::string_view case_number = request.Query("case_number").value_or("");
    std::string_view query_code = request.Query("query_code").value_or("");
    if (case_number.empty() || query_code.empty()) {
      return http::ErrorResponse(
          Error::InvalidField(case_number.empty() ? "case_number" : "query_code",
                              "send both case_number and query_code as printed on the receipt"));
    }

    int64_t now = ctx.clock.NowSeconds();
    if (int64_t locked = exchange::SecondsLocked(ctx.db, case_number, now); locked > 0) {
      return Locked(locked);
    }

    auto current = calendar.Current();
    auto progress = exchange::LookUpProgress(ctx.db, current.get(), case_number, query_code);
    if (!progress) {
      // Case numbers longer than any stored one cannot match and are not counted.
      bool countable = progress.error().code == ErrorCode::kNotFound && case_number.size() <= 64;
      if (countable && exchange::RecordFailedLookup(ctx.db, ctx.ledger, case_number,
                                                    request.remote_address(), now) > 0) {
        return Locked(exchange::SecondsLocked(ctx.db, case_number, now));
      }
      return http::ErrorResponse(progress.error());
    }
    auto response = http::Json(ProgressJson(*progress));
    response.SetHeader(boost::beast::http::field::cache_control, "no-store");
    return response;
  }

  // The body of a mismatch under 429, so that a lock reveals nothing about the case.
  static http::Response Locked(int64_t retry_after_seconds) {
    http::Response response = http::ErrorResponse(exchange::NoProgressMatch(),
                                                  boost::beast::http::status::too_many_requests);
    response.SetHeader(boost::beast::http::field::retry_after,
                       std::to_string(retry_after_seconds));
    response.SetHeader(boost::beast::http::field::cache_control, "no-store");
    return response;
  }
};

}  // namespace

void RegisterProgressRoutes(http::Router& router, ApiContext& ctx) {
  auto limiter = std::make_shared<http::RateLimiter>(kLookupLimit, ctx.clock);
  auto route = std::make_shared<ProgressRoute>(ctx, limiter);
  router.Get("/api/v1/public/progress", [route](http::Request& r) { return route->Handle(r); },
             {.summary = "Progress of a case by case_number and query_code, as printed on the "
                         "receipt; no personal data; 404 for any mismatch; 10 lookups a minute "
                         "per address; 5 mismatches of one case number in 15 minutes lock it "
                         "for 30 minutes (429)",
              .tag = "cases",
              .auth = http::AuthRequirement::kPublic});
}

}  // namespace mingjing::api
