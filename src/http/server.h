// The HTTP/1.1 server: keep-alive, pipelined requests handled in order, optional TLS, limits and
// timeouts against misbehaving clients, and a graceful shutdown.
//
// How app/ wires it:
//
//   http::ServerOptions options;
//   options.listen = config.listen;                 // "127.0.0.1:8080", "[::1]:8443", ":0"
//   options.io_threads = config.io_threads;
//   options.web_root = config.web_root;
//   options.tls_certificate_file = config.tls_certificate;
//   options.tls_private_key_file = config.tls_private_key;
//   options.readiness = [&db]() -> Result<void> { return db.Ping(); };
//
//   http::Server server(options);
//   http::Router& router = server.router();
//   router.UseBeforeBody(http::RateLimit(std::make_shared<http::RateLimiter>(
//       http::RateLimitOptions{}, clock)));
//   router.Use(auth::SessionMiddleware(...));       // returns 401/403 to short-circuit
//   router.Get("/api/v1/cases/{id}",
//              [&](http::Request& request) {
//                auto found = cases.Find(request.PathParam("id"), *request.principal);
//                if (!found) return http::ErrorResponse(found.error());
//                return http::Json(ToJson(*found));
//              },
//              {.summary = "One case with its steps", .tag = "cases",
//               .auth = http::AuthRequirement::kSessionOrApiKey});
//   server.metrics().AddGaugeCallback("mingjing_outbox_pending", "Outbox rows not yet sent",
//                                     [&] { return double(outbox.PendingCount()); });
//
//   if (auto started = server.Run(); !started) { ... started.error().message ... }
//   // Run() has returned after SIGINT/SIGTERM and drained the connections: flush the stores.
//
// Built-in routes: GET /healthz, GET /readyz, GET /metrics and GET /api/v1/openapi.json, all
// public. With a web root, GET and HEAD requests that match no route serve the front end.
//
// Threads: each I/O thread runs its own io_context with its own SO_REUSEPORT acceptor, so a
// connection lives on one thread and needs no locks. Handlers run on that thread unless
// ServerOptions::handler_threads is set; there, a handler that blocks (a database query) holds up
// the other connections of that thread until it returns.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "http/metrics.h"
#include "http/openapi.h"
#include "http/router.h"

namespace mingjing::http {

struct ServerOptions {
  // HOST:PORT; an IPv6 host goes in brackets. Port 0 picks a free port (see Server::port()).
  std::string listen = "127.0.0.1:8080";
  int io_threads = 0;  // 0: one per hardware thread
  // Threads that run route handlers, apart from the I/O threads. 0 runs each handler on its
  // connection's I/O thread, which is fastest while handlers are quick; with N > 0 a handler
  // that waits on the database no longer holds up that I/O thread's other connections, at the
  // cost of two thread switches per request. The static front end is always served inline.
  int handler_threads = 0;
  // Open connections, all threads together. Beyond it new connections are closed at once, which
  // keeps a flood of idle connections from using up the file descriptors.
  int64_t max_connections = 10'000;

  uint32_t max_header_bytes = 16 * 1024;      // request line and header fields; larger gets 431
  uint64_t max_body_bytes = 8 * 1024 * 1024;  // larger gets 413; RouteInfo can override

  // Timeouts. The header timeout runs from the first byte of a request (or the TLS handshake)
  // to the end of its header, so a client that trickles bytes (slowloris) is cut off.
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30'000};
  // How long Stop() lets in-flight requests finish before closing their connections.
  std::chrono::milliseconds shutdown_timeout{10'000};

  // PEM files. HTTPS (TLS 1.2 or later) when both are set.
  std::string tls_certificate_file;
  std::string tls_private_key_file;

  std::string web_root;  // built front end; empty serves no static files

  // Called by GET /readyz; an error makes it answer 503 with the error's message. Null: ready.
  std::function<Result<void>()> readiness;

  // Peers (IP addresses) whose X-Forwarded-For header is believed: for requests from them the
  // client address is the last address that header lists.
  std::vector<std::string> trusted_proxies;

  bool access_log = true;  // one spdlog line per response (see AccessLog())

  // Content-Security-Policy of HTML and SVG responses. The default allows only same-origin scripts,
  // styles, images (and data: images), fonts and fetches, and no framing.
  std::string content_security_policy =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'none'";

  OpenApiOptions openapi;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  // Stops and drains the server if it is still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Add routes and middleware before Start(); the router is read without locks afterwards.
  Router& router();
  MetricsRegistry& metrics();
  const ServerOptions& options() const;

  // Binds, loads the TLS files and starts the I/O threads; returns at once. Fails with
  // kInvalidField (field "listen", "tls_certificate_file" ...) or kUnavailable (bind failed).
  Result<void> Start();

  // The bound port, valid after Start() succeeded.
  uint16_t port() const;

  // Asks the server to stop; returns at once. Thread-safe and idempotent.
  void Stop();

  // Blocks until Stop() is called, then stops accepting, closes idle connections, lets in-flight
  // requests finish (at most shutdown_timeout), closes the rest and joins the I/O threads.
  // NOTE: a handler that is still running after the timeout cannot be interrupted, so Wait()
  // returns only once it does.
  void Wait();

  // Start(), then Wait() until SIGINT, SIGTERM or Stop().
  Result<void> Run();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "host:port" or "[v6]:port"; an empty host means all IPv4 interfaces.
Result<std::pair<std::string, uint16_t>> ParseListenAddress(std::string_view listen);

}  // namespace mingjing::http
