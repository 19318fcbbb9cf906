// GET /api/v1/stream: the console's live feed of alert notices over server-sent events. Each
// signed-in account receives the notices addressed to it (notify/outbox.h decides who that is), and
// a console that reconnects with Last-Event-ID gets what it missed from the outbox.
#include "api/stream_routes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <charconv>

#include "api/guard.h"
#include "api/routes.h"
#include "notify/outbox.h"

namespace mingjing::api {
namespace {

// The maximum number of events one reconnect replays; a console that missed more reloads its lists
// anyway.
constexpr int kMaxReplayedEvents = 500;

// The maximum number of streams one account may hold open, so that one account cannot tie up
// the server's connections. Four covers a person with a few console tabs and a wall display.
constexpr size_t kMaxStreamsPerUser = 4;

std::string UserKey(int64_t user_id) { return "user:" + std::to_string(user_id); }

std::vector<http::SseEvent> Replay(store::Database& db, int64_t user_id,
                                   std::string_view last_event_id) {
  int64_t after = 0;
  auto [end, ec] =
      std::from_chars(last_event_id.data(), last_event_id.data() + last_event_id.size(), after);
  if (ec != std::errc() || end != last_event_id.data() + last_event_id.size() || after < 0) {
    spdlog::warn("ignored an invalid Last-Event-ID on the alert stream: user_id={}", user_id);
    return {};
  }

  std::vector<http::SseEvent> events;
  auto lease = db.Acquire();
  for (const notify::OutboxRow& row :
       notify::ListSseAfter(*lease, user_id, after, kMaxReplayedEvents)) {
    events.push_back({.name = "alert", .data = row.body, .id = std::to_string(row.id)});
  }
  return events;
}

http::Response Stream(ApiContext& ctx, http::Request& request) {
  if (ctx.sse_hub == nullptr) {
    return http::ErrorResponse(
        Error{ErrorCode::kUnavailable, "this server has no live event stream", {}});
  }
  int64_t user_id = Caller(request).user_id;
  if (user_id == 0) return http::ErrorResponse(Error::Forbidden("only people can open a stream"));

  store::Database& db = ctx.db;
  http::SseStreamLimit limit{
      UserKey(user_id), kMaxStreamsPerUser,
      fmt::format("this account already has {} open alert streams, the most allowed; close a "
                  "console tab or window, then try again",
                  kMaxStreamsPerUser)};
  http::Response response = http::StartEventStream(
      *ctx.sse_hub, request, {UserKey(user_id)},
      [&db, user_id](std::string_view last_event_id) { return Replay(db, user_id, last_event_id); },
      limit);
  if (response.event_stream == nullptr) {
    spdlog::warn("alert stream rejected: user_id={} open_streams={}", user_id,
                 ctx.sse_hub->subscriber_count(UserKey(user_id)));
  }
  return response;
}

}  // namespace

void PublishAlertNotice(http::SseHub& hub, int64_t recipient_id, int64_t outbox_id,
                        const std::string& body) {
  boost::system::error_code ec;
  boost::json::value data = boost::json::parse(body, ec);
  if (ec) {
    spdlog::error("skipped an outbox row whose body is not JSON: outbox_id={}", outbox_id);
    return;
  }
  hub.Publish(UserKey(recipient_id), "alert", data, std::to_string(outbox_id));
}

void RegisterStreamRoutes(http::Router& router, ApiContext& ctx) {
  router.Stream(
      "/api/v1/stream", [&ctx](http::Request& request) { return Stream(ctx, request); },
      {.summary = "Live alert notices for the signed-in account (event \"alert\": AlertSummary); "
                  "at most 4 open streams per account, 429 beyond",
       .tag = "alerts"});
}

}  // namespace mingjing::api
