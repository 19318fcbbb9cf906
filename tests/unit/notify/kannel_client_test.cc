#include "notify/kannel_client.h"

#include <gtest/gtest.h>

namespace mingjing::notify {
namespace {

TEST(PercentEncode, KeepsUnreservedOnly) {
  EXPECT_EQ(PercentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(PercentEncode("+86 1&2"), "%2B86%201%262");
  EXPECT_EQ(PercentEncode("黄"), "%E9%BB%84");
}

TEST(KannelClient, RejectsNonHttpUrl) {
  for (const char* url : {"https://127.0.0.1:13013/cgi-bin/sendsms", "127.0.0.1:13013", ""}) {
    auto client = KannelClient::Create({.send_url = url});
    ASSERT_FALSE(client.has_value()) << url;
    EXPECT_EQ(client.error().field, "sms.url");
  }
}

TEST(KannelClient, BuildsSendsmsTarget) {
  auto client = KannelClient::Create({.send_url = "http://127.0.0.1:13013/cgi-bin/sendsms",
                                      .username = "mingjing",
                                      .password = "p&ss word",
                                      .sender = "10690000"});
  ASSERT_TRUE(client.has_value());
  std::string target =
      (*client)->RequestTarget({.outbox_id = 1, .phone = "+8613800138000", .text = "黄牌 A"});
  EXPECT_EQ(target,
            "/cgi-bin/sendsms?username=mingjing&password=p%26ss%20word&to=%2B8613800138000"
            "&text=%E9%BB%84%E7%89%8C%20A&charset=UTF-8&coding=2&from=10690000");
}

TEST(KannelClient, KeepsUrlQueryAndAddsReportUrl) {
  auto client = KannelClient::Create(
      {.send_url = "http://localhost:13013/cgi-bin/sendsms?smsc=fake",
       .report_url = "http://127.0.0.1:8080/api/v1/notify/sms-reports"});
  ASSERT_TRUE(client.has_value());
  std::string target = (*client)->RequestTarget(
      {.outbox_id = 1, .phone = "1", .text = "t", .report_token = "tok-EN_1"});
  EXPECT_TRUE(target.starts_with("/cgi-bin/sendsms?smsc=fake&username=")) << target;
  // The dlr-url is encoded once, so Kannel decodes it back to the URL with its own %d, %F and
  // %A escapes, which it then replaces.
  EXPECT_TRUE(target.ends_with("&dlr-mask=31&dlr-url=http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fv1%2F"
                               "notify%2Fsms-reports%3Ftoken%3Dtok-EN_1%26type%3D%25d%26"
                               "provider_id%3D%25F%26detail%3D%25A"))
      << target;
}

TEST(KannelClient, NoTokenAsksForNoReport) {
  auto client = KannelClient::Create(
      {.send_url = "http://localhost:13013/cgi-bin/sendsms",
       .report_url = "http://127.0.0.1:8080/api/v1/notify/sms-reports"});
  ASSERT_TRUE(client.has_value());
  std::string target = (*client)->RequestTarget({.outbox_id = 1, .phone = "1", .text = "t"});
  EXPECT_EQ(target.find("dlr-"), std::string::npos) << target;
}

TEST(KannelClient, UnreachableGatewayIsTemporary) {
  // Port 9 on loopback (discard) has no listener in the test environment, so connect fails.
  auto client = KannelClient::Create({.send_url = "http://127.0.0.1:9/cgi-bin/sendsms",
                                      .timeout = std::chrono::milliseconds(2000)});
  ASSERT_TRUE(client.has_value());
  SmsSendOutcome outcome = (*client)->Send({.outbox_id = 1, .phone = "13800138000", .text = "t"});
  EXPECT_FALSE(outcome.accepted);
  EXPECT_FALSE(outcome.permanent);
  EXPECT_NE(outcome.error.find("127.0.0.1:9"), std::string::npos) << outcome.error;
}

}  // namespace
}  // namespace mingjing::notify
