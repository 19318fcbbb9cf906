#include "notify/dispatcher.h"

#include <gtest/gtest.h>

#include <mutex>

#include "notify/delivery_report.h"
#include "notify_fixture.h"

namespace mingjing::notify {
namespace {

using testing::NotifyFixture;

// A gateway that records every message and returns the outcome a test sets.
class FakeGateway : public SmsGateway {
 public:
  SmsSendOutcome Send(const SmsMessage& message) override {
    std::lock_guard lock(mutex_);
    sent.push_back(message);
    SmsSendOutcome result = outcome;
    if (result.accepted) result.provider_id = "kannel-" + std::to_string(sent.size());
    return result;
  }

  std::mutex mutex_;
  std::vector<SmsMessage> sent;
  SmsSendOutcome outcome{.accepted = true};
};

struct Published {
  int64_t recipient_id;
  int64_t outbox_id;
  std::string body;
};

class DispatcherTest : public NotifyFixture {
 protected:
  // Enqueues an issued red card; the civil affairs head gets the one SMS row.
  int64_t IssueRedCard(const std::string& dedupe_key = "time.statutory|1||red") {
    int64_t alert = InsertAlert("red", "issued", true, dedupe_key);
    Enqueue(Notice(alert, "red", "issued", "issued"));
    return alert;
  }

  OutboxRow SmsRow(int64_t alert) {
    for (const OutboxRow& row : Rows(alert)) {
      if (row.channel == Channel::kSms) return row;
    }
    ADD_FAILURE() << "alert " << alert << " has no SMS row";
    return {};
  }

  std::unique_ptr<Dispatcher> MakeDispatcher(DispatcherOptions options = {}) {
    return std::make_unique<Dispatcher>(
        db(), clock_, &gateway_,
        [this](int64_t recipient, int64_t id, const std::string& body) {
          std::lock_guard lock(published_mutex_);
          published_.push_back({recipient, id, body});
        },
        options);
  }

  FakeGateway gateway_;
  std::mutex published_mutex_;
  std::vector<Published> published_;
};

TEST_F(DispatcherTest, SendsDueSmsAndRecordsProviderId) {
  auto dispatcher = MakeDispatcher();
  int64_t alert = IssueRedCard();

  DispatchStats stats = dispatcher->DispatchOnce();
  EXPECT_EQ(stats.sms_sent, 1);
  ASSERT_EQ(gateway_.sent.size(), 1u);
  EXPECT_EQ(gateway_.sent[0].phone, "13800138000");
  EXPECT_EQ(gateway_.sent[0].text,
            "【明镜监察】红牌：办件2026-0001超过承诺时限。请登录监察系统处理。");

  OutboxRow row = SmsRow(alert);
  EXPECT_EQ(row.state, DeliveryState::kSent);
  EXPECT_EQ(row.provider_id, "kannel-1");
  EXPECT_EQ(row.sent_at, now());
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.claimed_until, 0);

  EXPECT_EQ(dispatcher->DispatchOnce().sms_sent, 0);
  EXPECT_EQ(gateway_.sent.size(), 1u);
}

TEST_F(DispatcherTest, FailureRetriesWithBackoff) {
  DispatcherOptions options;
  options.retry = {.base_delay_seconds = 30, .max_delay_seconds = 3600, .max_attempts = 8};
  auto dispatcher = MakeDispatcher(options);
  int64_t alert = IssueRedCard();
  gateway_.outcome = {.accepted = false, .error = "queue full"};

  EXPECT_EQ(dispatcher->DispatchOnce().sms_failed, 1);
  OutboxRow row = SmsRow(alert);
  EXPECT_EQ(row.state, DeliveryState::kFailed);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at, now() + 30);
  EXPECT_EQ(row.last_error, "queue full");

  clock_.Advance(std::chrono::seconds(29));
  EXPECT_EQ(dispatcher->DispatchOnce().sms_failed, 0);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatcher->DispatchOnce().sms_failed, 1);
  EXPECT_EQ(SmsRow(alert).next_attempt_at, now() + 60);

  gateway_.outcome = {.accepted = true};
  clock_.Advance(std::chrono::seconds(60));
  EXPECT_EQ(dispatcher->DispatchOnce().sms_sent, 1);
  row = SmsRow(alert);
  EXPECT_EQ(row.state, DeliveryState::kSent);
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.last_error, "");
}

TEST_F(DispatcherTest, DeadAfterMaxAttempts) {
  DispatcherOptions options;
  options.retry = {.base_delay_seconds = 10, .max_delay_seconds = 10, .max_attempts = 2};
  auto dispatcher = MakeDispatcher(options);
  int64_t alert = IssueRedCard();
  gateway_.outcome = {.accepted = false, .error = "timed out"};

  dispatcher->DispatchOnce();
  clock_.Advance(std::chrono::seconds(10));
  EXPECT_EQ(dispatcher->DispatchOnce().sms_dead, 1);
  EXPECT_EQ(SmsRow(alert).state, DeliveryState::kDead);

  clock_.Advance(std::chrono::hours(1));
  dispatcher->DispatchOnce();
  EXPECT_EQ(gateway_.sent.size(), 2u);
}

TEST_F(DispatcherTest, PermanentRejectionIsDeadAtOnce) {
  auto dispatcher = MakeDispatcher();
  int64_t alert = IssueRedCard();
  gateway_.outcome = {.accepted = false, .permanent = true, .error = "invalid number"};

  EXPECT_EQ(dispatcher->DispatchOnce().sms_dead, 1);
  OutboxRow row = SmsRow(alert);
  EXPECT_EQ(row.state, DeliveryState::kDead);
  EXPECT_EQ(row.attempts, 1);
}

TEST_F(DispatcherTest, RateLimitMergesOverflowIntoDigest) {
  DispatcherOptions options;
  options.rate_limit = {.max_messages = 2, .window_seconds = 3600};
  auto dispatcher = MakeDispatcher(options);
  std::vector<int64_t> alerts;
  for (int i = 0; i < 4; ++i) alerts.push_back(IssueRedCard("card|" + std::to_string(i)));

  DispatchStats stats = dispatcher->DispatchOnce();
  EXPECT_EQ(stats.sms_sent, 2);
  EXPECT_EQ(stats.sms_merged, 3);
  ASSERT_EQ(gateway_.sent.size(), 2u);
  EXPECT_EQ(gateway_.sent[1].text,
            "【明镜监察】您有3条新的监察提醒（红牌3条），请登录监察系统查看。");

  EXPECT_EQ(SmsRow(alerts[0]).state, DeliveryState::kSent);
  int64_t digest_id = gateway_.sent[1].outbox_id;
  for (size_t i = 1; i < alerts.size(); ++i) {
    OutboxRow row = SmsRow(alerts[i]);
    EXPECT_EQ(row.state, DeliveryState::kMerged);
    EXPECT_EQ(row.digest_id, digest_id);
  }
}

TEST_F(DispatcherTest, RateLimitDelaysUntilSlotFrees) {
  DispatcherOptions options;
  options.rate_limit = {.max_messages = 1, .window_seconds = 3600};
  auto dispatcher = MakeDispatcher(options);
  IssueRedCard("first");
  int64_t sent_at = now();
  dispatcher->DispatchOnce();

  clock_.Advance(std::chrono::minutes(10));
  int64_t second = IssueRedCard("second");
  EXPECT_EQ(dispatcher->DispatchOnce().sms_delayed, 1);
  EXPECT_EQ(SmsRow(second).next_attempt_at, sent_at + 3600);
  EXPECT_EQ(SmsRow(second).state, DeliveryState::kPending);

  clock_.Advance(std::chrono::minutes(50));
  EXPECT_EQ(dispatcher->DispatchOnce().sms_sent, 1);
  EXPECT_EQ(SmsRow(second).state, DeliveryState::kSent);
}

TEST_F(DispatcherTest, ExpiredClaimIsSentAgain) {
  auto dispatcher = MakeDispatcher();
  int64_t alert = IssueRedCard();
  // A dispatcher that claimed the row and died before recording the outcome.
  long long id = SmsRow(alert).id;
  {
    auto lease = db().Acquire();
    long long until = now() + 60;
    *lease << "UPDATE notify_outbox SET claimed_until = :until, attempts = 1 WHERE id = :id",
        soci::use(until, "until"), soci::use(id, "id");
  }

  EXPECT_EQ(dispatcher->DispatchOnce().sms_sent, 0);
  clock_.Advance(std::chrono::seconds(60));
  EXPECT_EQ(dispatcher->DispatchOnce().sms_sent, 1);
  OutboxRow row = SmsRow(alert);
  EXPECT_EQ(row.state, DeliveryState::kSent);
  EXPECT_EQ(row.attempts, 2);
}

TEST_F(DispatcherTest, NoGatewayLeavesSmsPending) {
  Dispatcher dispatcher(db(), clock_, nullptr, nullptr);
  int64_t alert = IssueRedCard();
  dispatcher.DispatchOnce();
  EXPECT_EQ(SmsRow(alert).state, DeliveryState::kPending);
}

TEST_F(DispatcherTest, PublishesSseRowsOnce) {
  auto dispatcher = MakeDispatcher();
  int64_t alert = IssueRedCard();

  EXPECT_EQ(dispatcher->DispatchOnce().sse_published, 4);
  ASSERT_EQ(published_.size(), 4u);
  std::vector<int64_t> recipients;
  for (const Published& event : published_) {
    recipients.push_back(event.recipient_id);
    EXPECT_NE(event.body.find("\"event\":\"issued\""), std::string::npos);
  }
  std::sort(recipients.begin(), recipients.end());
  std::vector<int64_t> expected{city_supervisor_.id, district_supervisor_.id, head_.id, staff_.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(recipients, expected);

  EXPECT_EQ(dispatcher->DispatchOnce().sse_published, 0);
  for (const OutboxRow& row : Rows(alert)) {
    if (row.channel == Channel::kSse) EXPECT_EQ(row.state, DeliveryState::kSent);
  }
}

TEST_F(DispatcherTest, SkipsSseRowsOlderThanServer) {
  IssueRedCard();
  auto dispatcher = MakeDispatcher();
  EXPECT_EQ(dispatcher->DispatchOnce().sse_published, 0);
  EXPECT_TRUE(published_.empty());
}

TEST_F(DispatcherTest, BackgroundLoopPublishesAfterWake) {
  DispatcherOptions options;
  options.poll_interval = std::chrono::milliseconds(50);
  auto dispatcher = MakeDispatcher(options);
  dispatcher->Start();
  IssueRedCard();
  dispatcher->Wake();

  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(published_mutex_);
      if (published_.size() == 4u) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  dispatcher->Stop();
  std::lock_guard lock(published_mutex_);
  EXPECT_EQ(published_.size(), 4u);
}

// Each send carries a fresh report token, and the row stores only its SM3 hash. A report with
// the token sets the row's delivery status and the SMSC's message id.
TEST_F(DispatcherTest, DeliveryReportMarksRowDelivered) {
  auto dispatcher = MakeDispatcher();
  int64_t alert = IssueRedCard();
  ASSERT_EQ(dispatcher->DispatchOnce().sms_sent, 1);
  ASSERT_EQ(gateway_.sent.size(), 1u);
  std::string token = gateway_.sent[0].report_token;
  EXPECT_EQ(token.size(), 43u);

  {
    auto lease = db().Acquire();
    long long clear = 0;
    *lease << "SELECT count(*) FROM notify_outbox WHERE report_token_hash = :t",
        soci::use(token), soci::into(clear);
    EXPECT_EQ(clear, 0);
  }

  auto recorded = RecordDeliveryReport(db(), {token, 1, "", "ACK/"}, now() + 5);
  ASSERT_TRUE(recorded) << recorded.error().message;
  EXPECT_EQ(*recorded, ReportOutcome::kRecorded);
  OutboxRow row = SmsRow(alert);
  EXPECT_EQ(row.delivery_status, "delivered");
  EXPECT_EQ(row.delivery_code, 1);
  EXPECT_EQ(row.delivery_detail, "ACK/");
  EXPECT_EQ(row.delivery_reported_at, now() + 5);
  EXPECT_EQ(row.provider_id, "kannel-1");  // the gateway's id, given first, is kept
}

// The SMSC's acceptance (8) may arrive after the delivery (1); the final status stays.
TEST_F(DispatcherTest, LateIntermediateReportKeepsFinalStatus) {
  auto dispatcher = MakeDispatcher();
  int64_t alert = IssueRedCard();
  ASSERT_EQ(dispatcher->DispatchOnce().sms_sent, 1);
  std::string token = gateway_.sent[0].report_token;

  ASSERT_EQ(*RecordDeliveryReport(db(), {token, 8, "smsc-77", ""}, now()),
            ReportOutcome::kRecorded);
  EXPECT_EQ(SmsRow(alert).delivery_status, "submitted");
  EXPECT_EQ(SmsRow(alert).provider_id, "kannel-1");

  ASSERT_EQ(*RecordDeliveryReport(db(), {token, 2, "", "NACK/0x0000000b"}, now()),
            ReportOutcome::kRecorded);
  ASSERT_EQ(*RecordDeliveryReport(db(), {token, 8, "", ""}, now()), ReportOutcome::kKept);
  OutboxRow row = SmsRow(alert);
  EXPECT_EQ(row.delivery_status, "undelivered");
  EXPECT_EQ(row.delivery_code, 2);
}

TEST_F(DispatcherTest, UnknownTokenOrTypeRejected) {
  auto dispatcher = MakeDispatcher();
  IssueRedCard();
  ASSERT_EQ(dispatcher->DispatchOnce().sms_sent, 1);

  auto unknown = RecordDeliveryReport(db(), {"not-a-token", 1, "", ""}, now());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  auto bad_type = RecordDeliveryReport(db(), {gateway_.sent[0].report_token, 3, "", ""}, now());
  ASSERT_FALSE(bad_type);
  EXPECT_EQ(bad_type.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(bad_type.error().field, "type");
}

// A retry gets a new token, so a report about the failed try finds no row.
TEST_F(DispatcherTest, RetryReplacesReportToken) {
  auto dispatcher = MakeDispatcher();
  gateway_.outcome = {.accepted = false, .error = "Kannel rejected the message with HTTP 503"};
  int64_t alert = IssueRedCard();
  dispatcher->DispatchOnce();
  ASSERT_EQ(gateway_.sent.size(), 1u);

  gateway_.outcome = {.accepted = true};
  clock_.Advance(std::chrono::hours(1));
  ASSERT_EQ(dispatcher->DispatchOnce().sms_sent, 1);
  ASSERT_EQ(gateway_.sent.size(), 2u);
  EXPECT_NE(gateway_.sent[0].report_token, gateway_.sent[1].report_token);

  EXPECT_FALSE(RecordDeliveryReport(db(), {gateway_.sent[0].report_token, 1, "", ""}, now()));
  EXPECT_TRUE(RecordDeliveryReport(db(), {gateway_.sent[1].report_token, 1, "", ""}, now()));
  EXPECT_EQ(SmsRow(alert).delivery_status, "delivered");
}

}  // namespace
}  // namespace mingjing::notify
