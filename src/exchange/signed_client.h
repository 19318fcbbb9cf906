// A blocking HTTP/1.1 client for the exchange interface. It signs each request the way
// auth::VerifySignedRequest checks it and keeps one connection open between requests. The
// simulator, the conformance kit, the benchmarks and the tests use it as a business system would.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"

namespace mingjing::exchange {

// Where a Mingjing server listens. Only plain http:// URLs are supported.
struct ServerAddress {
  std::string host;
  std::string port;
};

// Parses "http://HOST[:PORT][/]". A path, query, user or https:// is rejected with a message that
// says what to send instead.
Result<ServerAddress> ParseServerUrl(std::string_view url);

struct ClientResponse {
  int status = 0;
  std::string body;
  boost::json::value json;  // the parsed body, or null when it is not JSON
};

// Header values that replace the computed ones, so that the conformance kit can send a replayed
// nonce, a stale timestamp or a wrong signature on purpose.
struct SigningOverrides {
  std::optional<std::string> timestamp;
  std::optional<std::string> nonce;
  std::optional<std::string> signature;
};

// One connection to one server with one API key. Not thread-safe: give each thread its own.
class SignedClient {
 public:
  SignedClient(ServerAddress address, std::string key_id, std::string secret, const Clock& clock,
               std::chrono::seconds timeout = std::chrono::seconds(30));
  ~SignedClient();
  SignedClient(SignedClient&&) noexcept;
  SignedClient& operator=(SignedClient&&) noexcept;

  // Sends a signed request. `target` is the path with its query string, signed as sent. An empty
  // `content_type` sends no Content-Type header. Fails with kUnavailable when the server cannot
  // be reached or the connection breaks; any HTTP status, 4xx and 5xx included, is a response.
  Result<ClientResponse> Send(std::string_view method, std::string_view target,
                              std::string_view body, std::string_view content_type,
                              const SigningOverrides& overrides = {});

  // Sends an unsigned GET, as a browser or the public portal would.
  Result<ClientResponse> GetPublic(std::string_view target);

  // POSTs `body` to /api/v1/exchange/events as JSON (or NDJSON when `ndjson` is true).
  Result<ClientResponse> PostEvents(std::string_view body, bool ndjson = false);

  // The nonce of the last signed request, for replay checks.
  const std::string& last_nonce() const { return last_nonce_; }
  const std::string& key_id() const { return key_id_; }

 private:
  struct Connection;

  Result<ClientResponse> Exchange(std::string_view method, std::string_view target,
                                  std::string_view body, std::string_view content_type, bool sign,
                                  const SigningOverrides& overrides);

  ServerAddress address_;
  std::string key_id_;
  std::string signing_key_;  // hex, derived from the secret as the server derives it
  const Clock* clock_;
  std::chrono::seconds timeout_;
  std::unique_ptr<Connection> connection_;
  std::string last_nonce_;
};

}  // namespace mingjing::exchange
