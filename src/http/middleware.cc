#include "http/middleware.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace mingjing::http {

namespace {

double SecondsBetween(TimePoint earlier, TimePoint later) {
  return std::chrono::duration<double>(later - earlier).count();
}

}  // namespace

RateLimiter::RateLimiter(RateLimitOptions options, const Clock& clock)
    : options_(options), clock_(clock) {
  options_.requests_per_second = std::max(options_.requests_per_second, 1e-6);
  options_.burst = std::max(options_.burst, 1.0);
  options_.max_clients = std::max<size_t>(options_.max_clients, kShardCount);
}

std::string RateLimiter::ClientKey(std::string_view address) {
  if (address.find(':') == std::string_view::npos) return std::string(address);

  std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return text;
  return fmt::format("{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}:{:02x}{:02x}::/64", bytes[0], bytes[1],
                     bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
}

int64_t RateLimiter::Acquire(std::string_view client_address) {
  std::string key = ClientKey(client_address);
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShardCount];
  TimePoint now = clock_.Now();

  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= options_.max_clients / kShardCount) Evict(shard, now);
    it = shard.buckets.emplace(std::move(key), Bucket{options_.burst, now}).first;
  }

  Bucket& bucket = it->second;
  double elapsed = std::max(0.0, SecondsBetween(bucket.updated, now));
  bucket.tokens = std::min(options_.burst, bucket.tokens + elapsed * options_.requests_per_second);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  double wait = (1 - bucket.tokens) / options_.requests_per_second;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait)));
}

void RateLimiter::Evict(Shard& shard, TimePoint now) {
  // A completely refilled bucket is the same as a new one, so dropping it loses nothing.
  double refill_seconds = options_.burst / options_.requests_per_second;
  std::erase_if(shard.buckets, [&](const auto& entry) {
    return SecondsBetween(entry.second.updated, now) >= refill_seconds;
  });

  // Still full: every client is active. Forget an arbitrary half, which can only let those
  // clients through sooner; memory stays bounded either way.
  size_t limit = options_.max_clients / kShardCount;
  if (shard.buckets.size() >= limit) {
    size_t to_remove = shard.buckets.size() - limit / 2;
    for (auto it = shard.buckets.begin(); it != shard.buckets.end() && to_remove > 0; --to_remove) {
      it = shard.buckets.erase(it);
    }
  }
}

Middleware RateLimit(std::shared_ptr<RateLimiter> limiter) {
  return [limiter = std::move(limiter)](Request& request,
                                        const RouteInfo&) -> std::optional<Response> {
    int64_t retry_after = limiter->Acquire(request.remote_address());
    if (retry_after == 0) return std::nullopt;

    Response response = ErrorResponse(
        Error{ErrorCode::kRateLimited,
              fmt::format("too many requests from this address; retry after {} s", retry_after),
              {}});
    response.SetHeader(boost::beast::http::field::retry_after, std::to_string(retry_after));
    return response;
  };
}

ResponseObserver AccessLog(std::shared_ptr<spdlog::logger> logger) {
  return [logger = std::move(logger)](const Request& request, const Response& response,
                                      std::chrono::steady_clock::duration duration) {
    spdlog::logger& out = logger ? *logger : *spdlog::default_logger_raw();
    double milliseconds = std::chrono::duration<double, std::milli>(duration).count();
    out.info("http request_id={} method={} path={} status={} duration_ms={:.3f} bytes={} remote={}",
             request.request_id(), EscapeForLog(request.method_string()),
             EscapeForLog(request.raw_path()), response.status_code(), milliseconds,
             response.body().size(), request.remote_address());
  };
}

std::string EscapeForLog(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

}  // namespace mingjing::http
