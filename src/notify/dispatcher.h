// The dispatcher delivers outbox rows (outbox.h). Each pass publishes the SSE rows that are new
// since the last pass to this server's open console streams, and sends the due SMS rows through
// the gateway within the per-person rate limit, retrying failures with backoff.
//
// Several servers may share one PostgreSQL. Each server publishes every SSE row to its own
// streams, because each console is connected to one server. SMS rows are claimed with
// FOR UPDATE SKIP LOCKED and a claim that expires, so each SMS goes out from one server at a
// time and a server that dies mid-send leaves its rows to be sent again (at least once).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "common/clock.h"
#include "notify/rate_limit.h"
#include "notify/retry.h"
#include "notify/sms_gateway.h"
#include "store/database.h"

namespace mingjing::notify {

struct DispatcherOptions {
  std::chrono::milliseconds poll_interval{1000};
  // How long a claimed SMS row stays with this server; must exceed the gateway's timeout.
  int64_t claim_seconds = 60;
  RetryPolicy retry;
  SmsRateLimit rate_limit;
  // SSE rows created this long before a pass are still checked for publishing, so a row whose
  // transaction committed after a row with a higher id is not skipped.
  int64_t sse_lookback_seconds = 30;
  int max_recipients_per_pass = 100;  // SMS recipients handled per pass
};

// Publishes one SSE row: the recipient's user id, the outbox id (the event id that the console
// sends back as Last-Event-ID) and the event's JSON.
using SsePublisher =
    std::function<void(int64_t recipient_id, int64_t outbox_id, const std::string& body)>;

struct DispatchStats {
  int sse_published = 0;
  int sms_sent = 0;
  int sms_failed = 0;   // will be retried
  int sms_dead = 0;     // given up
  int sms_delayed = 0;  // held back by the rate limit
  int sms_merged = 0;   // folded into a digest
};

class Dispatcher {
 public:
  // `gateway` may be null, which leaves SMS rows pending (no SMS gateway configured).
  // `publisher` may be empty, which skips SSE publishing.
  Dispatcher(store::Database& db, const Clock& clock, SmsGateway* gateway, SsePublisher publisher,
             DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Starts the background loop that runs DispatchOnce() every poll interval.
  void Start();
  // Stops the loop and waits for the pass in progress. Safe to call twice.
  void Stop();
  // Runs the next pass now, e.g. right after a transaction that enqueued notices committed.
  void Wake();

  // Runs one pass on the calling thread. Store failures are logged and end the pass early.
  DispatchStats DispatchOnce();

 private:
  int PublishSse();
  void SendSms(DispatchStats& stats);
  void SendForRecipient(int64_t recipient_id, DispatchStats& stats);
  void Deliver(const SmsMessage& message, int attempts, DispatchStats& stats);
  void Loop();

  store::Database& db_;
  const Clock& clock_;
  SmsGateway* gateway_;
  SsePublisher publisher_;
  DispatcherOptions options_;

  int64_t sse_floor_id_ = 0;              // SSE rows at or below it predate this server
  std::map<int64_t, int64_t> published_;  // outbox id → created_at, within the lookback

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace mingjing::notify
