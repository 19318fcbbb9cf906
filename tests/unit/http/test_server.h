// A server on a loopback port chosen by the kernel, and small blocking Beast clients for it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "http/server.h"

namespace mingjing::http::testing {

using ClientRequest = boost::beast::http::request<boost::beast::http::string_body>;
using ClientResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Options for tests: 127.0.0.1 port 0, two I/O threads, no access log, short timeouts.
ServerOptions TestOptions();

// Owns a Server; Start() runs it, the destructor stops it and waits for it to drain.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = TestOptions());
  ~TestServer();

  Router& router() { return server_.router(); }
  Server& server() { return server_; }
  // Starts the server; fails the test on error.
  void Start();
  uint16_t port() const { return server_.port(); }

  // Stop() and Wait() from another thread, so a test can keep talking meanwhile.
  void StopInBackground();
  void JoinStop();

 private:
  Server server_;
  std::thread stopper_;
  bool started_ = false;
};

// One keep-alive connection to 127.0.0.1:port.
class Client {
 public:
  explicit Client(uint16_t port);

  ClientResponse Send(ClientRequest request);
  ClientResponse Get(const std::string& target);
  // Writes raw bytes, then reads one response (or fails the test on a read error).
  ClientResponse SendRaw(const std::string& bytes);
  void WriteRaw(const std::string& bytes);
  ClientResponse Read();
  // Reads until the server closes; returns the bytes read. `timeout` bounds the wait.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // True when the server has closed the connection (a read gets EOF or reset within `timeout`).
  bool IsClosedByServer(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  boost::beast::tcp_stream& stream() { return stream_; }

 private:
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// One request on a new connection.
ClientResponse Fetch(uint16_t port, const std::string& target);

// A request with the usual headers.
ClientRequest MakeRequest(boost::beast::http::verb method, const std::string& target,
                          std::string body = {}, const std::string& content_type = {});

// A fresh empty folder under the system temp folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  // Writes `contents` to `relative` under the folder, creating parent folders.
  void Write(const std::string& relative, const std::string& contents) const;

 private:
  std::string path_;
};

}  // namespace mingjing::http::testing
