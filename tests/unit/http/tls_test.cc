#include <gtest/gtest.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>

#include "test_server.h"

namespace mingjing::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using testing::TempDir;
using testing::TestOptions;
using testing::TestServer;

// Writes a self-signed certificate for 127.0.0.1 and its key into `dir` with the openssl tool.
void MakeCertificate(const TempDir& dir) {
  std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
      dir.path() + "/key.pem -out " + dir.path() + "/cert.pem 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << "openssl failed: " << command;
}

// Test options serving HTTPS with the certificate that MakeCertificate wrote into `dir`.
ServerOptions TlsOptions(const TempDir& dir) {
  ServerOptions options = TestOptions();
  options.tls_certificate_file = dir.path() + "/cert.pem";
  options.tls_private_key_file = dir.path() + "/key.pem";
  return options;
}

TEST(Tls, ServesHttpsWithSelfSignedCertificate) {
  TempDir dir;
  MakeCertificate(dir);
  TestServer server(TlsOptions(dir));
  server.router().Post("/echo", [](Request& request) { return Text(request.body()); },
                       {.auth = AuthRequirement::kPublic});
  server.Start();

  asio::io_context io;
  asio::ssl::context client_tls(asio::ssl::context::tls_client);
  client_tls.load_verify_file(dir.path() + "/cert.pem");
  client_tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, client_tls);
  stream.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
  beast::get_lowest_layer(stream).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  stream.handshake(asio::ssl::stream_base::client);

  beast::flat_buffer buffer;
  for (int i = 0; i < 3; ++i) {
    auto request =
        testing::MakeRequest(beast_http::verb::post, "/echo", "secret " + std::to_string(i));
    request.prepare_payload();
    beast_http::write(stream, request);
    testing::ClientResponse response;
    beast_http::read(stream, buffer, response);
    EXPECT_EQ(response.result(), beast_http::status::ok);
    EXPECT_EQ(response.body(), "secret " + std::to_string(i));
    EXPECT_EQ(response[beast_http::field::strict_transport_security], "max-age=31536000");
  }

  beast::error_code ec;
  stream.shutdown(ec);
}

TEST(Tls, PlainHttpToTlsPortIsClosed) {
  TempDir dir;
  MakeCertificate(dir);
  TestServer server(TlsOptions(dir));
  server.Start();

  testing::Client client(server.port());
  client.WriteRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string reply = client.ReadUntilClosed();
  EXPECT_EQ(reply.find("HTTP/1.1 200"), std::string::npos);
}

}  // namespace
}  // namespace mingjing::http
