// Server-sent events: a hub that fans events out to open text/event-stream connections.
//
// A stream route subscribes the caller to one or more filter keys (e.g. "division:320102",
// "user:42"); Publish() from any thread delivers an event to every stream subscribed to its key.
//
//   http::SseHub hub;
//   router.Stream("/api/v1/events", [&hub](http::Request& request) {
//     return http::StartEventStream(hub, request, {"user:" + std::to_string(user_id)},
//                                   [&](std::string_view last_id) { return Missed(last_id); });
//   }, {.summary = "Alert events", .tag = "alerts"});
//   hub.Publish("user:42", "alert", alert_json, "1234");
//
// Each connection writes a comment line every heartbeat interval so proxies keep it open and a
// vanished client is noticed. A client that falls more than max_queued_events behind is dropped;
// it reconnects with Last-Event-ID and the replay callback sends what it missed.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace mingjing::http {

struct SseEvent {
  std::string name;  // the "event:" field; empty means the default "message"
  std::string data;  // serialized JSON, one line
  std::string id;    // the "id:" field the client echoes as Last-Event-ID; may be empty
};

// Formats one event as text/event-stream lines ending in a blank line. CR and LF inside the
// name or id are dropped since they would end the field early.
std::string FormatSseEvent(const SseEvent& event);

struct SseHubOptions {
  size_t max_queued_events = 256;                        // per connection, before it is dropped
  std::chrono::milliseconds heartbeat_interval{15'000};  // between comment lines when idle
};

// Returns the events after `last_event_id`, oldest first. Called on the handler's thread.
using SseReplay = std::function<std::vector<SseEvent>(std::string_view last_event_id)>;

// A cap on the streams open at once under one key, e.g. the consoles of one account.
struct SseStreamLimit {
  std::string key;         // one of the stream's keys; "" for no limit
  size_t max_streams = 0;  // a new stream beyond this many under `key` is rejected
  std::string message;     // the 429 error message for a rejected stream
};

namespace detail {
struct SseHubState;
}

// One subscribed connection. Created by StartEventStream(); the server drives it.
class EventStream : public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(std::shared_ptr<detail::SseHubState> hub, std::vector<std::string> keys);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Queues a formatted event. Thread-safe. Marks the stream overflowed when the queue is full.
  void Push(std::shared_ptr<const std::string> frame);
  // Queues replayed frames ahead of everything queued so far, whatever the queue limit.
  void Prepend(std::vector<std::shared_ptr<const std::string>> frames);
  // Ends the stream, e.g. at shutdown. Thread-safe.
  void Close();

  // The server's side, all called on the connection's executor. `wake` runs there whenever
  // events arrive or the stream closes; `abort` is true when the connection must stop at once.
  void Attach(boost::asio::any_io_executor executor, std::function<void(bool abort)> wake);
  void Detach();
  // Moves the queued frames into `out`; false once the stream is closed or overflowed.
  bool TakeFrames(std::vector<std::shared_ptr<const std::string>>& out);
  std::chrono::milliseconds heartbeat_interval() const { return heartbeat_interval_; }
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  void WakeLocked(bool abort);

  std::shared_ptr<detail::SseHubState> hub_;
  std::vector<std::string> keys_;
  std::chrono::milliseconds heartbeat_interval_;
  size_t max_queued_;

  std::mutex mutex_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool closed_ = false;
  bool overflowed_ = false;
  bool wake_pending_ = false;
  boost::asio::any_io_executor executor_;
  std::shared_ptr<std::function<void(bool)>> wake_;
};

class SseHub {
 public:
  explicit SseHub(SseHubOptions options = {});
  ~SseHub();
  SseHub(const SseHub&) = delete;
  SseHub& operator=(const SseHub&) = delete;

  // Sends an event to every stream subscribed to `key`. Thread-safe.
  void Publish(std::string_view key, std::string_view event, const boost::json::value& data,
               std::string_view id = {});
  // Sends an event once to every stream subscribed to any of `keys`. Thread-safe.
  void Publish(const std::vector<std::string>& keys, std::string_view event,
               const boost::json::value& data, std::string_view id = {});

  // Ends every open stream; later subscriptions still work.
  void CloseAll();

  size_t subscriber_count() const;
  // The open streams subscribed to `key`.
  size_t subscriber_count(std::string_view key) const;
  const SseHubOptions& options() const;

 private:
  friend Response StartEventStream(SseHub& hub, const Request& request,
                                   std::vector<std::string> keys, SseReplay replay,
                                   const SseStreamLimit& limit);
  std::shared_ptr<detail::SseHubState> state_;
};

// Subscribes the caller to `keys` and returns the 200 text/event-stream response that the server
// keeps open. When the request has a Last-Event-ID header and `replay` is set, the events that
// `replay` returns are sent first. Subscribing happens before the replay, so an event published
// meanwhile may arrive twice; clients compare ids. When `limit.key` already has
// `limit.max_streams` open streams, nothing is subscribed and the response is 429
// rate_limited with `limit.message`. A stream's slot frees once its connection has closed.
Response StartEventStream(SseHub& hub, const Request& request, std::vector<std::string> keys,
                          SseReplay replay = nullptr, const SseStreamLimit& limit = {});

}  // namespace mingjing::http
