// Shared state of the server and its connections. Internal to http/: not for other folders.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <list>
#include <optional>
#include <thread>
#include <vector>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace mingjing::http::detail {

// The server's own series: requests by method and status, durations, in-flight requests and
// open connections.
class ServerMetrics {
 public:
  explicit ServerMetrics(MetricsRegistry& registry);

  void RecordRequest(boost::beast::http::verb method, int status,
                     std::chrono::steady_clock::duration duration);

  Gauge& in_flight;
  Gauge& open_connections;

 private:
  static constexpr int kMethodCount = 8;  // GET HEAD POST PUT PATCH DELETE OPTIONS other
  static constexpr int kMinStatus = 100;
  static constexpr int kStatusCount = 500;  // 100 to 599

  static int MethodIndex(boost::beast::http::verb method);

  MetricsRegistry& registry_;
  Histogram& duration_;
  // Counters are created on first use and then read without the registry lock.
  std::array<std::atomic<Counter*>, kMethodCount * kStatusCount> requests_{};
};

// A live connection as its worker sees it; used only on the worker's thread.
struct ConnectionControl {
  enum class Phase { kIdle, kBusy, kStreaming };
  Phase phase = Phase::kIdle;
  std::function<void()> cancel;  // aborts the connection's pending reads, writes and waits
};

// One I/O thread: its io_context, its acceptor and its connections.
struct Worker {
  boost::asio::io_context io{1};
  std::optional<boost::asio::ip::tcp::acceptor> acceptor;
  std::list<ConnectionControl*> connections;
  std::thread thread;
};

// What every connection reads. Fixed after Server::Start() apart from the atomics.
struct ServerContext {
  ServerContext(const ServerOptions& server_options, const Router& server_router,
                ServerMetrics& server_metrics)
      : options(server_options), router(server_router), metrics(server_metrics) {}

  const ServerOptions& options;
  const Router& router;
  ServerMetrics& metrics;
  boost::asio::ssl::context* tls = nullptr;      // null for plain HTTP
  boost::asio::thread_pool* handlers = nullptr;  // null: handlers run on the I/O threads
  std::vector<boost::asio::ip::address> trusted_proxies;

  std::atomic<bool> draining{false};
  std::atomic<int64_t> open_connections{0};
  std::function<void()> on_last_connection_closed;  // wakes Server::Wait()
};

// Serves one accepted socket on `worker` until it closes.
void SpawnConnection(ServerContext& context, Worker& worker, boost::asio::ip::tcp::socket socket);

// The IMF-fixdate of now, e.g. "Sun, 06 Nov 1994 08:49:37 GMT", formatted once per second.
const std::string& HttpDateNow();

}  // namespace mingjing::http::detail
