#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <condition_variable>
#include <csignal>
#include <mutex>

#include "http/middleware.h"
#include "http/server_internal.h"
#include "http/static_files.h"

namespace mingjing::http {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// SO_REUSEPORT lets every worker bind its own acceptor to the same port, and the kernel spreads
// new connections over them.
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

constexpr int kListenBacklog = 1024;
// After the shutdown timeout the remaining connections are aborted, and this bounds the wait
// for their coroutines to finish.
constexpr std::chrono::seconds kAbortWait{2};

Error ConfigError(std::string field, std::string message) {
  return Error::InvalidField(std::move(field), std::move(message));
}

}  // namespace

Result<std::pair<std::string, uint16_t>> ParseListenAddress(std::string_view listen) {
  std::string_view host;
  std::string_view port;
  if (listen.starts_with('[')) {
    size_t close = listen.find(']');
    if (close == std::string_view::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      return ConfigError("listen", fmt::format("invalid listen address '{}': expected "
                                               "[IPV6]:PORT",
                                               listen));
    }
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    size_t colon = listen.rfind(':');
    if (colon == std::string_view::npos) {
      return ConfigError("listen",
                         fmt::format("invalid listen address '{}': expected HOST:PORT", listen));
    }
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
  }

  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return ConfigError("listen", fmt::format("invalid port '{}' in listen address '{}': expected "
                                             "0 to 65535",
                                             port, listen));
  }
  return std::pair<std::string, uint16_t>{host.empty() ? "0.0.0.0" : std::string(host),
                                          static_cast<uint16_t>(value)};
}

class Server::Impl {
 public:
  explicit Impl(ServerOptions options)
      : options_(std::move(options)),
        metrics_(registry_),
        rejected_connections_(
            registry_.GetCounter("mingjing_http_rejected_connections_total",
                                 "Connections closed at once because max_connections were open")),
        context_(options_, router_, metrics_) {
    registry_.AddGaugeCallback("process_resident_memory_bytes", "Resident memory size in bytes",
                               ProcessResidentMemoryBytes);
    AddBuiltInRoutes();
    if (!options_.web_root.empty()) {
      auto files = std::make_shared<StaticFiles>(StaticFilesOptions{.root = options_.web_root});
      router_.SetFallback([files](Request& request) { return files->Serve(request); });
    }
    if (options_.access_log) router_.Observe(AccessLog());
  }

  ~Impl() {
    if (started_) {
      Stop();
      Wait();
    }
  }

  Result<void> Start();
  void Stop();
  void Wait();
  Result<void> Run();

  Router router_;
  MetricsRegistry registry_;
  ServerOptions options_;
  std::atomic<uint16_t> port_{0};  // read by other threads while Run() blocks

 private:
  void AddBuiltInRoutes();
  Result<void> LoadTls();
  Result<void> Listen();
  asio::awaitable<void> Accept(detail::Worker& worker);
  void Drain();
  // Queues `action` to run on every worker's thread. It does not wait: a worker may be busy in a
  // slow handler, and the shutdown timeout must still hold.
  void OnEveryWorker(const std::function<void(detail::Worker&)>& action);

  detail::ServerMetrics metrics_;
  Counter& rejected_connections_;
  detail::ServerContext context_;
  std::optional<asio::ssl::context> tls_;
  std::optional<asio::thread_pool> handlers_;
  std::vector<std::unique_ptr<detail::Worker>> workers_;
  std::string openapi_json_;

  std::mutex mutex_;
  std::condition_variable changed_;
  bool started_ = false;
  bool stop_requested_ = false;
  bool stopped_ = false;
};

void Server::Impl::AddBuiltInRoutes() {
  RouteInfo probe{.summary = {}, .tag = "operations", .auth = AuthRequirement::kPublic};

  probe.summary = "Liveness: 200 while the process serves requests";
  router_.Get(
      "/healthz",
      [](Request&) {
        return Json(boost::json::object{{"status", "ok"}});
      },
      probe);

  probe.summary = "Readiness: 200 when the stores answer, 503 otherwise or while shutting down";
  router_.Get(
      "/readyz",
      [this](Request&) {
        if (context_.draining) {
          return ErrorResponse(Error{ErrorCode::kUnavailable, "the server is shutting down", {}});
        }
        if (options_.readiness) {
          Result<void> ready = options_.readiness();
          if (!ready) {
            Error error = ready.error();
            error.code = ErrorCode::kUnavailable;
            return ErrorResponse(error);
          }
        }
        return Json(boost::json::object{{"status", "ready"}});
      },
      probe);

  probe.summary = "Metrics in the Prometheus text format";
  router_.Get(
      "/metrics",
      [this](Request&) {
        Response response(beast_http::status::ok);
        response.SetBody(registry_.Render(), "text/plain; version=0.0.4; charset=utf-8");
        return response;
      },
      probe);

  probe.summary = "This OpenAPI document";
  router_.Get(
      "/api/v1/openapi.json",
      [this](Request&) {
        Response response(beast_http::status::ok);
        response.SetBody(openapi_json_, kJsonContentType);
        return response;
      },
      probe);
}

Result<void> Server::Impl::LoadTls() {
  bool has_certificate = !options_.tls_certificate_file.empty();
  bool has_key = !options_.tls_private_key_file.empty();
  if (!has_certificate && !has_key) return {};
  if (has_certificate != has_key) {
    return ConfigError(has_certificate ? "tls_private_key_file" : "tls_certificate_file",
                       "TLS needs both a certificate file and a private key file");
  }

  tls_.emplace(asio::ssl::context::tls_server);
  boost::system::error_code ec;
  tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use,
                    ec);
  tls_->use_certificate_chain_file(options_.tls_certificate_file, ec);
  if (ec) {
    return ConfigError("tls_certificate_file",
                       fmt::format("cannot load TLS certificate chain {}: {}",
                                   options_.tls_certificate_file, ec.message()));
  }
  tls_->use_private_key_file(options_.tls_private_key_file, asio::ssl::context::pem, ec);
  if (ec) {
    return ConfigError("tls_private_key_file",
                       fmt::format("cannot load TLS private key {}: {}",
                                   options_.tls_private_key_file, ec.message()));
  }
  context_.tls = &*tls_;
  return {};
}

Result<void> Server::Impl::Listen() {
  auto listen = ParseListenAddress(options_.listen);
  if (!listen) return listen.error();
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(listen->first, ec);
  if (ec) {
    return ConfigError(
        "listen", fmt::format("invalid listen host '{}': expected an IP address", listen->first));
  }

  unsigned threads = options_.io_threads > 0 ? static_cast<unsigned>(options_.io_threads)
                                             : std::max(1u, std::thread::hardware_concurrency());
  uint16_t port = listen->second;
  for (unsigned i = 0; i < threads; ++i) {
    auto worker = std::make_unique<detail::Worker>();
    tcp::endpoint endpoint(address, port);
    auto& acceptor = worker->acceptor.emplace(worker->io);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.set_option(ReusePort(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(kListenBacklog, ec);
    if (ec) {
      return Error{ErrorCode::kUnavailable,
                   fmt::format("cannot listen on {}:{}: {}", listen->first, port, ec.message()),
                   "listen"};
    }
    // With port 0 the first bind picks a free port, which the other workers then share.
    port = acceptor.local_endpoint().port();
    workers_.push_back(std::move(worker));
  }
  port_ = port;
  return {};
}

Result<void> Server::Impl::Start() {
  {
    std::lock_guard lock(mutex_);
    if (started_) return Error::Conflict("the HTTP server is already started");
  }
  for (const std::string& proxy : options_.trusted_proxies) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(proxy, ec);
    if (ec) {
      return ConfigError("trusted_proxies",
                         fmt::format("invalid trusted proxy '{}': expected an IP address", proxy));
    }
    context_.trusted_proxies.push_back(address);
  }
  if (auto tls = LoadTls(); !tls) return tls;
  if (auto listening = Listen(); !listening) {
    workers_.clear();
    return listening;
  }

  openapi_json_ = boost::json::serialize(BuildOpenApi(router_, options_.openapi));
  if (options_.handler_threads > 0) {
    handlers_.emplace(static_cast<size_t>(options_.handler_threads));
    context_.handlers = &*handlers_;
  }
  context_.on_last_connection_closed = [this] {
    std::lock_guard lock(mutex_);
    changed_.notify_all();
  };

  for (auto& worker : workers_) {
    asio::co_spawn(worker->io, Accept(*worker), asio::detached);
    worker->thread = std::thread([&io = worker->io] {
      // The work guard keeps run() going while the worker has no connection.
      auto guard = asio::make_work_guard(io);
      while (true) {
        try {
          io.run();
          break;
        } catch (const std::exception& e) {
          spdlog::error("http I/O thread caught an exception and continues: {}", e.what());
        }
      }
    });
  }

  std::lock_guard lock(mutex_);
  started_ = true;
  spdlog::info("http server listening on {} port {} with {} I/O threads, {} handler threads{}",
               options_.listen, port_, workers_.size(), options_.handler_threads,
               tls_ ? " (TLS)" : "");
  return {};
}

asio::awaitable<void> Server::Impl::Accept(detail::Worker& worker) {
  asio::steady_timer backoff(worker.io);
  std::chrono::steady_clock::time_point last_rejection_log{};
  while (worker.acceptor && worker.acceptor->is_open()) {
    auto [ec, socket] = co_await worker.acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || context_.draining) break;
    if (ec) {
      // Out of file descriptors and similar: wait briefly rather than spin on the error.
      spdlog::warn("http accept failed: {}", ec.message());
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (context_.open_connections >= options_.max_connections) {
      rejected_connections_.Increment();
      auto now = std::chrono::steady_clock::now();
      if (now - last_rejection_log >= std::chrono::seconds(1)) {
        spdlog::warn("http connection limit of {} reached; closing new connections",
                     options_.max_connections);
        last_rejection_log = now;
      }
      boost::system::error_code ignored;
      socket.close(ignored);
      continue;
    }
    detail::SpawnConnection(context_, worker, std::move(socket));
  }
}

void Server::Impl::Stop() {
  std::lock_guard lock(mutex_);
  stop_requested_ = true;
  changed_.notify_all();
}

void Server::Impl::OnEveryWorker(const std::function<void(detail::Worker&)>& action) {
  for (auto& worker : workers_) {
    asio::post(worker->io, [action, worker = worker.get()] { action(*worker); });
  }
}

void Server::Impl::Drain() {
  context_.draining = true;
  OnEveryWorker([](detail::Worker& worker) {
    boost::system::error_code ec;
    if (worker.acceptor) worker.acceptor->close(ec);
    for (detail::ConnectionControl* connection : worker.connections) {
      if (connection->phase != detail::ConnectionControl::Phase::kBusy) connection->cancel();
    }
  });

  std::unique_lock lock(mutex_);
  bool drained = changed_.wait_for(lock, options_.shutdown_timeout,
                                   [this] { return context_.open_connections == 0; });
  lock.unlock();
  if (!drained) {
    spdlog::warn("http shutdown timeout passed with {} connections open; aborting them",
                 context_.open_connections.load());
    OnEveryWorker([](detail::Worker& worker) {
      for (detail::ConnectionControl* connection : worker.connections) connection->cancel();
    });
    lock.lock();
    changed_.wait_for(lock, kAbortWait, [this] { return context_.open_connections == 0; });
  }
}

void Server::Impl::Wait() {
  {
    std::unique_lock lock(mutex_);
    if (!started_ || stopped_) return;
    changed_.wait(lock, [this] { return stop_requested_; });
  }
  spdlog::info("http server stopping: draining {} open connections",
               context_.open_connections.load());
  Drain();

  for (auto& worker : workers_) worker->io.stop();
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  // A handler still running refers to its connection's coroutine frame, which the io_context
  // owns: the pool must finish before the workers go.
  if (handlers_) handlers_->join();
  workers_.clear();

  std::lock_guard lock(mutex_);
  stopped_ = true;
  spdlog::info("http server stopped");
}

Result<void> Server::Impl::Run() {
  if (auto started = Start(); !started) return started;

  // The signal set runs on its own thread, so a signal calls Stop() even while every worker
  // thread is busy in a handler.
  asio::io_context signals_io(1);
  asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("http server received signal {}", signal);
    Stop();
  });
  std::thread signal_thread([&signals_io] { signals_io.run(); });

  Wait();

  signals.cancel();
  signals_io.stop();
  signal_thread.join();
  return {};
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;

Router& Server::router() { return impl_->router_; }
MetricsRegistry& Server::metrics() { return impl_->registry_; }
const ServerOptions& Server::options() const { return impl_->options_; }
Result<void> Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port_; }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }
Result<void> Server::Run() { return impl_->Run(); }

}  // namespace mingjing::http
