// GET /api/v1/stream over real HTTP on loopback: the session gate, live alert events published
// by the dispatcher, and the replay of missed events by Last-Event-ID.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <string>

#include "api/authentication.h"
#include "api/stream_routes.h"
#include "notify/dispatcher.h"
#include "notify_fixture.h"
#include "support/api_client.h"

namespace mingjing::notify {
namespace {

using boost::asio::ip::tcp;

// A raw connection to the stream route, reading the response as it arrives.
class StreamReader {
 public:
  StreamReader(uint16_t port, const std::string& session_token, const std::string& last_event_id)
      : socket_(io_) {
    socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    std::string request =
        "GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Accept: text/event-stream\r\n";
    if (!session_token.empty()) {
      request += "Cookie: " + std::string(api::kSessionCookie) + "=" + session_token + "\r\n";
    }
    if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
    request += "\r\n";
    boost::asio::write(socket_, boost::asio::buffer(request));
  }

  // Reads until `text` has arrived or the connection ends; returns everything read so far.
  std::string ReadUntil(const std::string& text) {
    boost::system::error_code ec;
    while (received_.find(text) == std::string::npos && !ec) {
      char chunk[4096];
      size_t n = socket_.read_some(boost::asio::buffer(chunk), ec);
      received_.append(chunk, n);
    }
    return received_;
  }

 private:
  boost::asio::io_context io_;
  tcp::socket socket_;
  std::string received_;
};

class StreamApiTest : public testing::NotifyFixture {
 protected:
  void SetUp() override {
    NotifyFixture::SetUp();
    server_ = std::make_unique<testing::ApiServer>(db(), ledger_, clock_);
    server_->context().sse_hub = &hub_;
  }

  void TearDown() override {
    hub_.CloseAll();
    server_.reset();
  }

  std::string SessionOf(const org::User& user) {
    return testing::OpenTestSession(db(), user.id, clock_).token;
  }

  // Waits until the hub has exactly `count` subscribers, so a publish cannot race the
  // subscription and a reopened stream cannot race the close of an earlier one.
  void AwaitSubscribers(size_t count) {
    for (int i = 0; i < 500 && hub_.subscriber_count() != count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(hub_.subscriber_count(), count);
  }

  http::SseHub hub_;
  std::unique_ptr<testing::ApiServer> server_;
};

TEST_F(StreamApiTest, RequiresSession) {
  StreamReader reader(server_->port(), "", "");
  std::string response = reader.ReadUntil("\r\n\r\n");
  EXPECT_TRUE(response.starts_with("HTTP/1.1 401")) << response;
}

TEST_F(StreamApiTest, DeliversDispatchedAlert) {
  StreamReader reader(server_->port(), SessionOf(head_), "");
  EXPECT_NE(reader.ReadUntil("\r\n\r\n").find("text/event-stream"), std::string::npos);
  AwaitSubscribers(1);

  Dispatcher dispatcher(db(), clock_, nullptr,
                        [this](int64_t recipient, int64_t id, const std::string& body) {
                          api::PublishAlertNotice(hub_, recipient, id, body);
                        });
  int64_t alert = InsertAlert("red", "issued", true);
  Enqueue(Notice(alert, "red", "issued", "issued"));
  EXPECT_EQ(dispatcher.DispatchOnce().sse_published, 4);

  int64_t head_row = 0;
  for (const OutboxRow& row : Rows(alert)) {
    if (row.channel == Channel::kSse && row.recipient_id == head_.id) head_row = row.id;
  }
  ASSERT_NE(head_row, 0);
  std::string stream = reader.ReadUntil("\"event\":\"issued\"");
  EXPECT_NE(stream.find("event: alert"), std::string::npos) << stream;
  EXPECT_NE(stream.find("\"id\":" + std::to_string(alert)), std::string::npos) << stream;
  EXPECT_NE(stream.find("id: " + std::to_string(head_row)), std::string::npos) << stream;
}

TEST_F(StreamApiTest, OtherAccountsHearNothing) {
  StreamReader reader(server_->port(), SessionOf(yuechi_staff_), "");
  reader.ReadUntil("\r\n\r\n");
  AwaitSubscribers(1);
  api::PublishAlertNotice(hub_, head_.id, 1, R"({"id":1})");
  api::PublishAlertNotice(hub_, yuechi_staff_.id, 2, R"({"id":2})");

  std::string stream = reader.ReadUntil("data: {\"id\":2}");
  EXPECT_EQ(stream.find("id: 1\n"), std::string::npos) << stream;
}

TEST_F(StreamApiTest, ReplaysMissedEventsAfterLastEventId) {
  int64_t first = InsertAlert("yellow", "issued", true, "first");
  int64_t second = InsertAlert("red", "issued", true, "second");
  Enqueue(Notice(first, "yellow", "issued", "issued"));
  Enqueue(Notice(second, "red", "issued", "issued"));
  std::vector<int64_t> head_rows;
  auto lease = db().Acquire();
  for (const OutboxRow& row : ListSseAfter(*lease, head_.id, 0, 10)) head_rows.push_back(row.id);
  lease.Release();
  ASSERT_EQ(head_rows.size(), 2u);

  StreamReader reader(server_->port(), SessionOf(head_), std::to_string(head_rows[0]));
  std::string stream = reader.ReadUntil("\"id\":" + std::to_string(second) + ",");
  EXPECT_NE(stream.find("id: " + std::to_string(head_rows[1]) + "\n"), std::string::npos) << stream;
  EXPECT_EQ(stream.find("\"id\":" + std::to_string(first) + ","), std::string::npos) << stream;
}

// Four streams per account: the fifth is 429 with a message, another account is not affected,
// and closing one stream frees its slot.
TEST_F(StreamApiTest, LimitsOpenStreamsPerAccount) {
  std::vector<std::unique_ptr<StreamReader>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<StreamReader>(server_->port(), SessionOf(head_), ""));
    std::string headers = open.back()->ReadUntil("\r\n\r\n");
    EXPECT_TRUE(headers.starts_with("HTTP/1.1 200")) << i << ": " << headers;
  }
  AwaitSubscribers(4);

  StreamReader fifth(server_->port(), SessionOf(head_), "");
  std::string rejected = fifth.ReadUntil("}}");
  EXPECT_TRUE(rejected.starts_with("HTTP/1.1 429")) << rejected;
  EXPECT_NE(rejected.find("\"rate_limited\""), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("4 open alert streams"), std::string::npos) << rejected;
  EXPECT_EQ(hub_.subscriber_count("user:" + std::to_string(head_.id)), 4u);

  StreamReader other(server_->port(), SessionOf(yuechi_staff_), "");
  EXPECT_TRUE(other.ReadUntil("\r\n\r\n").starts_with("HTTP/1.1 200"));
  AwaitSubscribers(5);

  open.pop_back();  // closes the socket; the server notices and drops the stream
  AwaitSubscribers(4);
  StreamReader again(server_->port(), SessionOf(head_), "");
  std::string accepted = again.ReadUntil("\r\n\r\n");
  EXPECT_TRUE(accepted.starts_with("HTTP/1.1 200")) << accepted;
}

}  // namespace
}  // namespace mingjing::notify
