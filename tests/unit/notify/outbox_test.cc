#include "notify/outbox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "notify_fixture.h"

namespace mingjing::notify {
namespace {

using testing::NotifyFixture;

std::vector<int64_t> Recipients(const std::vector<OutboxRow>& rows, Channel channel) {
  std::vector<int64_t> ids;
  for (const OutboxRow& row : rows) {
    if (row.channel == channel) ids.push_back(row.recipient_id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<int64_t> Sorted(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

class OutboxTest : public NotifyFixture {};

TEST_F(OutboxTest, IssuedYellowReachesRegionAndDepartment) {
  int64_t alert = InsertAlert("yellow", "issued", true);
  EXPECT_EQ(Enqueue(Notice(alert, "yellow", "issued", "issued")), 5);

  auto rows = Rows(alert);
  EXPECT_EQ(Recipients(rows, Channel::kSse),
            Sorted({city_supervisor_.id, district_supervisor_.id, head_.id, staff_.id}));
  // The staff account has no phone, and supervisors are not texted about an issued card.
  EXPECT_EQ(Recipients(rows, Channel::kSms), std::vector<int64_t>{head_.id});
  for (const OutboxRow& row : rows) {
    EXPECT_EQ(row.state, DeliveryState::kPending);
    EXPECT_EQ(row.template_code, "alert.issued");
    EXPECT_EQ(row.next_attempt_at, now());
    EXPECT_EQ(row.attempts, 0);
  }
}

TEST_F(OutboxTest, SmsRowCarriesPhoneAndText) {
  int64_t alert = InsertAlert("red", "issued", true);
  Enqueue(Notice(alert, "red", "issued", "issued"));

  for (const OutboxRow& row : Rows(alert)) {
    if (row.channel != Channel::kSms) continue;
    EXPECT_EQ(row.phone, "13800138000");
    EXPECT_EQ(row.body, "【明镜监察】红牌：办件2026-0001超过承诺时限。请登录监察系统处理。");
  }
}

TEST_F(OutboxTest, PendingCardOnlyReachesSupervisors) {
  int64_t alert = InsertAlert("yellow", "pending", false);
  EXPECT_EQ(Enqueue(Notice(alert, "yellow", "issued", "pending")), 4);

  auto rows = Rows(alert);
  std::vector<int64_t> supervisors = Sorted({city_supervisor_.id, district_supervisor_.id});
  EXPECT_EQ(Recipients(rows, Channel::kSse), supervisors);
  EXPECT_EQ(Recipients(rows, Channel::kSms), supervisors);
}

TEST_F(OutboxTest, WarningSendsNoSms) {
  int64_t alert = InsertAlert("warning", "issued", true);
  EXPECT_EQ(Enqueue(Notice(alert, "warning", "issued", "issued")), 4);
  EXPECT_TRUE(Recipients(Rows(alert), Channel::kSms).empty());
}

TEST_F(OutboxTest, OrderOnWarningSendsSms) {
  int64_t alert = InsertAlert("warning", "ordered", true);
  AlertNotice notice = Notice(alert, "warning", "action:order", "ordered");
  notice.handling = "order";
  Enqueue(notice);

  auto rows = Rows(alert);
  EXPECT_EQ(Recipients(rows, Channel::kSms), std::vector<int64_t>{head_.id});
  EXPECT_EQ(rows.front().template_code, "alert.order");
}

TEST_F(OutboxTest, AppealTextsSupervisors) {
  int64_t alert = InsertAlert("red", "appealed", true);
  Enqueue(Notice(alert, "red", "action:appeal", "appealed"));
  EXPECT_EQ(Recipients(Rows(alert), Channel::kSms),
            Sorted({city_supervisor_.id, district_supervisor_.id}));
}

TEST_F(OutboxTest, DisabledAccountIsSkipped) {
  {
    auto lease = db().Acquire();
    *lease << "UPDATE users SET disabled = 1 WHERE username = 'civil.head'";
  }
  int64_t alert = InsertAlert("red", "issued", true);
  Enqueue(Notice(alert, "red", "issued", "issued"));

  auto rows = Rows(alert);
  EXPECT_EQ(Recipients(rows, Channel::kSse),
            Sorted({city_supervisor_.id, district_supervisor_.id, staff_.id}));
  EXPECT_TRUE(Recipients(rows, Channel::kSms).empty());
}

TEST_F(OutboxTest, RollbackLeavesNoRows) {
  int64_t alert = InsertAlert("red", "issued", true);
  {
    auto lease = db().Acquire();
    store::WriteTransaction tx(lease);
    EXPECT_GT(EnqueueAlertNotice(*lease, Notice(alert, "red", "issued", "issued"), now()), 0);
  }
  EXPECT_TRUE(Rows(alert).empty());
}

TEST_F(OutboxTest, SseBodyIsAlertSummary) {
  int64_t alert = InsertAlert("yellow", "issued", true);
  Enqueue(Notice(alert, "yellow", "issued", "issued"));

  auto rows = Rows(alert);
  ASSERT_FALSE(rows.empty());
  boost::json::object body = boost::json::parse(rows.front().body).as_object();
  EXPECT_EQ(body.at("id").to_number<int64_t>(), alert);
  EXPECT_EQ(body.at("level").as_string(), "yellow");
  EXPECT_EQ(body.at("state").as_string(), "issued");
  EXPECT_EQ(body.at("rule_code").as_string(), "time.promised");
  EXPECT_EQ(body.at("department_name").as_string(), "区民政局");
  EXPECT_EQ(body.at("message_zh").as_string(), "超过承诺时限");
  EXPECT_EQ(body.at("event").as_string(), "issued");
  EXPECT_TRUE(body.at("issued_at").as_string().ends_with("+08:00"));
  EXPECT_TRUE(body.at("closed_at").is_null());
  EXPECT_TRUE(body.at("case_id").is_null());
}

TEST_F(OutboxTest, ListSseAfterPagesOneRecipient) {
  int64_t first = InsertAlert("yellow", "issued", true, "a|1||yellow");
  int64_t second = InsertAlert("red", "issued", true, "b|1||red");
  Enqueue(Notice(first, "yellow", "issued", "issued"));
  Enqueue(Notice(second, "red", "issued", "issued"));

  auto lease = db().Acquire();
  auto all = ListSseAfter(*lease, head_.id, 0, 100);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].alert_id, first);
  EXPECT_EQ(all[1].alert_id, second);

  auto after = ListSseAfter(*lease, head_.id, all[0].id, 100);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, all[1].id);
  EXPECT_EQ(ListSseAfter(*lease, head_.id, 0, 1).size(), 1u);
  EXPECT_TRUE(ListSseAfter(*lease, yuechi_staff_.id, 0, 100).empty());
}

}  // namespace
}  // namespace mingjing::notify
