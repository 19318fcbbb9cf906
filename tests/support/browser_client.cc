#include "support/browser_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mingjing::testing {

namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

const boost::json::value& BrowserResponse::json() const {
  if (!parsed_) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    parsed_ = ec ? boost::json::value() : std::move(v);
  }
  return *parsed_;
}

BrowserResponse BrowserClient::Send(bhttp::verb method, const std::string& target,
                                    const std::string& body, const std::string& content_type,
                                    const std::map<std::string, std::string>& headers) {
  boost::asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));

  bhttp::request<bhttp::string_body> request(method, target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  if (!cookie_.empty()) request.set(bhttp::field::cookie, cookie_);
  if (!csrf_token_.empty()) request.set("X-CSRF-Token", csrf_token_);
  if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(socket, request);

  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(socket, buffer, response);
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);

  BrowserResponse result;
  result.status = response.result_int();
  result.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  return result;
}

BrowserResponse BrowserClient::Get(const std::string& target) {
  return Send(bhttp::verb::get, target, "", "");
}

BrowserResponse BrowserClient::Post(const std::string& target, const boost::json::value& body) {
  return Send(bhttp::verb::post, target, boost::json::serialize(body), "application/json");
}

BrowserResponse BrowserClient::Login(const std::string& username, const std::string& password) {
  auto result = Post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (result.status == 200) {
    const std::string& set_cookie = result.headers["set-cookie"];
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_token_ = std::string(result.json().at("csrf_token").as_string());
  }
  return result;
}

}  // namespace mingjing::testing
