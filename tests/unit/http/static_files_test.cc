#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "http/gzip.h"
#include "test_server.h"

namespace mingjing::http {
namespace {

namespace beast_http = boost::beast::http;
using testing::Client;
using testing::ClientResponse;
using testing::MakeRequest;
using testing::TempDir;
using testing::TestOptions;
using testing::TestServer;

const std::string kPortalHtml = "<!doctype html><title>portal</title>";
const std::string kConsoleHtml = "<!doctype html><title>console</title>";
const std::string kScript = "export const greeting = 'hello';\n" + std::string(4000, ' ') + "//";

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_.Write("web/index.html", kPortalHtml);
    root_.Write("web/assets/app-3f2a.js", kScript);
    root_.Write("web/assets/style-77.css", "body { color: black; }");
    root_.Write("web/assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    root_.Write("web/assets/font.woff2", std::string(600, '\x01'));
    root_.Write("web/favicon.ico", std::string(10, '\0'));
    root_.Write("web/console/index.html", kConsoleHtml);
    root_.Write("web/console/assets/main.mjs", "export {}");
    root_.Write("web/.env", "SECRET=1");
    root_.Write("web/data.json", "{\"a\": 1}");
    root_.Write("outside/secret.txt", "top secret");
    std::filesystem::create_symlink(root_.path() + "/outside/secret.txt",
                                    root_.path() + "/web/escape.txt");

    ServerOptions options = TestOptions();
    options.web_root = root_.path() + "/web";
    server_ = std::make_unique<TestServer>(options);
    server_->router().Get("/api/v1/ping", [](Request&) { return Text("pong"); },
                          {.auth = AuthRequirement::kPublic});
    server_->Start();
  }

  ClientResponse Get(const std::string& target,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    Client client(server_->port());
    auto request = MakeRequest(beast_http::verb::get, target);
    for (const auto& [name, value] : headers) request.set(name, value);
    return client.Send(request);
  }

  TempDir root_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(StaticFilesTest, RootServesPortalIndex) {
  auto response = Get("/");
  EXPECT_EQ(response.result(), beast_http::status::ok);
  EXPECT_EQ(response.body(), kPortalHtml);
  EXPECT_EQ(response[beast_http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(response[beast_http::field::cache_control], "no-cache");
  EXPECT_FALSE(response["Content-Security-Policy"].empty());
  EXPECT_EQ(response["X-Frame-Options"], "DENY");
}

TEST_F(StaticFilesTest, SpaFallbacks) {
  EXPECT_EQ(Get("/cases/42").body(), kPortalHtml);
  EXPECT_EQ(Get("/console").body(), kConsoleHtml);
  EXPECT_EQ(Get("/console/").body(), kConsoleHtml);
  EXPECT_EQ(Get("/console/alerts/7").body(), kConsoleHtml);
  EXPECT_EQ(Get("/console/assets/main.mjs").body(), "export {}");
  // A missing file with an extension is a 404, not the HTML of the app.
  EXPECT_EQ(Get("/console/assets/missing.js").result(), beast_http::status::not_found);
  EXPECT_EQ(Get("/missing.png").result(), beast_http::status::not_found);
}

TEST_F(StaticFilesTest, ApiPathsNeverFallBackToHtml) {
  auto response = Get("/api/v1/unknown");
  EXPECT_EQ(response.result(), beast_http::status::not_found);
  EXPECT_EQ(response[beast_http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(Get("/api/v1/ping").body(), "pong");
}

TEST_F(StaticFilesTest, ContentTypesAndCaching) {
  auto script = Get("/assets/app-3f2a.js");
  EXPECT_EQ(script.body(), kScript);
  EXPECT_EQ(script[beast_http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(script[beast_http::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/console/assets/main.mjs")[beast_http::field::cache_control],
            "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/assets/style-77.css")[beast_http::field::content_type],
            "text/css; charset=utf-8");
  auto svg = Get("/assets/logo.svg");
  EXPECT_EQ(svg[beast_http::field::content_type], "image/svg+xml");
  EXPECT_FALSE(svg["Content-Security-Policy"].empty());
  EXPECT_EQ(Get("/assets/font.woff2")[beast_http::field::content_type], "font/woff2");
  EXPECT_EQ(Get("/favicon.ico")[beast_http::field::content_type], "image/x-icon");
  EXPECT_EQ(Get("/data.json")[beast_http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("x.PNG"), "image/png");
  EXPECT_EQ(ContentTypeFor("x.unknown"), "application/octet-stream");
}

TEST_F(StaticFilesTest, EtagAndIfNoneMatchGive304) {
  auto first = Get("/assets/app-3f2a.js");
  std::string etag(first[beast_http::field::etag]);
  ASSERT_FALSE(etag.empty());

  auto again = Get("/assets/app-3f2a.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.result(), beast_http::status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[beast_http::field::etag], etag);

  auto weak = Get("/assets/app-3f2a.js", {{"If-None-Match", "\"other\", W/" + etag}});
  EXPECT_EQ(weak.result(), beast_http::status::not_modified);
  auto other = Get("/assets/app-3f2a.js", {{"If-None-Match", "\"other\""}});
  EXPECT_EQ(other.result(), beast_http::status::ok);
}

TEST_F(StaticFilesTest, ChangedFileGetsNewEtag) {
  auto before = Get("/data.json");
  root_.Write("web/data.json", "{\"a\": 2, \"b\": 3}");
  auto after = Get("/data.json");
  EXPECT_EQ(after.body(), "{\"a\": 2, \"b\": 3}");
  EXPECT_NE(before[beast_http::field::etag], after[beast_http::field::etag]);
}

TEST_F(StaticFilesTest, GzipOnTheFlyForText) {
  auto response = Get("/assets/app-3f2a.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(response[beast_http::field::content_encoding], "gzip");
  EXPECT_EQ(response[beast_http::field::vary], "Accept-Encoding");
  EXPECT_LT(response.body().size(), kScript.size());
  std::string plain;
  ASSERT_TRUE(GzipDecompress(response.body(), plain));
  EXPECT_EQ(plain, kScript);

  auto identity = Get("/assets/app-3f2a.js", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_TRUE(identity[beast_http::field::content_encoding].empty());
  EXPECT_EQ(identity.body(), kScript);
  EXPECT_NE(response[beast_http::field::etag], identity[beast_http::field::etag]);

  auto binary = Get("/assets/font.woff2", {{"Accept-Encoding", "gzip"}});
  EXPECT_TRUE(binary[beast_http::field::content_encoding].empty());
}

TEST_F(StaticFilesTest, PrecompressedSiblingPreferred) {
  std::string css(2000, 'a');
  std::string marker_gzip = GzipCompress("precompressed copy");
  root_.Write("web/assets/big-1.css", css);
  root_.Write("web/assets/big-1.css.gz", marker_gzip);
  auto response = Get("/assets/big-1.css", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(response[beast_http::field::content_encoding], "gzip");
  EXPECT_EQ(response.body(), marker_gzip);
  EXPECT_EQ(Get("/assets/big-1.css").body(), css);
}

TEST_F(StaticFilesTest, TraversalAndHiddenFilesRejected) {
  for (std::string target :
       {"/../outside/secret.txt", "/assets/../../outside/secret.txt", "/%2e%2e/outside/secret.txt",
        "/assets/%2e%2e%2f%2e%2e%2foutside/secret.txt", "/.env", "/%2eenv", "/escape.txt",
        "//etc/passwd", "/assets/..%5c..%5coutside/secret.txt"}) {
    auto response = Get(target);
    EXPECT_NE(response.result(), beast_http::status::ok) << target;
    EXPECT_EQ(response.body().find("top secret"), std::string::npos) << target;
    EXPECT_EQ(response.body().find("SECRET=1"), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, HeadHasLengthButNoBody) {
  Client client(server_->port());
  beast_http::request<beast_http::empty_body> head(beast_http::verb::head, "/assets/app-3f2a.js",
                                                   11);
  head.set(beast_http::field::host, "x");
  beast_http::write(client.stream(), head);
  boost::beast::flat_buffer buffer;
  beast_http::response_parser<beast_http::empty_body> parser;
  parser.skip(true);
  beast_http::read(client.stream(), buffer, parser);
  EXPECT_EQ(parser.get().result(), beast_http::status::ok);
  EXPECT_EQ(parser.get()[beast_http::field::content_length], std::to_string(kScript.size()));
  EXPECT_FALSE(parser.get()[beast_http::field::etag].empty());

  // The connection is still usable: no stray body bytes were sent.
  EXPECT_EQ(client.Get("/data.json").result(), beast_http::status::ok);
}

TEST_F(StaticFilesTest, PostToStaticPathIs404) {
  Client client(server_->port());
  EXPECT_EQ(client.Send(MakeRequest(beast_http::verb::post, "/index.html", "x")).result(),
            beast_http::status::not_found);
}

TEST(StaticFilesLarge, StreamsFilesBeyondCacheLimit) {
  TempDir root;
  std::string big(300'000, 'z');
  for (size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  root.Write("big.txt", big);

  ServerOptions options = TestOptions();
  options.web_root = root.path();
  TestServer server(options);
  server.Start();

  // Served through the fallback with a cache limit below the file size.
  StaticFiles files({.root = root.path(), .max_cached_file_bytes = 1024});
  BeastRequest message(beast_http::verb::get, "/big.txt", 11);
  Request request(std::move(message), "127.0.0.1");
  Response response = files.Serve(request);
  EXPECT_EQ(response.status_code(), 200);
  EXPECT_TRUE(response.body().is_file());
  EXPECT_EQ(response.body().size(), big.size());

  EXPECT_EQ(testing::Fetch(server.port(), "/big.txt").body(), big);
}

TEST(AcceptsGzip, ParsesWeights) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, gzip;q=1.0"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
}

TEST(EtagMatches, ComparesWeakly) {
  EXPECT_TRUE(EtagMatches("\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("W/\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("\"b\", \"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("*", "\"a\""));
  EXPECT_FALSE(EtagMatches("", "\"a\""));
  EXPECT_FALSE(EtagMatches("\"ab\"", "\"a\""));
}

}  // namespace
}  // namespace mingjing::http
