// One HTTP/1.1 connection, plain or TLS, as a coroutine: read a request, write its response,
// repeat.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <ctime>

#include "http/middleware.h"
#include "http/server_internal.h"
#include "http/sse.h"

namespace mingjing::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kHeartbeat = ": keep-alive\n\n";
constexpr size_t kReadChunkBytes = 8 * 1024;
// After responding to a request whose body was left unread, read and discard at most this much for
// at most kLingerTime, so that closing does not reset the connection before the client has read
// the response.
constexpr size_t kLingerBytes = 1024 * 1024;
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::chrono::seconds kTlsShutdownTime{1};

template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, beast::tcp_stream>;

std::string AddressText(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

// Errors that mean the client went away or timed out: the connection just closes.
bool IsDisconnect(const beast::error_code& ec) {
  return ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
         ec == asio::error::eof || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == beast::error::timeout || ec.category() == asio::error::get_ssl_category() ||
         ec == asio::ssl::error::stream_truncated;
}

template <class Stream>
class Connection {
 public:
  Connection(ServerContext& context, Worker& worker, Stream stream, tcp::endpoint peer)
      : context_(context),
        worker_(worker),
        stream_(std::move(stream)),
        peer_address_(AddressText(peer.address())) {
    for (const auto& proxy : context_.trusted_proxies) {
      if (proxy == peer.address()) peer_is_trusted_proxy_ = true;
    }
    control_.cancel = [this] {
      Lowest().cancel();
      if (event_timer_) event_timer_->cancel();
    };
  }

  asio::awaitable<void> Run() {
    Register();
    try {
      if (co_await Handshake()) {
        while (co_await WaitForRequest()) {
          control_.phase = ConnectionControl::Phase::kBusy;
          if (!co_await HandleRequest()) break;
        }
      }
      co_await Shutdown();
    } catch (const std::exception& e) {
      spdlog::error("http connection from {} failed: {}", peer_address_, e.what());
    }
    Unregister();
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void Register() {
    registration_ = worker_.connections.insert(worker_.connections.end(), &control_);
    context_.open_connections.fetch_add(1);
    context_.metrics.open_connections.Add(1);
  }

  void Unregister() {
    worker_.connections.erase(registration_);
    context_.metrics.open_connections.Add(-1);
    if (context_.open_connections.fetch_sub(1) == 1 && context_.on_last_connection_closed) {
      context_.on_last_connection_closed();
    }
  }

  asio::awaitable<bool> Handshake() {
    if constexpr (kIsTls<Stream>) {
      Lowest().expires_after(context_.options.header_timeout);
      auto [ec] = co_await stream_.async_handshake(asio::ssl::stream_base::server, kAsTuple);
      if (ec) {
        spdlog::debug("http TLS handshake with {} failed: {}", peer_address_, ec.message());
        co_return false;
      }
    }
    co_return true;
  }

  // Waits for the first byte of the next request, up to the idle timeout.
  asio::awaitable<bool> WaitForRequest() {
    control_.phase = ConnectionControl::Phase::kIdle;
    if (context_.draining) co_return false;
    if (buffer_.size() > 0) co_return true;  // a pipelined request is already buffered

    Lowest().expires_after(context_.options.idle_timeout);
    auto [ec, bytes] = co_await stream_.async_read_some(buffer_.prepare(kReadChunkBytes), kAsTuple);
    if (ec) co_return false;
    buffer_.commit(bytes);
    co_return true;
  }

  // Reads one request and writes its response. Returns false when the connection must close.
  asio::awaitable<bool> HandleRequest() {
    const ServerOptions& options = context_.options;
    auto start = std::chrono::steady_clock::now();

    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(options.max_header_bytes);
    parser.body_limit(boost::none);  // set once the route, which may raise it, is known

    Lowest().expires_after(options.header_timeout);
    auto [ec, bytes] = co_await beast_http::async_read_header(stream_, buffer_, parser, kAsTuple);
    if (ec) {
      co_await RejectUnparsed(ec, start);
      co_return false;
    }

    // The header moves into the Request now; the parser keeps reading the body on its own.
    std::string client = ClientAddress(parser.get());
    Request request(std::move(parser.get()), std::move(client));
    if (!request.valid()) {
      Response response = ErrorResponse(
          Error{ErrorCode::kMalformed,
                "invalid request target: expected an absolute path with valid percent-encoding",
                {}});
      co_return co_await Finish(request, response, start, !parser.is_done());
    }

    RouteMatch match = context_.router.Match(request.method(), request.segments());
    uint64_t limit =
        match.info().max_body_bytes ? match.info().max_body_bytes : options.max_body_bytes;
    if (auto length = parser.content_length(); length && *length > limit) {
      Response response = TooLarge(limit);
      co_return co_await Finish(request, response, start, true);
    }
    parser.body_limit(limit);

    if (auto rejected = context_.router.RunBeforeBody(request, match)) {
      co_return co_await Finish(request, *rejected, start, !parser.is_done());
    }

    if (!parser.is_done()) {
      if (beast::iequals(request.Header(beast_http::field::expect), "100-continue")) {
        Lowest().expires_after(options.write_timeout);
        auto [write_ec, written] = co_await asio::async_write(
            stream_, asio::buffer(kContinue.data(), kContinue.size()), kAsTuple);
        if (write_ec) co_return false;
      }
      Lowest().expires_after(options.body_timeout);
      auto [body_ec, body_bytes] =
          co_await beast_http::async_read(stream_, buffer_, parser, kAsTuple);
      if (body_ec == beast_http::error::body_limit) {
        Response response = TooLarge(limit);
        co_return co_await Finish(request, response, start, true);
      }
      if (body_ec == beast::error::timeout) {
        Response response =
            ErrorResponse(Error{ErrorCode::kMalformed, "timed out reading the request body", {}},
                          beast_http::status::request_timeout);
        co_return co_await Finish(request, response, start, true);
      }
      if (body_ec && !IsDisconnect(body_ec)) {
        Response response =
            ErrorResponse(Error{ErrorCode::kMalformed,
                                fmt::format("malformed request body: {}", body_ec.message()),
                                {}});
        co_return co_await Finish(request, response, start, true);
      }
      if (body_ec) co_return false;
      request.SetBody(std::move(parser.get().body()));
    }

    context_.metrics.in_flight.Add(1);
    Response response = co_await Dispatch(request, match);
    context_.metrics.in_flight.Add(-1);

    if (response.event_stream && request.method() == beast_http::verb::get &&
        response.status() == beast_http::status::ok) {
      co_await StreamEvents(request, response, start);
      co_return false;
    }
    co_return co_await Finish(request, response, start, false);
  }

  // Runs the middleware and handler on the handler pool when there is one, else right here.
  asio::awaitable<Response> Dispatch(Request& request, RouteMatch& match) {
    if (!context_.handlers || match.kind != RouteMatch::Kind::kFound) {
      co_return context_.router.Dispatch(request, match);
    }
    // co_spawn resumes this coroutine on the connection's executor once the handler returns.
    co_return co_await asio::co_spawn(
        context_.handlers->get_executor(),
        [&]() -> asio::awaitable<Response> { co_return context_.router.Dispatch(request, match); },
        asio::use_awaitable);
  }

  Response TooLarge(uint64_t limit) {
    return ErrorResponse(Error{ErrorCode::kTooLarge,
                               fmt::format("request body exceeds the limit of {} bytes", limit),
                               {}});
  }

  // Answers a request whose header could not be parsed, if the client is still there to read it.
  asio::awaitable<void> RejectUnparsed(const beast::error_code& ec,
                                       std::chrono::steady_clock::time_point start) {
    if (IsDisconnect(ec) ||
        ec.category() != beast_http::make_error_code(beast_http::error::bad_method).category()) {
      co_return;
    }
    Response response;
    if (ec == beast_http::error::header_limit) {
      response =
          ErrorResponse(Error{ErrorCode::kTooLarge,
                              fmt::format("request header fields exceed the limit of {} bytes",
                                          context_.options.max_header_bytes),
                              {}},
                        beast_http::status::request_header_fields_too_large);
    } else {
      response = ErrorResponse(Error{
          ErrorCode::kMalformed, fmt::format("malformed HTTP request: {}", ec.message()), {}});
    }

    std::string request_id = NewRequestId();
    PrepareResponse(response, 11, false, request_id, false);
    Lowest().expires_after(context_.options.write_timeout);
    co_await beast_http::async_write(stream_, response.message, kAsTuple);
    auto duration = std::chrono::steady_clock::now() - start;
    context_.metrics.RecordRequest(beast_http::verb::unknown, response.status_code(), duration);
    spdlog::info("http rejected request_id={} status={} remote={} error={}", request_id,
                 response.status_code(), peer_address_, EscapeForLog(ec.message()));
    linger_ = true;
  }

  // Writes the response, records it, and returns whether the connection stays open.
  asio::awaitable<bool> Finish(Request& request, Response& response,
                               std::chrono::steady_clock::time_point start, bool body_unread) {
    bool keep_alive =
        request.keep_alive() && !response.close_connection && !body_unread && !context_.draining;
    PrepareResponse(response, request.message().version(),
                    request.method() == beast_http::verb::head, request.request_id(), keep_alive);

    Lowest().expires_after(context_.options.write_timeout);
    auto [ec, bytes] = co_await beast_http::async_write(stream_, response.message, kAsTuple);

    Record(request, response, start);
    if (ec) co_return false;
    if (!keep_alive) {
      linger_ = body_unread;
      co_return false;
    }
    co_return true;
  }

  void Record(const Request& request, const Response& response,
              std::chrono::steady_clock::time_point start) {
    auto duration = std::chrono::steady_clock::now() - start;
    context_.metrics.RecordRequest(request.method(), response.status_code(), duration);
    context_.router.NotifyObservers(request, response, duration);
  }

  void PrepareResponse(Response& response, unsigned version, bool head, std::string_view request_id,
                       bool keep_alive) {
    auto& message = response.message;
    message.version(version == 10 ? 10 : 11);
    message.keep_alive(keep_alive);
    message.set(beast_http::field::date, HttpDateNow());
    message.set("X-Request-Id", request_id);
    AddSecurityHeaders(message);

    int status = message.result_int();
    if (status / 100 == 1 || status == 204 || status == 304) {
      message.body().Clear();
      message.erase(beast_http::field::content_length);
      message.erase(beast_http::field::transfer_encoding);
    } else if (head) {
      message.content_length(message.body().size());
      message.body().Clear();
    } else {
      message.prepare_payload();
    }
  }

  void AddSecurityHeaders(beast_http::response<ResponseBody>& message) {
    message.set("X-Content-Type-Options", "nosniff");
    message.set("X-Frame-Options", "DENY");
    message.set("Referrer-Policy", "same-origin");
    // SVG is a document that can run scripts when opened on its own, so it gets the policy too.
    std::string_view content_type = message[beast_http::field::content_type];
    if (content_type.starts_with("text/html") || content_type.starts_with("image/svg+xml")) {
      message.set("Content-Security-Policy", context_.options.content_security_policy);
    }
    if (kIsTls<Stream>) {
      message.set(beast_http::field::strict_transport_security, "max-age=31536000");
    }
    // API answers carry personal data and must not be kept by browsers or proxies.
    if (message.find(beast_http::field::cache_control) == message.end()) {
      message.set(beast_http::field::cache_control, "no-store");
    }
  }

  // Returns the peer address, or for a trusted proxy the last address of X-Forwarded-For. The
  // proxy appended that one itself, while earlier entries come from the client and may be forged.
  std::string ClientAddress(const BeastRequest& header) const {
    if (!peer_is_trusted_proxy_) return peer_address_;
    std::string_view forwarded = header["X-Forwarded-For"];
    size_t comma = forwarded.rfind(',');
    std::string_view last =
        comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    while (!last.empty() && last.back() == ' ') last.remove_suffix(1);

    beast::error_code ec;
    auto address = asio::ip::make_address(std::string(last), ec);
    return ec ? peer_address_ : AddressText(address);
  }

  asio::awaitable<void> StreamEvents(Request& request, Response& response,
                                     std::chrono::steady_clock::time_point start) {
    std::shared_ptr<EventStream> events = std::move(response.event_stream);
    PrepareResponse(response, request.message().version(), false, request.request_id(), false);
    // The stream ends when the connection closes, so it has no length.
    response.message.erase(beast_http::field::content_length);
    response.message.body().Clear();

    Lowest().expires_after(context_.options.write_timeout);
    auto [header_ec, header_bytes] =
        co_await beast_http::async_write(stream_, response.message, kAsTuple);
    if (header_ec) {
      Record(request, response, start);
      co_return;
    }

    control_.phase = ConnectionControl::Phase::kStreaming;
    asio::steady_timer timer(stream_.get_executor());
    event_timer_ = &timer;
    events->Attach(stream_.get_executor(), [this, &timer](bool abort) {
      timer.cancel();
      if (abort) Lowest().cancel();
    });

    // A stream client sends nothing after its request, so the socket turns readable only when
    // the client closes its end (or breaks the protocol). Closing the stream then, not at the
    // next failed heartbeat write, releases its resources at once, such as an account's stream
    // slot.
    // The handler touches only the weak pointer, so it is safe after the connection is gone.
    std::weak_ptr<EventStream> watched = events;
    Lowest().socket().async_wait(tcp::socket::wait_read, [watched](const beast::error_code& ec) {
      if (ec == asio::error::operation_aborted) return;
      if (auto stream = watched.lock()) stream->Close();
    });

    co_await PumpEvents(*events, timer);

    beast::error_code ignored;
    Lowest().socket().cancel(ignored);
    events->Detach();
    event_timer_ = nullptr;
    Record(request, response, start);
  }

  // Writes queued events as they arrive and a heartbeat comment when idle, until the stream
  // closes, the client goes away or the server drains.
  asio::awaitable<void> PumpEvents(EventStream& events, asio::steady_timer& timer) {
    std::vector<std::shared_ptr<const std::string>> frames;
    std::vector<asio::const_buffer> buffers;
    auto heartbeat_due = std::chrono::steady_clock::now() + events.heartbeat_interval();

    while (!context_.draining) {
      frames.clear();
      if (!events.TakeFrames(frames)) break;

      if (frames.empty()) {
        if (std::chrono::steady_clock::now() < heartbeat_due) {
          timer.expires_at(heartbeat_due);
          co_await timer.async_wait(kAsTuple);
          continue;
        }
        buffers.assign(1, asio::buffer(kHeartbeat.data(), kHeartbeat.size()));
      } else {
        buffers.clear();
        for (const auto& frame : frames) buffers.push_back(asio::buffer(*frame));
      }

      Lowest().expires_after(context_.options.write_timeout);
      auto [ec, bytes] = co_await asio::async_write(stream_, buffers, kAsTuple);
      if (ec) break;
      heartbeat_due = std::chrono::steady_clock::now() + events.heartbeat_interval();
    }
  }

  asio::awaitable<void> Shutdown() {
    control_.phase = ConnectionControl::Phase::kBusy;
    if constexpr (kIsTls<Stream>) {
      Lowest().expires_after(kTlsShutdownTime);
      co_await stream_.async_shutdown(kAsTuple);
    } else {
      beast::error_code ec;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (linger_ && !ec) {
        Lowest().expires_after(kLingerTime);
        char scratch[4096];
        size_t discarded = 0;
        while (discarded < kLingerBytes) {
          auto [read_ec, bytes] =
              co_await Lowest().async_read_some(asio::buffer(scratch), kAsTuple);
          if (read_ec) break;
          discarded += bytes;
        }
      }
    }
    Lowest().close();
  }

  ServerContext& context_;
  Worker& worker_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::string peer_address_;
  bool peer_is_trusted_proxy_ = false;
  bool linger_ = false;
  ConnectionControl control_;
  std::list<ConnectionControl*>::iterator registration_;
  asio::steady_timer* event_timer_ = nullptr;
};

template <class Stream>
asio::awaitable<void> ServeConnection(ServerContext& context, Worker& worker, Stream stream,
                                      tcp::endpoint peer) {
  Connection<Stream> connection(context, worker, std::move(stream), peer);
  co_await connection.Run();
}

void LogEscapedException(std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("http connection ended by an exception: {}", e.what());
  } catch (...) {
    spdlog::error("http connection ended by an unknown exception");
  }
}

}  // namespace

ServerMetrics::ServerMetrics(MetricsRegistry& registry)
    : in_flight(
          registry.GetGauge("mingjing_http_requests_in_flight", "HTTP requests being handled")),
      open_connections(registry.GetGauge("mingjing_http_open_connections",
                                         "Open HTTP connections, idle ones included")),
      registry_(registry),
      duration_(registry.GetHistogram("mingjing_http_request_duration_seconds",
                                      "Time from the first header byte to the last response byte",
                                      DefaultDurationBounds())) {}

int ServerMetrics::MethodIndex(beast_http::verb method) {
  switch (method) {
    case beast_http::verb::get:
      return 0;
    case beast_http::verb::head:
      return 1;
    case beast_http::verb::post:
      return 2;
    case beast_http::verb::put:
      return 3;
    case beast_http::verb::patch:
      return 4;
    case beast_http::verb::delete_:
      return 5;
    case beast_http::verb::options:
      return 6;
    default:
      return 7;
  }
}

void ServerMetrics::RecordRequest(beast_http::verb method, int status,
                                  std::chrono::steady_clock::duration duration) {
  duration_.Observe(std::chrono::duration<double>(duration).count());
  if (status < kMinStatus || status >= kMinStatus + kStatusCount) return;

  int method_index = MethodIndex(method);
  auto& slot = requests_[method_index * kStatusCount + (status - kMinStatus)];
  Counter* counter = slot.load(std::memory_order_acquire);
  if (!counter) {
    static constexpr std::string_view kMethodNames[kMethodCount] = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"};
    counter = &registry_.GetCounter(
        "mingjing_http_requests_total", "HTTP requests answered, by method and status code",
        {{"method", std::string(kMethodNames[method_index])}, {"code", std::to_string(status)}});
    slot.store(counter, std::memory_order_release);
  }
  counter->Increment();
}

const std::string& HttpDateNow() {
  thread_local std::string text;
  thread_local std::time_t formatted_second = -1;

  std::time_t now = std::time(nullptr);
  if (now != formatted_second) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[64];
    size_t length = std::strftime(buffer, sizeof(buffer), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    text.assign(buffer, length);
    formatted_second = now;
  }
  return text;
}

void SpawnConnection(ServerContext& context, Worker& worker, tcp::socket socket) {
  beast::error_code ec;
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;  // the client is already gone
  socket.set_option(tcp::no_delay(true), ec);

  if (context.tls) {
    using TlsStream = beast::ssl_stream<beast::tcp_stream>;
    asio::co_spawn(
        worker.io,
        ServeConnection(context, worker,
                        TlsStream(beast::tcp_stream(std::move(socket)), *context.tls), peer),
        LogEscapedException);
  } else {
    asio::co_spawn(worker.io,
                   ServeConnection(context, worker, beast::tcp_stream(std::move(socket)), peer),
                   LogEscapedException);
  }
}

}  // namespace mingjing::http::detail
