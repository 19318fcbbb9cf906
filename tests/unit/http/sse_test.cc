#include "http/sse.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_server.h"

namespace mingjing::http {
namespace {

namespace beast_http = boost::beast::http;
using testing::Client;
using testing::TestOptions;
using testing::TestServer;

// Reads from the client until `needle` appears or `timeout` passes; returns everything read.
std::string ReadUntil(Client& client, const std::string& needle,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[4096];
  struct timeval tv {
    0, 100'000
  };
  setsockopt(client.stream().socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  while (text.find(needle) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    boost::beast::error_code ec;
    size_t n = client.stream().socket().read_some(boost::asio::buffer(chunk), ec);
    if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) continue;
    if (ec) break;
    text.append(chunk, n);
  }
  return text;
}

bool WaitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

class SseTest : public ::testing::Test {
 protected:
  void StartServer(SseHubOptions hub_options) {
    hub_ = std::make_unique<SseHub>(hub_options);
    server_ = std::make_unique<TestServer>(TestOptions());
    server_->router().Stream(
        "/api/v1/events/{key}",
        [this](Request& request) {
          return StartEventStream(
              *hub_, request, {std::string(request.PathParam("key"))},
              [](std::string_view last_id) {
                std::vector<SseEvent> missed;
                int from = std::stoi(std::string(last_id));
                for (int id = from + 1; id <= from + 2; ++id) {
                  missed.push_back({"alert", "{\"replayed\":true}", std::to_string(id)});
                }
                return missed;
              });
        },
        {.summary = "events", .tag = "test", .auth = AuthRequirement::kPublic});
    server_->Start();
  }

  std::unique_ptr<Client> Subscribe(const std::string& key, const std::string& last_id = {}) {
    auto client = std::make_unique<Client>(server_->port());
    std::string request = "GET /api/v1/events/" + key + " HTTP/1.1\r\nHost: x\r\n";
    if (!last_id.empty()) request += "Last-Event-ID: " + last_id + "\r\n";
    client->WriteRaw(request + "\r\n");
    return client;
  }

  std::unique_ptr<SseHub> hub_;
  std::unique_ptr<TestServer> server_;
};

TEST(FormatSseEvent, WritesFieldsAndSplitsLines) {
  EXPECT_EQ(FormatSseEvent({"alert", "{\"a\":1}", "7"}),
            "id: 7\nevent: alert\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(FormatSseEvent({"", "x\ny", ""}), "data: x\ndata: y\n\n");
  EXPECT_EQ(FormatSseEvent({"a\nb", "1", "2\r\n3"}), "id: 23\nevent: ab\ndata: 1\n\n");
}

TEST_F(SseTest, ReceivesPublishedEventsForItsKey) {
  StartServer({});
  auto client = Subscribe("division-320102");
  std::string header = ReadUntil(*client, "\r\n\r\n");
  EXPECT_NE(header.find("HTTP/1.1 200 OK"), std::string::npos) << header;
  EXPECT_NE(header.find("text/event-stream"), std::string::npos);
  EXPECT_EQ(header.find("Content-Length"), std::string::npos);
  ASSERT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 1; }));

  hub_->Publish("division-999999", "alert", boost::json::object{{"n", 0}}, "0");
  hub_->Publish("division-320102", "alert", boost::json::object{{"n", 1}}, "1");
  hub_->Publish(std::vector<std::string>{"division-320102", "user-1"}, "notice",
                boost::json::object{{"n", 2}}, "2");
  std::string events = ReadUntil(*client, "data: {\"n\":2}\n\n");
  EXPECT_NE(events.find("id: 1\nevent: alert\ndata: {\"n\":1}\n\n"), std::string::npos) << events;
  EXPECT_NE(events.find("id: 2\nevent: notice\ndata: {\"n\":2}\n\n"), std::string::npos);
  EXPECT_EQ(events.find("\"n\":0"), std::string::npos);
}

TEST_F(SseTest, SendsHeartbeatsWhenIdle) {
  StartServer({.max_queued_events = 16, .heartbeat_interval = std::chrono::milliseconds(100)});
  auto client = Subscribe("k");
  std::string text = ReadUntil(*client, ": keep-alive\n\n: keep-alive\n\n");
  EXPECT_NE(text.find(": keep-alive\n\n: keep-alive\n\n"), std::string::npos) << text;
}

TEST_F(SseTest, LastEventIdReplaysMissedEventsFirst) {
  StartServer({});
  auto client = Subscribe("k", "40");
  std::string text = ReadUntil(*client, "id: 42\n");
  size_t first = text.find("id: 41\nevent: alert\ndata: {\"replayed\":true}");
  size_t second = text.find("id: 42\n");
  ASSERT_NE(first, std::string::npos) << text;
  EXPECT_LT(first, second);
}

TEST_F(SseTest, DisconnectedClientIsUnsubscribed) {
  StartServer({.max_queued_events = 16, .heartbeat_interval = std::chrono::milliseconds(50)});
  auto client = Subscribe("k");
  ReadUntil(*client, "\r\n\r\n");
  ASSERT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 1; }));
  client.reset();
  EXPECT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 0; }));
}

TEST_F(SseTest, SlowClientIsDropped) {
  StartServer({.max_queued_events = 4, .heartbeat_interval = std::chrono::seconds(15)});
  auto client = Subscribe("k");
  ReadUntil(*client, "\r\n\r\n");
  ASSERT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 1; }));

  // The client reads nothing, so the socket buffers fill and the queue overflows.
  boost::json::object big{{"padding", std::string(256 * 1024, 'p')}};
  for (int i = 0; i < 200 && hub_->subscriber_count() > 0; ++i) {
    hub_->Publish("k", "bulk", big, std::to_string(i));
  }
  EXPECT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 0; }));
}

TEST_F(SseTest, ShutdownClosesStreams) {
  StartServer({});
  auto client = Subscribe("k");
  ReadUntil(*client, "\r\n\r\n");
  ASSERT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 1; }));

  auto begin = std::chrono::steady_clock::now();
  server_->server().Stop();
  server_->server().Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(3));
  EXPECT_TRUE(client->IsClosedByServer());
  EXPECT_EQ(hub_->subscriber_count(), 0u);
}

TEST_F(SseTest, HubCloseAllEndsStreams) {
  StartServer({});
  auto client = Subscribe("k");
  ReadUntil(*client, "\r\n\r\n");
  ASSERT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 1; }));
  hub_->CloseAll();
  EXPECT_TRUE(client->IsClosedByServer());
  EXPECT_TRUE(WaitFor([&] { return hub_->subscriber_count() == 0; }));
}

}  // namespace
}  // namespace mingjing::http
