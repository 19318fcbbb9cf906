// Built-in middleware: per-client rate limits and the access log. Request size limits are not
// middleware: the server enforces ServerOptions::max_body_bytes (or RouteInfo::max_body_bytes)
// while it reads, answering 413 as soon as a Content-Length or a growing chunked body exceeds it.
//
// Order matters: register the rate limit with Router::UseBeforeBody() so that a client over its
// limit is rejected before its body is read, and the access log with Router::Observe().
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "http/router.h"

namespace spdlog {
class logger;
}

namespace mingjing::http {

struct RateLimitOptions {
  double requests_per_second = 20;  // sustained rate per client, tokens added per second
  double burst = 60;                // bucket size: requests a client may make at once
  size_t max_clients = 100'000;     // tracked client keys; idle ones are forgotten first
};

// A token bucket per client key. IPv6 clients are keyed by their /64 prefix, since one host
// usually owns a whole /64 and could otherwise rotate addresses to escape the limit.
// Thread-safe; the buckets are split over shards to keep lock contention low.
class RateLimiter {
 public:
  RateLimiter(RateLimitOptions options, const Clock& clock);

  // Takes one token for `client_address`. Returns 0 when allowed, else the whole seconds
  // (at least 1) until a token is available, for the Retry-After header.
  int64_t Acquire(std::string_view client_address);

  // The client key of an address: the address itself, or the /64 prefix of an IPv6 address.
  static std::string ClientKey(std::string_view address);

 private:
  struct Bucket {
    double tokens;
    TimePoint updated;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr size_t kShardCount = 16;

  void Evict(Shard& shard, TimePoint now);

  RateLimitOptions options_;
  const Clock& clock_;
  Shard shards_[kShardCount];
};

// Answers 429 with Retry-After and the error shape when the client's bucket is empty.
Middleware RateLimit(std::shared_ptr<RateLimiter> limiter);

// Logs one line per response through `logger` (the default spdlog logger when null): request id,
// method, path without the query string, status, duration, body bytes and client address.
// Never the query, the body, cookies or the Authorization header.
ResponseObserver AccessLog(std::shared_ptr<spdlog::logger> logger = nullptr);

// `text` with every byte outside printable ASCII (spaces included) written as %XX, so a request
// cannot forge log lines or terminal escapes.
std::string EscapeForLog(std::string_view text);

}  // namespace mingjing::http
