#include "supervision/dashboard.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "integration/org_fixture.h"
#include "support/api_client.h"

namespace mingjing::supervision {
namespace {

constexpr int64_t kDay = 86'400;

// Alerts and cases over three days in Guang'an City (5116): its Guang'an District (511602) with
// the civil affairs department, and Yuechi County (511621).
class DashboardTest : public testing::OrgFixture {
 protected:
  void SetUp() override {
    OrgFixture::SetUp();
    today_ = calendar::ToLocal(clock_.Now()).date;
    int64_t now = clock_.NowSeconds();

    int64_t open_case = InsertCase("C-1", "accepted");
    int64_t warned_case = InsertCase("C-2", "in_progress");
    int64_t done_case = InsertCase("C-3", "completed");

    InsertAlert("time.promised", "yellow", "issued", "511602", civil_affairs_.id, now, open_case);
    InsertAlert("fee.free_item", "red", "ordered", "511602", civil_affairs_.id, now, open_case);
    InsertAlert("time.warning", "warning", "issued", "511602", civil_affairs_.id, now - 60,
                warned_case);
    InsertAlert("time.warning", "warning", "issued", "511621", yuechi_affairs_.id, now - kDay, 0);
    InsertAlert("time.statutory", "red", "closed", "511602", civil_affairs_.id, now - 2 * kDay,
                done_case);
    InsertAlert("time.promised", "yellow", "pending", "511602", civil_affairs_.id, now, 0);
    InsertAlert("trend.volume", "warning", "issued", "5116", 0, now, 0);
  }

  int64_t InsertCase(const std::string& number, const std::string& state) {
    auto lease = db().Acquire();
    long long department = civil_affairs_.id;
    long long now = clock_.NowSeconds();
    long long id = 0;
    *lease << "INSERT INTO cases (sender_system, case_number, item_code, item_type, "
              "division_code, department_id, state, created_at, updated_at) VALUES ('test', "
              ":number, 'item', 'licensing', '511602', :department, :state, :now, :updated) "
              "RETURNING id",
        soci::use(number, "number"), soci::use(department, "department"), soci::use(state, "state"),
        soci::use(now, "now"), soci::use(now, "updated"), soci::into(id);
    return id;
  }

  void InsertAlert(const std::string& rule, const std::string& level, const std::string& state,
                   const std::string& division, int64_t department, int64_t detected,
                   int64_t case_id) {
    auto lease = db().Acquire();
    std::string key = fmt::format("{}|{}|{}|{}", rule, division, detected, ++alerts_);
    long long department_id = department;
    long long case_row = case_id;
    soci::indicator department_null = department == 0 ? soci::i_null : soci::i_ok;
    soci::indicator case_null = case_id == 0 ? soci::i_null : soci::i_ok;
    long long at = detected;
    *lease << "INSERT INTO alerts (dedupe_key, rule_code, rule_version, level, state, case_id, "
              "division_code, department_id, message_zh, message_en, detected_at, updated_at) "
              "VALUES (:key, :rule, 1, :level, :state, :case_id, :division, :department, '消息', "
              "'message', :detected, :updated)",
        soci::use(key, "key"), soci::use(rule, "rule"), soci::use(level, "level"),
        soci::use(state, "state"), soci::use(case_row, case_null, "case_id"),
        soci::use(division, "division"), soci::use(department_id, department_null, "department"),
        soci::use(at, "detected"), soci::use(at, "updated");
  }

  DashboardSummary Summarize(const std::string& division, int64_t from = 0, int64_t to = 0) {
    auto lease = db().Acquire();
    SummaryQuery query{.division = division,
                       .detected_from = from,
                       .detected_to = to,
                       .trend_first = today_ - std::chrono::days(2),
                       .trend_last = today_};
    return SummarizeAlerts(*lease, query);
  }

  const DivisionCounts* FindDivision(const DashboardSummary& summary, const std::string& code) {
    for (const DivisionCounts& division : summary.by_division) {
      if (division.code == code) return &division;
    }
    return nullptr;
  }

  calendar::LocalDate today_;
  int alerts_ = 0;
};

TEST_F(DashboardTest, CountsOpenAlertsByLevel) {
  DashboardSummary summary = Summarize("5116");
  EXPECT_EQ(summary.open.warning, 3);
  EXPECT_EQ(summary.open.yellow, 1);
  EXPECT_EQ(summary.open.red, 1);
}

TEST_F(DashboardTest, CountsByRuleMostFrequentFirst) {
  DashboardSummary summary = Summarize("5116");
  ASSERT_EQ(summary.by_rule.size(), 4u);
  EXPECT_EQ(summary.by_rule[0].rule_code, "time.warning");
  EXPECT_EQ(summary.by_rule[0].count, 2);
  EXPECT_EQ(summary.by_rule[1].rule_code, "fee.free_item");
  EXPECT_EQ(summary.by_rule[2].rule_code, "time.promised");
  EXPECT_EQ(summary.by_rule[3].rule_code, "trend.volume");
}

TEST_F(DashboardTest, CountsByDepartment) {
  DashboardSummary summary = Summarize("5116");
  ASSERT_EQ(summary.by_department.size(), 3u);
  EXPECT_EQ(summary.by_department[0].department_id, civil_affairs_.id);
  EXPECT_EQ(summary.by_department[0].name, "区民政局");
  EXPECT_EQ(summary.by_department[0].counts.warning, 1);
  EXPECT_EQ(summary.by_department[0].counts.yellow, 1);
  EXPECT_EQ(summary.by_department[0].counts.red, 1);
}

TEST_F(DashboardTest, RollsUpChildDivisions) {
  DashboardSummary summary = Summarize("5116");
  const DivisionCounts* district = FindDivision(summary, "511602");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(district->counts.Total(), 3);
  const DivisionCounts* yuechi = FindDivision(summary, "511621");
  ASSERT_NE(yuechi, nullptr);
  EXPECT_EQ(yuechi->counts.warning, 1);
  EXPECT_FALSE(yuechi->name.empty());

  // The city's own trend alert comes last, under the city's code.
  ASSERT_FALSE(summary.by_division.empty());
  EXPECT_EQ(summary.by_division.back().code, "5116");
  EXPECT_EQ(summary.by_division.back().counts.warning, 1);
}

TEST_F(DashboardTest, DistrictSummaryKeepsOwnAlerts) {
  DashboardSummary summary = Summarize("511602");
  EXPECT_EQ(summary.open.Total(), 3);
  ASSERT_FALSE(summary.by_division.empty());
  EXPECT_EQ(summary.by_division.back().code, "511602");
  EXPECT_EQ(summary.by_division.back().counts.Total(), 3);
}

TEST_F(DashboardTest, WindowLimitsOpenCounts) {
  int64_t start_of_today =
      calendar::StartOfDay(today_).time_since_epoch() / std::chrono::seconds(1);
  DashboardSummary summary = Summarize("5116", start_of_today, start_of_today + kDay);
  EXPECT_EQ(summary.open.warning, 2);
  EXPECT_EQ(summary.open.yellow, 1);
  EXPECT_EQ(summary.open.red, 1);
}

TEST_F(DashboardTest, TrendCountsEveryStatePerDay) {
  DashboardSummary summary = Summarize("5116");
  ASSERT_EQ(summary.trend.size(), 3u);
  EXPECT_EQ(summary.trend[0].date, today_ - std::chrono::days(2));
  EXPECT_EQ(summary.trend[0].counts.red, 1);  // closed, still detected that day
  EXPECT_EQ(summary.trend[1].counts.warning, 1);
  EXPECT_EQ(summary.trend[2].counts.yellow, 2);  // pending included
  EXPECT_EQ(summary.trend[2].counts.red, 1);
  EXPECT_EQ(summary.trend[2].counts.warning, 2);
}

TEST_F(DashboardTest, DepartmentLiveStatus) {
  auto lease = db().Acquire();
  auto status = DepartmentLiveStatus(*lease, civil_affairs_.id, 10);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->name, "区民政局");
  EXPECT_EQ(status->open.Total(), 3);
  EXPECT_EQ(status->cases_open, 2);
  EXPECT_EQ(status->cases_overdue, 1);
  EXPECT_EQ(status->cases_near_deadline, 1);
  ASSERT_EQ(status->latest.size(), 4u);  // pending left out
  EXPECT_GE(status->latest[0].detected_at, status->latest[1].detected_at);
  EXPECT_FALSE(DepartmentLiveStatus(*lease, 999'999, 10).has_value());
}

class DashboardApiTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    city_supervisor_ = MakeUser("city.sup", {org::Role::kSupervisor}, "5116");
    yuechi_supervisor_ = MakeUser("yuechi.sup", {org::Role::kSupervisor}, "511621");
    civil_head_ = MakeUser("civil.head", {org::Role::kDepartmentHead}, "511602", civil_affairs_.id);
    server_ = std::make_unique<testing::ApiServer>(db(), ledger_, clock_);
  }

  testing::ApiClient ClientOf(const org::User& user) {
    testing::ApiClient client = server_->Client();
    client.SetSession(testing::OpenTestSession(db(), user.id, clock_));
    return client;
  }

  org::User city_supervisor_;
  org::User yuechi_supervisor_;
  org::User civil_head_;
  std::unique_ptr<testing::ApiServer> server_;
};

TEST_F(DashboardApiTest, SummaryForSupervisor) {
  auto response = ClientOf(city_supervisor_).Get("/api/v1/dashboard/summary");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto& body = response.json.as_object();
  EXPECT_EQ(body.at("open").at("warning").to_number<int64_t>(), 3);
  EXPECT_EQ(body.at("by_rule").as_array().size(), 4u);
  EXPECT_EQ(body.at("trend").as_array().size(), 30u);
  EXPECT_EQ(body.at("trend").as_array().back().at("date").as_string(),
            calendar::FormatDate(today_));
}

TEST_F(DashboardApiTest, SummaryWindowByDates) {
  std::string day = calendar::FormatDate(today_);
  auto response = ClientOf(city_supervisor_)
                      .Get("/api/v1/dashboard/summary?division=511602&from=" + day + "&to=" + day);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.json.at("open").at("yellow").to_number<int64_t>(), 1);
  EXPECT_EQ(response.json.at("open").at("warning").to_number<int64_t>(), 1);
  EXPECT_EQ(response.json.at("trend").as_array().size(), 1u);
}

TEST_F(DashboardApiTest, SummaryOutsideRegionIsNotFound) {
  auto response = ClientOf(yuechi_supervisor_).Get("/api/v1/dashboard/summary?division=511602");
  EXPECT_EQ(response.status, 404) << response.body;
}

TEST_F(DashboardApiTest, SummaryRejectsDepartmentAccounts) {
  EXPECT_EQ(ClientOf(civil_head_).Get("/api/v1/dashboard/summary").status, 403);
}

TEST_F(DashboardApiTest, SummaryRejectsBadDates) {
  auto client = ClientOf(city_supervisor_);
  auto bad = client.Get("/api/v1/dashboard/summary?from=2026-13-01");
  EXPECT_EQ(bad.status, 400) << bad.body;
  auto reversed = client.Get("/api/v1/dashboard/summary?from=2026-02-02&to=2026-02-01");
  EXPECT_EQ(reversed.status, 400) << reversed.body;
  auto too_long = client.Get("/api/v1/dashboard/summary?from=2024-01-01&to=2026-02-01");
  EXPECT_EQ(too_long.status, 400) << too_long.body;
}

TEST_F(DashboardApiTest, DepartmentStatusScopes) {
  std::string civil = "/api/v1/dashboard/departments/" + std::to_string(civil_affairs_.id);
  std::string yuechi = "/api/v1/dashboard/departments/" + std::to_string(yuechi_affairs_.id);

  auto own = ClientOf(civil_head_).Get(civil);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json.at("cases_overdue").to_number<int64_t>(), 1);
  EXPECT_EQ(own.json.at("latest_alerts").as_array().size(), 4u);

  EXPECT_EQ(ClientOf(civil_head_).Get(yuechi).status, 404);
  EXPECT_EQ(ClientOf(yuechi_supervisor_).Get(civil).status, 404);
  EXPECT_EQ(ClientOf(city_supervisor_).Get(yuechi).status, 200);
  EXPECT_EQ(ClientOf(city_supervisor_).Get("/api/v1/dashboard/departments/999999").status, 404);
}

}  // namespace
}  // namespace mingjing::supervision
