// An HTTP client that signs in like the console does: it posts the password, keeps the session
// cookie from Set-Cookie and sends the CSRF token with every request.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>

namespace mingjing::testing {

struct BrowserResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names

  // The body parsed as JSON (null when it is not JSON). Parsed once and kept, so references
  // into it stay valid as long as this response.
  const boost::json::value& json() const;

 private:
  mutable std::optional<boost::json::value> parsed_;
};

class BrowserClient {
 public:
  explicit BrowserClient(uint16_t port) : port_(port) {}

  BrowserResponse Get(const std::string& target);
  BrowserResponse Post(const std::string& target, const boost::json::value& body);
  BrowserResponse Send(boost::beast::http::verb method, const std::string& target,
                       const std::string& body, const std::string& content_type,
                       const std::map<std::string, std::string>& headers = {});

  // POST /api/v1/auth/login; keeps the cookie and the CSRF token on success.
  BrowserResponse Login(const std::string& username, const std::string& password);

  void set_csrf_token(std::string token) { csrf_token_ = std::move(token); }
  const std::string& csrf_token() const { return csrf_token_; }

 private:
  uint16_t port_;
  std::string cookie_;
  std::string csrf_token_;
};

}  // namespace mingjing::testing
