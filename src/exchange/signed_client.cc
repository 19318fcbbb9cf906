#include "exchange/signed_client.h"

#include <fmt/format.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "auth/api_key.h"
#include "auth/request_signature.h"
#include "crypto/random.h"

namespace mingjing::exchange {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

Error Unreachable(const ServerAddress& address, std::string_view what,
                  const boost::system::error_code& ec) {
  return Error{ErrorCode::kUnavailable,
               fmt::format("{} http://{}:{} failed: {}; check that the server is running", what,
                           address.host, address.port, ec.message()),
               "url"};
}

}  // namespace

struct SignedClient::Connection {
  boost::asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool open = false;
};

Result<ServerAddress> ParseServerUrl(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) {
    return Error::InvalidField("url", fmt::format("'{}' is not a URL: give one such as "
                                                  "http://127.0.0.1:8080",
                                                  url));
  }
  if (parsed->scheme() != "http") {
    return Error::InvalidField(
        "url", fmt::format("only http:// URLs are supported, not '{}://': put a TLS proxy in "
                           "front of the client if the server needs HTTPS",
                           parsed->scheme()));
  }
  if (parsed->has_userinfo() || parsed->has_query() || parsed->has_fragment() ||
      (!parsed->path().empty() && parsed->path() != "/")) {
    return Error::InvalidField(
        "url", "give only the server's scheme, host and port, such as http://127.0.0.1:8080");
  }
  ServerAddress address;
  address.host = parsed->host_address();
  address.port = parsed->has_port() ? std::string(parsed->port()) : "80";
  if (address.host.empty()) return Error::InvalidField("url", "the URL names no host");
  return address;
}

SignedClient::SignedClient(ServerAddress address, std::string key_id, std::string secret,
                           const Clock& clock, std::chrono::seconds timeout)
    : address_(std::move(address)),
      key_id_(std::move(key_id)),
      signing_key_(auth::DeriveSigningKey(secret)),
      clock_(&clock),
      timeout_(timeout),
      connection_(std::make_unique<Connection>()) {}

SignedClient::~SignedClient() = default;
SignedClient::SignedClient(SignedClient&&) noexcept = default;
SignedClient& SignedClient::operator=(SignedClient&&) noexcept = default;

Result<ClientResponse> SignedClient::Send(std::string_view method, std::string_view target,
                                          std::string_view body, std::string_view content_type,
                                          const SigningOverrides& overrides) {
  return Exchange(method, target, body, content_type, /*sign=*/true, overrides);
}

Result<ClientResponse> SignedClient::GetPublic(std::string_view target) {
  return Exchange("GET", target, "", "", /*sign=*/false, {});
}

Result<ClientResponse> SignedClient::PostEvents(std::string_view body, bool ndjson) {
  return Send("POST", "/api/v1/exchange/events", body,
              ndjson ? "application/x-ndjson" : "application/json");
}

Result<ClientResponse> SignedClient::Exchange(std::string_view method, std::string_view target,
                                              std::string_view body, std::string_view content_type,
                                              bool sign, const SigningOverrides& overrides) {
  bhttp::verb verb = bhttp::string_to_verb(method);
  if (verb == bhttp::verb::unknown) {
    return Error::InvalidField("method", fmt::format("unknown HTTP method {}", method));
  }

  // A kept-alive connection may have been closed by the server while idle. Then the request is
  // sent once more on a new connection; the exchange interface treats a resent event as a
  // duplicate, so a request that did reach the server does no harm.
  for (int attempt = 0; attempt < 2; ++attempt) {
    Connection& c = *connection_;
    bool reused = c.open;
    boost::system::error_code ec;
    if (!c.open) {
      tcp::resolver resolver(c.io);
      auto endpoints = resolver.resolve(address_.host, address_.port, ec);
      if (ec) return Unreachable(address_, "resolving", ec);
      c.stream.expires_after(timeout_);
      c.stream.connect(endpoints, ec);
      if (ec) return Unreachable(address_, "connecting to", ec);
      c.open = true;
      c.buffer.clear();
    }

    bhttp::request<bhttp::string_body> request{verb, target, 11};
    request.set(bhttp::field::host, address_.host);
    request.keep_alive(true);
    if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
    request.body() = std::string(body);
    if (sign) {
      std::string timestamp = overrides.timestamp.value_or(std::to_string(clock_->NowSeconds()));
      last_nonce_ = overrides.nonce.value_or(crypto::RandomTokenHex(16));
      std::string signature = overrides.signature.value_or(auth::SignRequest(
          signing_key_, std::string(method), std::string(target), timestamp, last_nonce_, body));
      request.set("X-Mingjing-Key", key_id_);
      request.set("X-Mingjing-Timestamp", timestamp);
      request.set("X-Mingjing-Nonce", last_nonce_);
      request.set("X-Mingjing-Signature", signature);
    }
    request.prepare_payload();

    c.stream.expires_after(timeout_);
    bhttp::write(c.stream, request, ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (!ec) bhttp::read(c.stream, c.buffer, parser, ec);
    if (ec) {
      c.stream.socket().close();
      c.open = false;
      bool stale = reused && (ec == bhttp::error::end_of_stream ||
                              ec == boost::asio::error::connection_reset ||
                              ec == boost::asio::error::broken_pipe);
      if (stale) continue;
      return Unreachable(address_, "sending a request to", ec);
    }

    auto& response = parser.get();
    ClientResponse out{static_cast<int>(response.result_int()), std::move(response.body()),
                       nullptr};
    if (!response.keep_alive()) {
      c.stream.socket().close(ec);
      c.open = false;
    }
    boost::system::error_code parse_error;
    out.json = boost::json::parse(out.body, parse_error);
    if (parse_error) out.json = nullptr;
    return out;
  }
  return Error{ErrorCode::kUnavailable,
               fmt::format("http://{}:{} closed the connection twice before answering",
                           address_.host, address_.port),
               "url"};
}

}  // namespace mingjing::exchange
