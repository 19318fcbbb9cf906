// GET /api/v1/notify/sms-reports over real HTTP on loopback, shaped as Kannel 1.4.5 calls a
// dlr-url: no session, the token and the report's values in the query string.
#include <gtest/gtest.h>

#include "notify/delivery_report.h"
#include "notify/outbox.h"
#include "notify_fixture.h"
#include "support/api_client.h"

namespace mingjing::notify {
namespace {

class SmsReportApiTest : public testing::NotifyFixture {
 protected:
  void SetUp() override {
    NotifyFixture::SetUp();
    server_ = std::make_unique<testing::ApiServer>(db(), ledger_, clock_);
  }

  // An SMS row as the dispatcher leaves it after a send, with the hash of `token`.
  int64_t SentSmsWithToken(const std::string& token) {
    auto lease = db().Acquire();
    int64_t id = EnqueueTestSms(*lease, head_.id, "13800138000", "测试", now());
    long long key = id;
    std::string hash = HashReportToken(token);
    *lease << "UPDATE notify_outbox SET state = 'sent', report_token_hash = :h WHERE id = :id",
        soci::use(hash), soci::use(key);
    return id;
  }

  OutboxRow Row(int64_t id) {
    auto lease = db().Acquire();
    return FindOutboxRow(*lease, id).value_or(OutboxRow{});
  }

  std::unique_ptr<testing::ApiServer> server_;
};

TEST_F(SmsReportApiTest, ReportWithTokenIsRecorded) {
  std::string token = NewReportToken().token;
  int64_t id = SentSmsWithToken(token);
  // Kannel percent-encodes the values it substitutes: %F and %A here.
  auto r = server_->Client().Get("/api/v1/notify/sms-reports?token=" + token +
                                 "&type=1&provider_id=4b1d%2D77&detail=ACK%2F");
  EXPECT_EQ(r.status, 200) << r.body;
  OutboxRow row = Row(id);
  EXPECT_EQ(row.delivery_status, "delivered");
  EXPECT_EQ(row.delivery_code, 1);
  EXPECT_EQ(row.provider_id, "4b1d-77");
  EXPECT_EQ(row.delivery_detail, "ACK/");
}

TEST_F(SmsReportApiTest, WrongTokenIsNotFound) {
  int64_t id = SentSmsWithToken(NewReportToken().token);
  auto r = server_->Client().Get("/api/v1/notify/sms-reports?token=" + NewReportToken().token +
                                 "&type=1");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(Row(id).delivery_status, "");
}

TEST_F(SmsReportApiTest, MissingTokenOrTypeIsBadRequest) {
  auto no_token = server_->Client().Get("/api/v1/notify/sms-reports?type=1");
  EXPECT_EQ(no_token.status, 400);
  EXPECT_EQ(no_token.json.at("error").at("field").as_string(), "token");
  // A dlr-url that Kannel did not fill in still carries the escape itself.
  auto raw_escape = server_->Client().Get("/api/v1/notify/sms-reports?token=abc&type=%25d");
  EXPECT_EQ(raw_escape.status, 400);
  EXPECT_EQ(raw_escape.json.at("error").at("field").as_string(), "type");
}

}  // namespace
}  // namespace mingjing::notify
