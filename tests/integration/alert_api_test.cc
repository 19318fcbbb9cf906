// Alerts over HTTP against a real store: handling by role and region, versions, attachments and
// the ledger. Also cards raised by the real rules after an ingest, order deadlines through the
// timer loop, and one card from two servers judging at once.
#include <fmt/format.h>

#include <atomic>
#include <boost/asio.hpp>
#include <latch>
#include <thread>

#include "alert_fixture.h"
#include "auth/api_key.h"
#include "crypto/encoding.h"
#include "crypto/sm3.h"
#include "exchange/ingest.h"
#include "exchange/signed_client.h"
#include "supervision/timer_schedule.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using namespace std::string_literals;
using testing::ApiResponse;

class AlertApiTest : public testing::AlertFixture {
 protected:
  static std::string Path(int64_t id, const std::string& suffix = "") {
    return "/api/v1/alerts/" + std::to_string(id) + suffix;
  }

  static ApiResponse Act(testing::ApiClient& client, int64_t id, json::object body) {
    return client.Post(Path(id, "/actions"), body);
  }

  static std::string StateOf(const ApiResponse& r) {
    return std::string(r.json.at("alert").at("state").as_string());
  }
};

TEST_F(AlertApiTest, OrderRunsToClosureWithLedger) {
  Alert alert = IssueAlert("time.promised", "");
  auto supervisor = ClientAs(supervisor_);
  auto head = ClientAs(head_);
  auto staff = ClientAs(staff_);

  ApiResponse ordered = Act(supervisor, alert.id,
                            {{"action", "order"},
                             {"text", "请于十个工作日内整改"},
                             {"version", 1},
                             {"deadline_days", 10}});
  ASSERT_EQ(ordered.status, 200) << ordered.body;
  EXPECT_EQ(StateOf(ordered), "ordered");
  EXPECT_EQ(ordered.json.at("alert").at("handling").as_string(), "order");
  EXPECT_FALSE(ordered.json.at("alert").at("answer_due_at").is_null());

  ApiResponse started = Act(head, alert.id, {{"action", "start"}, {"version", 2}});
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(StateOf(started), "rectifying");

  const std::string report = "%PDF-1.4 整改报告\0binary\xff"s;
  ApiResponse reported =
      Act(staff, alert.id,
          {{"action", "report"},
           {"text", "已完成整改，附整改报告"},
           {"version", 3},
           {"attachments", json::array{{{"file_name", "整改报告.pdf"},
                                        {"content_type", "application/pdf"},
                                        {"content_base64", crypto::Base64Encode(report)}}}}});
  ASSERT_EQ(reported.status, 200) << reported.body;
  EXPECT_EQ(StateOf(reported), "reported");

  ApiResponse closed = Act(supervisor, alert.id,
                           {{"action", "confirm"}, {"text", "整改到位，摘牌"}, {"version", 4}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(StateOf(closed), "closed");
  EXPECT_FALSE(closed.json.at("alert").at("closed_at").is_null());
  EXPECT_TRUE(closed.json.at("allowed_actions").as_array().empty());

  const json::array& actions = closed.json.at("actions").as_array();
  ASSERT_EQ(actions.size(), 5u);
  EXPECT_EQ(actions[0].at("action").as_string(), "issue");
  EXPECT_EQ(actions[3].at("actor").as_string(), "user:staff.civil");
  EXPECT_EQ(actions[3].at("actor_role").as_string(), "department_staff");
  const json::array& files = actions[3].at("attachments").as_array();
  ASSERT_EQ(files.size(), 1u);
  std::string sm3 = crypto::HexEncode(crypto::Sm3Digest(report));
  EXPECT_EQ(files[0].at("sm3").as_string(), sm3);
  EXPECT_EQ(files[0].at("size_bytes").as_int64(), static_cast<int64_t>(report.size()));

  int64_t file_id = files[0].at("id").as_int64();
  ApiResponse download = head.Get(Path(alert.id, "/attachments/" + std::to_string(file_id)));
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, report);
  ApiResponse foreign =
      ClientAs(other_staff_).Get(Path(alert.id, "/attachments/" + std::to_string(file_id)));
  EXPECT_EQ(foreign.status, 404);

  EXPECT_EQ(AlertLedger(alert.id),
            (std::vector<std::string>{"alert.issue", "alert.order", "alert.start", "alert.report",
                                      "alert.confirm"}));
  auto lease = db().Acquire();
  EXPECT_FALSE(TimerDueAt(*lease, kAlertTimer, alert.id).has_value());
}

TEST_F(AlertApiTest, ControlCharactersInTextAreRejected) {
  Alert alert = IssueAlert("time.promised", "");
  auto supervisor = ClientAs(supervisor_);
  auto bad = Act(supervisor, alert.id,
                 {{"action", "inquire"}, {"text", std::string("a\0b\x1b[2J", 7)}, {"version", 1}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("control character"), std::string::npos);
  auto good = Act(supervisor, alert.id,
                  {{"action", "inquire"}, {"text", "请说明原因。\n逐项答复。"}, {"version", 1}});
  EXPECT_EQ(good.status, 200) << good.body;
}

TEST_F(AlertApiTest, WrongRoleIsForbidden) {
  Alert alert = IssueAlert("time.promised", "");
  auto staff = ClientAs(staff_);
  auto supervisor = ClientAs(supervisor_);

  EXPECT_EQ(
      Act(staff, alert.id, {{"action", "order"}, {"text", "自己督办"}, {"version", 1}}).status,
      403);
  EXPECT_EQ(
      Act(staff, alert.id, {{"action", "appeal"}, {"text", "申诉理由"}, {"version", 1}}).status,
      403);
  EXPECT_EQ(Act(supervisor, alert.id, {{"action", "respond"}, {"text", "代为回复"}, {"version", 1}})
                .status,
            403);
  EXPECT_EQ(AlertLedger(alert.id), (std::vector<std::string>{"alert.issue"}));
}

TEST_F(AlertApiTest, OtherRegionIsNotFound) {
  Alert alert = IssueAlert("time.promised", "");
  auto other_supervisor = ClientAs(other_supervisor_);
  auto other_staff = ClientAs(other_staff_);

  EXPECT_EQ(other_supervisor.Get(Path(alert.id)).status, 404);
  EXPECT_EQ(other_staff.Get(Path(alert.id)).status, 404);
  EXPECT_EQ(
      Act(other_supervisor, alert.id, {{"action", "revoke"}, {"text", "撤销"}, {"version", 1}})
          .status,
      404);
  ApiResponse list = other_supervisor.Get("/api/v1/alerts");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json.at("total").as_int64(), 0);
  ApiResponse outside = ClientAs(supervisor_).Get("/api/v1/alerts?division=5117");
  ASSERT_EQ(outside.status, 200);
  EXPECT_EQ(outside.json.at("total").as_int64(), 0);
}

TEST_F(AlertApiTest, StaleVersionIsConflict) {
  Alert alert = IssueAlert("time.promised", "");
  auto head = ClientAs(head_);
  auto staff = ClientAs(staff_);
  auto supervisor = ClientAs(supervisor_);

  ASSERT_EQ(
      Act(head, alert.id, {{"action", "respond"}, {"text", "已说明原因"}, {"version", 1}}).status,
      200);
  ApiResponse stale =
      Act(staff, alert.id, {{"action", "respond"}, {"text", "重复回复"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  ApiResponse wrong_state =
      Act(supervisor, alert.id, {{"action", "confirm"}, {"text", "确认整改"}, {"version", 2}});
  EXPECT_EQ(wrong_state.status, 409) << wrong_state.body;
  ApiResponse no_version = Act(supervisor, alert.id, {{"action", "close"}, {"text", "办结"}});
  EXPECT_EQ(no_version.status, 400);
  ApiResponse closed =
      Act(supervisor, alert.id, {{"action", "close"}, {"text", "说明合理，办结"}, {"version", 2}});
  EXPECT_EQ(closed.status, 200) << closed.body;
}

TEST_F(AlertApiTest, ListFiltersAndDetailShowAllowedActions) {
  Alert yellow = IssueAlert("time.promised", "");
  Alert pending = IssueAlert("dormancy.untouched", "", /*needs_confirmation=*/true);
  auto supervisor = ClientAs(supervisor_);

  ApiResponse all = supervisor.Get("/api/v1/alerts?open=true");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json.at("total").as_int64(), 2);
  ApiResponse pending_only = supervisor.Get("/api/v1/alerts?state=pending&rule=dormancy.untouched");
  ASSERT_EQ(pending_only.status, 200);
  ASSERT_EQ(pending_only.json.at("total").as_int64(), 1);
  EXPECT_EQ(pending_only.json.at("items").at(0).at("id").as_int64(), pending.id);
  EXPECT_TRUE(pending_only.json.at("items").at(0).at("issued_at").is_null());

  ApiResponse detail = supervisor.Get(Path(yellow.id));
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json.at("alert").at("department_name").as_string(), "区民政局");
  EXPECT_TRUE(detail.json.at("case").is_null());
  std::vector<std::string> allowed;
  for (const auto& a : detail.json.at("allowed_actions").as_array()) {
    allowed.emplace_back(a.as_string());
  }
  EXPECT_EQ(allowed, (std::vector<std::string>{"inquire", "revoke", "order"}));

  // The pending card is the supervisors' until one confirms it.
  ApiResponse staff_list = ClientAs(staff_).Get("/api/v1/alerts");
  ASSERT_EQ(staff_list.status, 200);
  EXPECT_EQ(staff_list.json.at("total").as_int64(), 1);
  ApiResponse bad_page = supervisor.Get("/api/v1/alerts?page_size=0");
  EXPECT_EQ(bad_page.status, 400);
}

TEST_F(AlertApiTest, BulkReturnsStatusPerAlert) {
  Alert first = IssueAlert("time.promised", "a");
  Alert second = IssueAlert("time.promised", "b");
  auto supervisor = ClientAs(supervisor_);
  ASSERT_EQ(
      Act(supervisor, second.id, {{"action", "revoke"}, {"text", "误报"}, {"version", 1}}).status,
      200);

  ApiResponse bulk =
      supervisor.Post("/api/v1/alerts/bulk",
                      json::object{{"ids", json::array{first.id, second.id, 999999, first.id}},
                                   {"action", "revoke"},
                                   {"text", "同一问题重复预警"}});
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  const json::array& results = bulk.json.at("results").as_array();
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].at("status").as_int64(), 200);
  EXPECT_EQ(results[1].at("status").as_int64(), 409);
  EXPECT_EQ(results[2].at("status").as_int64(), 404);
  EXPECT_EQ(results[3].at("status").as_int64(), 400);  // the same id twice acts once
  EXPECT_EQ(AlertLedger(first.id), (std::vector<std::string>{"alert.issue", "alert.revoke"}));

  ApiResponse detail = supervisor.Get(Path(first.id));
  EXPECT_EQ(detail.json.at("alert").at("state").as_string(), "revoked");

  // A step that keeps the state could be repeated without end in one bulk call.
  Alert third = IssueAlert("time.promised", "c");
  ApiResponse inquiry =
      supervisor.Post("/api/v1/alerts/bulk", json::object{{"ids", json::array{third.id, third.id}},
                                                          {"action", "inquire"},
                                                          {"text", "请书面说明超期原因"}});
  EXPECT_EQ(inquiry.status, 400);
  EXPECT_EQ(inquiry.json.at("error").at("field").as_string(), "action");
}

// A 30 MB body announced without a session is rejected from its header alone: the response
// arrives although not one byte of the body is ever sent.
TEST_F(AlertApiTest, LargeBodyWithoutSessionIsRefusedUnread) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), server_->port()});
  std::string header =
      "POST /api/v1/alerts/1/actions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: 30000000\r\n\r\n";
  asio::write(socket, asio::buffer(header));
  std::string answer;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(answer), asio::transfer_at_least(12), ec);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 401")) << answer;
}

// The monthly trend rules run from one timer: due at once when a server starts, then at 01:00
// on the first of each month, platform time.
TEST_F(AlertApiTest, TrendTimerRunsMonthly) {
  // 2026-11-18 10:00 +08:00.
  clock_.Set(TimePoint(std::chrono::seconds(1'794'967'200)));
  runner_->ScheduleTrends();
  runner_->ScheduleTrends();  // a second server starting changes nothing
  TimerLoop timers(db(), *runner_, clock_);
  EXPECT_EQ(timers.RunDue(), 1);
  EXPECT_EQ(timers.RunDue(), 0);
  auto lease = db().Acquire();
  // 2026-12-01 01:00 +08:00 is 2026-11-30 17:00 UTC.
  EXPECT_EQ(TimerDueAt(*lease, kTrendTimer, 0), 1'796'058'000);
}

TEST_F(AlertApiTest, DepartmentSeesNoCardBeforeItIsIssued) {
  Alert pending = IssueAlert("dormancy.untouched", "", /*needs_confirmation=*/true);
  auto staff = ClientAs(staff_);
  ApiResponse list = staff.Get("/api/v1/alerts");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json.at("total").as_int64(), 0) << list.body;
  EXPECT_EQ(staff.Get(Path(pending.id)).status, 404);

  auto supervisor = ClientAs(supervisor_);
  ASSERT_EQ(Act(supervisor, pending.id, {{"action", "confirm_issue"}, {"version", 1}}).status, 200);
  EXPECT_EQ(staff.Get(Path(pending.id)).status, 200);
  EXPECT_EQ(staff.Get("/api/v1/alerts").json.at("total").as_int64(), 1);
}

TEST_F(AlertApiTest, AttachmentTypeAndNameAreChecked) {
  Alert alert = IssueAlert("time.promised", "");
  auto staff = ClientAs(staff_);
  auto respond = [&](const std::string& name, const std::string& type) {
    return Act(staff, alert.id,
               {{"action", "respond"},
                {"text", "已说明情况"},
                {"version", 1},
                {"attachments", json::array{{{"file_name", name},
                                             {"content_type", type},
                                             {"content_base64", crypto::Base64Encode("说明")}}}}});
  };
  ApiResponse html = respond("说明.html", "text/html");
  EXPECT_EQ(html.status, 400);
  EXPECT_EQ(html.json.at("error").at("field").as_string(), "attachments[0].content_type");
  ApiResponse name = respond("说明\x07.pdf", "application/pdf");
  EXPECT_EQ(name.status, 400);
  EXPECT_EQ(name.json.at("error").at("field").as_string(), "attachments[0].file_name");
  EXPECT_EQ(respond("说明.pdf", "application/pdf").status, 200);
}

TEST_F(AlertApiTest, LateCaseRaisesOneYellowCard) {
  ImportItems(SharedItems());
  std::string item_code;
  {
    auto lease = db().Acquire();
    *lease << "SELECT min(code) FROM service_items WHERE item_type = 'licensing'",
        soci::into(item_code);
  }
  ASSERT_FALSE(item_code.empty());
  // 2026-03-02T10:00:00+08:00, just after the case was submitted and accepted.
  clock_.Set(TimePoint(std::chrono::seconds(1'772'416'800)));
  auto event = [&](const std::string& id, const std::string& type, const std::string& at) {
    json::object e{{"event_id", id},
                   {"event_type", type},
                   {"case_number", "GA-LATE-1"},
                   {"item_code", item_code},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_id", civil_affairs_.id},
                   {"occurred_at", at},
                   {"operator", "window-07"}};
    if (type == "submitted") e["applicant_name"] = "张三";
    return json::value(std::move(e));
  };
  std::vector<json::value> events = {event("late-1", "submitted", "2026-03-02T09:00:00+08:00"),
                                     event("late-2", "accepted", "2026-03-02T09:30:00+08:00")};
  exchange::Sender sender{"mk_test", "5116", {"licensing"}};
  ledger::Actor actor{"system:mk_test", "127.0.0.1"};
  auto first = exchange::IngestEvents(db(), ledger_, actor, sender, events, clock_);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  std::vector<int64_t> cases = TouchedCases(*first);
  for (const auto& e : first->events) {
    for (const auto& error : e.errors) ADD_FAILURE() << error.field << ": " << error.message;
  }
  ASSERT_EQ(cases.size(), 1u);
  runner_->JudgeAfterIngest(cases);
  EXPECT_EQ(CountAlerts("time.promised"), 0);

  // 2026-06-01, long past any limit of the item: the timer loop and two more judgements, one
  // after a resend of the same events, raise the card once.
  clock_.Set(TimePoint(std::chrono::seconds(1'780'279'200)));
  TimerLoop timers(db(), *runner_, clock_);
  timers.RunDue();
  auto resent = exchange::IngestEvents(db(), ledger_, actor, sender, events, clock_);
  ASSERT_TRUE(resent.has_value());
  EXPECT_EQ(resent->duplicates, 2);
  runner_->JudgeAfterIngest(cases);
  runner_->JudgeAfterIngest(cases);
  EXPECT_EQ(CountAlerts("time.promised"), 1) << AlertRules();

  ApiResponse list = ClientAs(supervisor_).Get("/api/v1/alerts?rule=time.promised");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json.at("total").as_int64(), 1);
  const json::value& card = list.json.at("items").at(0);
  EXPECT_EQ(card.at("level").as_string(), "yellow");
  EXPECT_EQ(card.at("case_number").as_string(), "GA-LATE-1");
  EXPECT_EQ(card.at("department_id").as_int64(), civil_affairs_.id);

  ApiResponse detail = ClientAs(head_).Get(Path(card.at("id").as_int64()));
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json.at("case").at("case_number").as_string(), "GA-LATE-1");
  EXPECT_EQ(detail.json.at("timeline").as_array().size(), 2u);
}

// More late cases than one judging transaction holds, plus a case id that does not exist: each
// real case gets its card, and the missing one loses its timer instead of blocking the others.
TEST_F(AlertApiTest, ManyDueCasesAreJudgedInSharedTransactions) {
  ImportItems(SharedItems());
  std::string item_code;
  {
    auto lease = db().Acquire();
    *lease << "SELECT min(code) FROM service_items WHERE item_type = 'licensing'",
        soci::into(item_code);
  }
  clock_.Set(TimePoint(std::chrono::seconds(1'772'416'800)));  // 2026-03-02T10:00:00+08:00
  std::vector<json::value> events;
  const int cases = static_cast<int>(JudgementRunner::kCasesPerTransaction) + 30;
  for (int i = 0; i < cases; ++i) {
    std::string number = fmt::format("GA-MANY-{}", i);
    for (std::string type : {"submitted", "accepted"}) {
      json::object e{{"event_id", number + "-" + type},
                     {"event_type", type},
                     {"case_number", number},
                     {"item_code", item_code},
                     {"item_type", "licensing"},
                     {"division_code", "511602"},
                     {"department_id", civil_affairs_.id},
                     {"occurred_at", type == "submitted" ? "2026-03-02T09:00:00+08:00"
                                                         : "2026-03-02T09:30:00+08:00"},
                     {"operator", "window-07"}};
      if (type == "submitted") e["applicant_name"] = "张三";
      events.emplace_back(std::move(e));
    }
  }
  exchange::Sender sender{"mk_test", "5116", {"licensing"}};
  ledger::Actor actor{"system:mk_test", "127.0.0.1"};
  auto stored = exchange::IngestEvents(db(), ledger_, actor, sender, events, clock_);
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->accepted, 2 * cases);
  std::vector<int64_t> ids = TouchedCases(*stored);
  runner_->JudgeAfterIngest(ids);
  EXPECT_EQ(CountAlerts("time.promised"), 0);

  {
    auto lease = db().Acquire();
    Schedule(*lease, kCaseTimer, 987654321, 1);  // a timer whose case does not exist
  }
  clock_.Set(TimePoint(std::chrono::seconds(1'780'279'200)));  // 2026-06-01
  TimerLoop timers(db(), *runner_, clock_);
  EXPECT_EQ(timers.RunDue(), cases + 1);
  EXPECT_EQ(CountAlerts("time.promised"), cases) << AlertRules();
  auto lease = db().Acquire();
  EXPECT_FALSE(TimerDueAt(*lease, kCaseTimer, 987654321).has_value());
}

// A push that schedules a case again while the timer loop has a claim on it, within the same
// second: the loop's judgement must not move the timer past the push, so the case is judged again.
TEST_F(AlertApiTest, PushDuringClaimKeepsCaseDue) {
  clock_.Set(TimePoint(std::chrono::seconds(1'772'416'800)));
  int64_t now = clock_.NowSeconds();
  {
    auto lease = db().Acquire();
    Schedule(*lease, kCaseTimer, 424242, now);
  }
  std::vector<DueTimer> claimed = ClaimDue(db(), now, 10, 120);
  ASSERT_EQ(claimed.size(), 1u);
  {
    auto lease = db().Acquire();
    Schedule(*lease, kCaseTimer, 424242, now);  // the push, same second
    Reschedule(*lease, kCaseTimer, 424242, claimed[0].due_at, now + 3600,
               claimed[0].claimed_until);
  }
  auto lease = db().Acquire();
  EXPECT_EQ(TimerDueAt(*lease, kCaseTimer, 424242), now);
  Reschedule(*lease, kCaseTimer, 424242, now, now + 3600, 0);
  EXPECT_EQ(TimerDueAt(*lease, kCaseTimer, 424242), now + 3600);
}

TEST_F(AlertApiTest, SignedPushIsJudgedOnce) {
  ImportItems(SharedItems());
  std::string item_code;
  {
    auto lease = db().Acquire();
    *lease << "SELECT min(code) FROM service_items WHERE item_type = 'licensing'",
        soci::into(item_code);
  }
  auth::Principal admin;
  admin.name = "sec.admin";
  admin.division_code = "5116";
  admin.roles = {auth::Role::kSecurityAdmin};
  auto key = auth::CreateApiKey(db(), ledger_, admin, "127.0.0.1",
                                {"广安区网上审批系统", "511602", 0, {"licensing"}}, clock_);
  ASSERT_TRUE(key.has_value()) << key.error().message;

  // 2026-06-01T10:00:00+08:00: a system sends, months late, a case accepted on 2 March.
  clock_.Set(TimePoint(std::chrono::seconds(1'780'279'200)));
  json::array events;
  for (auto [id, type, at] : {std::tuple{"push-1", "submitted", "2026-03-02T09:00:00+08:00"},
                              std::tuple{"push-2", "accepted", "2026-03-02T09:30:00+08:00"}}) {
    json::object e{{"event_id", id},
                   {"event_type", type},
                   {"case_number", "GA-PUSH-1"},
                   {"item_code", item_code},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_id", civil_affairs_.id},
                   {"occurred_at", at},
                   {"operator", "window-07"}};
    if (std::string_view(type) == "submitted") e["applicant_name"] = "张三";
    events.push_back(std::move(e));
  }
  exchange::SignedClient client({"127.0.0.1", std::to_string(server_->port())}, key->key.key_id,
                                key->secret, clock_);

  auto pushed = client.PostEvents(json::serialize(events));
  ASSERT_TRUE(pushed.has_value()) << pushed.error().message;
  ASSERT_EQ(pushed->status, 200) << pushed->body;
  EXPECT_EQ(CountAlerts("time.promised"), 1) << AlertRules();

  auto resent = client.PostEvents(json::serialize(events));
  ASSERT_TRUE(resent.has_value());
  EXPECT_EQ(resent->status, 200);
  EXPECT_EQ(resent->json.at("duplicates").as_int64(), 2);
  EXPECT_EQ(CountAlerts("time.promised"), 1);
}

TEST_F(AlertApiTest, UnstartedOrderRaisesRedCardAcrossSpringFestival) {
  // Thursday 2026-02-12T10:00:00+08:00. Five working days: Fri 13, the adjusted workday
  // Sat 14, then after the holiday of 15 to 23 February: Tue 24, Wed 25, Thu 26. The order
  // must be started by close of business on 26 February, 17:30 +08:00 (09:30 UTC).
  clock_.Set(TimePoint(std::chrono::seconds(1'770'861'600)));
  Alert alert = IssueAlert("time.statutory", "");
  auto supervisor = ClientAs(supervisor_);
  ApiResponse ordered =
      Act(supervisor, alert.id, {{"action", "order"}, {"text", "请限期整改"}, {"version", 1}});
  ASSERT_EQ(ordered.status, 200) << ordered.body;
  constexpr int64_t kStartDeadline = 1'772'098'200;  // 2026-02-26T17:30:00+08:00
  {
    auto lease = db().Acquire();
    EXPECT_EQ(TimerDueAt(*lease, kAlertTimer, alert.id), kStartDeadline + 1);
  }

  TimerLoop timers(db(), *runner_, clock_);
  clock_.Set(TimePoint(std::chrono::seconds(kStartDeadline)));
  EXPECT_EQ(timers.RunDue(), 0);
  EXPECT_EQ(CountAlerts("order.not_started"), 0);

  clock_.Set(TimePoint(std::chrono::seconds(kStartDeadline + 60)));
  EXPECT_EQ(timers.RunDue(), 1);
  EXPECT_EQ(timers.RunDue(), 0);
  ASSERT_EQ(CountAlerts("order.not_started"), 1);

  // A fresh session, because the one opened before the clock moved has expired.
  ApiResponse list = ClientAs(supervisor_).Get("/api/v1/alerts?rule=order.not_started");
  ASSERT_EQ(list.status, 200);
  const json::value& card = list.json.at("items").at(0);
  EXPECT_EQ(card.at("level").as_string(), "red");
  EXPECT_EQ(card.at("subject").as_string(), "alert:" + std::to_string(alert.id));
  EXPECT_EQ(card.at("department_id").as_int64(), civil_affairs_.id);

  // The timer now waits for the close limit: 20 working days, to Wednesday 18 March, 17:30.
  auto lease = db().Acquire();
  EXPECT_EQ(TimerDueAt(*lease, kAlertTimer, alert.id), 1'773'826'200 + 1);
}

TEST_F(AlertApiTest, TwoServersIssueOneCard) {
  auto second_db = store::Database::Open(t_.url(), 1);
  ASSERT_TRUE(second_db.has_value()) << second_db.error().message;
  ledger::Ledger second_ledger{clock_, std::make_unique<ledger::Sm3Hasher>()};
  AlertService second_alerts{second_ledger};

  Finding finding;
  finding.rule_code = "time.promised";
  finding.rule_version = 1;
  finding.level = Level::kYellow;
  finding.vars = {{"case_number", "GA-RACE-1"}};
  AlertTarget target{0, "GA-RACE-1", "", "511602", civil_affairs_.id};

  std::latch start(2);
  std::atomic<int> issued = 0;
  auto run = [&](store::Database& database, const AlertService& service) {
    start.arrive_and_wait();
    for (int round = 0; round < 20; ++round) {
      auto lease = database.Acquire();
      store::WriteTransaction tx(lease);
      auto applied = service.IssueFindings(*lease, target, {finding}, clock_.NowSeconds());
      tx.Commit();
      issued += static_cast<int>(applied.issued.size());
    }
  };
  std::thread one(run, std::ref(db()), std::cref(alerts_));
  std::thread two(run, std::ref(**second_db), std::cref(second_alerts));
  one.join();
  two.join();

  EXPECT_EQ(issued.load(), 1);
  EXPECT_EQ(CountAlerts("time.promised"), 1);
  auto lease = db().Acquire();
  long long entries = 0;
  *lease << "SELECT count(*) FROM ledger_entries WHERE action = 'alert.issue'", soci::into(entries);
  EXPECT_EQ(entries, 1);
}

}  // namespace
}  // namespace mingjing::supervision
