#include "notify/kannel_client.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include "notify/delivery_report.h"
#include "notify/sms_text.h"

namespace mingjing::notify {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

struct HttpReply {
  unsigned status = 0;
  std::string body;
  std::string error;  // set when no reply arrived
};

asio::awaitable<void> Exchange(const std::string& host, const std::string& port,
                               const std::string& target, std::chrono::milliseconds timeout,
                               HttpReply& reply) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  beast::tcp_stream stream(executor);

  stream.expires_after(timeout);
  auto endpoints = co_await resolver.async_resolve(host, port, asio::use_awaitable);
  co_await stream.async_connect(endpoints, asio::use_awaitable);

  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, host);
  request.set(http::field::user_agent, "mingjing-notify");
  request.set(http::field::connection, "close");
  co_await http::async_write(stream, request, asio::use_awaitable);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024);  // Kannel's replies are one short line
  co_await http::async_read(stream, buffer, parser, asio::use_awaitable);

  reply.status = parser.get().result_int();
  reply.body = parser.get().body();
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
}

HttpReply Get(const std::string& host, const std::string& port, const std::string& target,
              std::chrono::milliseconds timeout) {
  HttpReply reply;
  asio::io_context io;
  asio::co_spawn(io, Exchange(host, port, target, timeout, reply),
                 [&reply](std::exception_ptr failure) {
                   if (!failure) return;
                   try {
                     std::rethrow_exception(failure);
                   } catch (const std::exception& e) {
                     reply.error = e.what();
                   }
                 });
  io.run();
  return reply;
}

std::string FirstLine(std::string_view text) {
  std::string_view line = text.substr(0, text.find_first_of("\r\n"));
  return std::string(line.substr(0, 200));
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

Result<std::unique_ptr<KannelClient>> KannelClient::Create(KannelSettings settings) {
  auto url = boost::urls::parse_absolute_uri(settings.send_url);
  if (!url || url->scheme() != "http" || url->host().empty()) {
    return Error::InvalidField("sms.url",
                               fmt::format("sms.url must be an http URL of Kannel's sendsms, e.g. "
                                           "http://127.0.0.1:13013/cgi-bin/sendsms; got \"{}\"",
                                           settings.send_url));
  }
  std::unique_ptr<KannelClient> client(new KannelClient(std::move(settings)));
  client->host_ = url->host();
  client->port_ = url->has_port() ? std::string(url->port()) : "80";
  client->path_ = url->path().empty() ? "/" : std::string(url->encoded_path());
  client->query_ = std::string(url->encoded_query());
  return client;
}

std::string KannelClient::RequestTarget(const SmsMessage& message) const {
  std::string target = path_ + "?";
  if (!query_.empty()) target += query_ + "&";
  target += fmt::format("username={}&password={}&to={}&text={}&charset=UTF-8&coding=2",
                        PercentEncode(settings_.username), PercentEncode(settings_.password),
                        PercentEncode(message.phone), PercentEncode(message.text));
  if (!settings_.sender.empty()) target += "&from=" + PercentEncode(settings_.sender);
  std::string report_url = ReportUrl(settings_.report_url, message.report_token);
  if (!report_url.empty()) {
    // 31 requests every report: delivered, undelivered, buffered, submitted and rejected.
    target += "&dlr-mask=31&dlr-url=" + PercentEncode(report_url);
  }
  return target;
}

SmsSendOutcome KannelClient::Send(const SmsMessage& message) {
  HttpReply reply = Get(host_, port_, RequestTarget(message), settings_.timeout);

  SmsSendOutcome outcome;
  if (!reply.error.empty()) {
    outcome.error = fmt::format("sending to Kannel at {}:{} failed: {}", host_, port_, reply.error);
    return outcome;
  }
  // smsbox replies 202 with "0: Accepted for delivery" or "3: Queued for later delivery", 400
  // for a request no retry can fix (e.g. a missing or invalid number), 403 when the username or
  // password is wrong and 503 when its queue is full.
  if (reply.status >= 200 && reply.status < 300) {
    outcome.accepted = true;
    return outcome;
  }
  outcome.permanent = reply.status == 400;
  outcome.error = fmt::format("Kannel rejected the message with HTTP {}: {}", reply.status,
                              FirstLine(reply.body));
  return outcome;
}

}  // namespace mingjing::notify
