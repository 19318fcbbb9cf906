#include "test_server.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace mingjing::http::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

ServerOptions TestOptions() {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.io_threads = 2;
  options.access_log = false;
  options.header_timeout = std::chrono::seconds(5);
  options.body_timeout = std::chrono::seconds(5);
  options.idle_timeout = std::chrono::seconds(5);
  options.write_timeout = std::chrono::seconds(5);
  options.shutdown_timeout = std::chrono::seconds(5);
  return options;
}

TestServer::TestServer(ServerOptions options) : server_(std::move(options)) {}

TestServer::~TestServer() {
  if (stopper_.joinable()) {
    stopper_.join();
  } else if (started_) {
    server_.Stop();
    server_.Wait();
  }
}

void TestServer::Start() {
  auto started = server_.Start();
  ASSERT_TRUE(started) << started.error().message;
  started_ = true;
}

void TestServer::StopInBackground() {
  stopper_ = std::thread([this] {
    server_.Stop();
    server_.Wait();
  });
}

void TestServer::JoinStop() {
  if (stopper_.joinable()) stopper_.join();
}

Client::Client(uint16_t port) : stream_(io_) {
  stream_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

ClientResponse Client::Send(ClientRequest request) {
  request.prepare_payload();
  beast_http::write(stream_, request);
  return Read();
}

ClientResponse Client::Get(const std::string& target) {
  return Send(MakeRequest(beast_http::verb::get, target));
}

void Client::WriteRaw(const std::string& bytes) { asio::write(stream_, asio::buffer(bytes)); }

ClientResponse Client::SendRaw(const std::string& bytes) {
  WriteRaw(bytes);
  return Read();
}

ClientResponse Client::Read() {
  beast_http::response_parser<beast_http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::error_code ec;
  beast_http::read(stream_, buffer_, parser, ec);
  EXPECT_FALSE(ec) << "reading the response failed: " << ec.message();
  return parser.release();
}

std::string Client::ReadUntilClosed(std::chrono::milliseconds timeout) {
  std::string bytes(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  buffer_.consume(buffer_.size());
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code ec;
    stream_.socket().non_blocking(false);
    // A receive timeout on the socket bounds each blocking read.
    struct timeval tv {
      0, 200'000
    };
    setsockopt(stream_.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    size_t n = stream_.socket().read_some(asio::buffer(chunk), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) continue;
    if (ec) break;
    bytes.append(chunk, n);
  }
  return bytes;
}

bool Client::IsClosedByServer(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[4096];
  struct timeval tv {
    0, 200'000
  };
  setsockopt(stream_.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code ec;
    stream_.socket().read_some(asio::buffer(chunk), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) continue;
    if (ec) return true;
  }
  return false;
}

ClientResponse Fetch(uint16_t port, const std::string& target) {
  Client client(port);
  return client.Get(target);
}

ClientRequest MakeRequest(beast_http::verb method, const std::string& target, std::string body,
                          const std::string& content_type) {
  ClientRequest request(method, target, 11);
  request.set(beast_http::field::host, "127.0.0.1");
  if (!content_type.empty()) request.set(beast_http::field::content_type, content_type);
  request.body() = std::move(body);
  return request;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mingjing-http-XXXXXX").string();
  char* created = mkdtemp(pattern.data());
  if (!created) throw std::runtime_error("mkdtemp failed");
  path_ = created;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::Write(const std::string& relative, const std::string& contents) const {
  std::filesystem::path file = std::filesystem::path(path_) / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << contents;
}

}  // namespace mingjing::http::testing
