#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog_fixture.h"
#include "support/api_client.h"

namespace mingjing::testing {
namespace {

namespace json = boost::json;
using org::Role;

constexpr const char* kLicensingCode = "511A0138000000-511602000000-000-115113010833722043-1-00";

class CatalogApiTest : public CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    ImportItems(SharedItems());
    ImportCalendar();
    admin_ = MakeUser("catalog.admin", {Role::kPlatformAdmin}, "5116");
    staff_ = MakeUser("civil.staff", {Role::kDepartmentStaff}, kGuanganDistrict, civil_affairs_.id);
    auto window =
        org::CreateServiceWindow(db(), ledger_, actor_,
                                 {0, ItemByCode(kLicensingCode).department_id,
                                  "政务服务中心 3 号窗口", "广安区金安大道", "0826-0000000"});
    ASSERT_TRUE(window.has_value()) << window.error().message;
    server_ = std::make_unique<ApiServer>(db(), ledger_, clock_);
  }

  ApiClient As(const org::User& user) {
    ApiClient client = server_->Client();
    client.SetSession(OpenTestSession(db(), user.id, clock_));
    return client;
  }

  std::string ItemPath(const std::string& suffix = "") {
    return "/api/v1/catalog/items/" + std::to_string(ItemByCode(kLicensingCode).id) + suffix;
  }

  org::User admin_;
  org::User staff_;
  std::unique_ptr<ApiServer> server_;
};

TEST_F(CatalogApiTest, PublicSearchPages) {
  ApiResponse r = server_->Client().Get("/api/v1/catalog/items?type=licensing&page=2&page_size=50");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("total").as_int64(), 536);
  EXPECT_EQ(r.json.at("items").as_array().size(), 50u);
  EXPECT_EQ(r.json.at("page").as_int64(), 2);

  // "婚姻" percent-encoded, as a browser sends it.
  r = server_->Client().Get("/api/v1/catalog/items?q=%E5%A9%9A%E5%A7%BB");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& item : r.json.at("items").as_array()) {
    EXPECT_NE(std::string(item.at("name").as_string()).find("婚姻"), std::string::npos);
  }

  r = server_->Client().Get("/api/v1/catalog/items?type=bribery");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json.at("error").at("field").as_string(), "type");
}

TEST_F(CatalogApiTest, SearchFiltersByReviewFlag) {
  ApiResponse all = server_->Client().Get("/api/v1/catalog/items?needs_review=true");
  ASSERT_EQ(all.status, 200) << all.body;
  int64_t unreviewed = all.json.at("total").as_int64();
  EXPECT_GT(unreviewed, 0);

  ASSERT_EQ(As(admin_).Patch(ItemPath(), json::object{{"needs_review", false}}).status, 200);
  ApiResponse reviewed = server_->Client().Get("/api/v1/catalog/items?needs_review=false");
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  ASSERT_EQ(reviewed.json.at("total").as_int64(), 1);
  EXPECT_EQ(reviewed.json.at("items").at(0).at("code").as_string(), kLicensingCode);
  EXPECT_EQ(server_->Client().Get("/api/v1/catalog/items?needs_review=true").json.at("total"),
            unreviewed - 1);

  ApiResponse bad = server_->Client().Get("/api/v1/catalog/items?needs_review=maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json.at("error").at("field").as_string(), "needs_review");
}

TEST_F(CatalogApiTest, PublicItemShowsWhereToApply) {
  ApiResponse r = server_->Client().Get(ItemPath());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("code").as_string(), kLicensingCode);
  EXPECT_EQ(r.json.at("promised_limit").at("unit").as_string(), "working_days");
  EXPECT_TRUE(r.json.at("fee").at("free").as_bool());
  const auto& department = r.json.at("department").as_object();
  EXPECT_EQ(department.at("name").as_string(), "区教科体局");
  ASSERT_EQ(department.at("windows").as_array().size(), 1u);

  EXPECT_EQ(server_->Client().Get("/api/v1/catalog/items/999999").status, 404);
}

TEST_F(CatalogApiTest, PublicDepartmentCounts) {
  ApiResponse r = server_->Client().Get("/api/v1/catalog/departments?division=511602");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& items = r.json.at("items").as_array();
  EXPECT_EQ(items.size(), 34u);
  int64_t total = 0;
  for (const auto& d : items) total += d.at("items").as_int64();
  EXPECT_EQ(total, 1135);
}

TEST_F(CatalogApiTest, StaffCannotPatch) {
  json::object change{{"needs_review", false}};
  EXPECT_EQ(As(staff_).Patch(ItemPath(), change).status, 403);
  EXPECT_EQ(server_->Client().Patch(ItemPath(), change).status, 401);
  EXPECT_EQ(As(staff_).Get(ItemPath("/history")).status, 403);
  EXPECT_EQ(ItemByCode(kLicensingCode).version, 1);
}

TEST_F(CatalogApiTest, AdminPatchWritesHistory) {
  ApiClient admin = As(admin_);
  json::object change{
      {"version", 1},
      {"promised_limit", {{"unit", "working_days"}, {"amount", 7}}},
      {"steps",
       json::array{{{"name", "受理"}, {"limit", {{"unit", "working_days"}, {"amount", 1}}}},
                   {{"name", "审查"}, {"limit", {{"unit", "working_days"}, {"amount", 5}}}},
                   {{"name", "办结"}, {"limit", {{"unit", "working_days"}, {"amount", 1}}}}}},
      {"fee", {{"free", false}, {"amount_fen", 1000}, {"basis", "《示例收费办法》第三条"}}},
      {"needs_review", false}};
  ApiResponse r = admin.Patch(ItemPath(), change);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("version").as_int64(), 2);
  EXPECT_EQ(r.json.at("promised_limit").at("amount").as_int64(), 7);
  EXPECT_EQ(r.json.at("fee").at("amount_fen").as_int64(), 1000);

  r = admin.Get(ItemPath("/history"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& versions = r.json.at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].at("changed_by").as_string(), "user:catalog.admin");
  EXPECT_EQ(versions[0].at("item").at("promised_limit").at("amount").as_int64(), 10);
  EXPECT_EQ(LedgerCount("service_item.update"), 1);

  // The same version again is stale.
  EXPECT_EQ(admin.Patch(ItemPath(), change).status, 409);
}

TEST_F(CatalogApiTest, InvalidChangeNamesEachField) {
  json::object change{
      {"statutory_limit", {{"unit", "fortnights"}, {"amount", 1}}},
      {"fee", {{"free", false}, {"amount_fen", 0}}},
      {"steps", json::array{{{"name", "盖章"}, {"limit", {{"unit", "immediate"}}}}}},
      {"needs_review", "no"}};
  ApiResponse r = As(admin_).Put(ItemPath(), change);
  ASSERT_EQ(r.status, 400) << r.body;
  std::vector<std::string> fields;
  for (const auto& e : r.json.at("error").at("errors").as_array()) {
    fields.emplace_back(e.at("field").as_string());
  }
  EXPECT_THAT(fields, ::testing::Contains("statutory_limit.unit"));
  EXPECT_THAT(fields, ::testing::Contains("promised_limit"));  // PUT requires it
  EXPECT_THAT(fields, ::testing::Contains("needs_review"));

  // Members that parse but break the rules are reported after parsing.
  json::object rules{
      {"fee", {{"free", false}, {"amount_fen", 0}}},
      {"steps", json::array{{{"name", "盖章"}, {"limit", {{"unit", "immediate"}}}}}}};
  r = As(admin_).Patch(ItemPath(), rules);
  ASSERT_EQ(r.status, 400) << r.body;
  fields.clear();
  for (const auto& e : r.json.at("error").at("errors").as_array()) {
    fields.emplace_back(e.at("field").as_string());
  }
  EXPECT_THAT(fields, ::testing::Contains("fee.amount_fen"));
  EXPECT_THAT(fields, ::testing::Contains("fee.basis"));
  EXPECT_THAT(fields, ::testing::Contains("steps[0].name"));
  EXPECT_EQ(ItemByCode(kLicensingCode).version, 1);
}

TEST_F(CatalogApiTest, DeadlineAcrossSpringFestival) {
  // Thursday 2026-02-12 plus 5 working days: Friday 13, the adjusted workday Saturday 14, then
  // the holiday of 15 to 23, then Tuesday 24, Wednesday 25 and Thursday 26.
  ApiResponse r = server_->Client().Get(
      "/api/v1/calendar/deadline?start=2026-02-12T10:00:00%2B08:00&limit=5&unit=working_days");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("state").as_string(), "running");
  EXPECT_EQ(r.json.at("deadline_local").as_string(), "2026-02-26T17:30:00+08:00");
  bool skipped_holidays = false;
  for (const auto& step : r.json.at("steps").as_array()) {
    if (step.at("step").as_string() == "holidays_skipped") skipped_holidays = true;
  }
  EXPECT_TRUE(skipped_holidays) << r.body;

  r = server_->Client().Get("/api/v1/calendar/deadline?start=2026-02-12&limit=5&unit=weeks");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json.at("error").at("field").as_string(), "unit");
}

TEST_F(CatalogApiTest, MonthViewMarksHolidays) {
  ApiResponse r = server_->Client().Get("/api/v1/calendar/months/2026-02");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& days = r.json.at("days").as_array();
  ASSERT_EQ(days.size(), 28u);
  EXPECT_TRUE(days[13].at("adjusted_workday").as_bool());  // 2026-02-14
  EXPECT_TRUE(days[13].at("working").as_bool());
  EXPECT_TRUE(days[16].at("holiday").as_bool());  // 2026-02-17
  EXPECT_EQ(days[16].at("name").as_string(), "春节");
  EXPECT_FALSE(days[6].at("working").as_bool());  // Saturday 2026-02-07, a rest day
  EXPECT_EQ(days[6].at("kind").as_string(), "rest_day");
  EXPECT_TRUE(days[27].at("adjusted_workday").as_bool());  // Saturday 2026-02-28
}

TEST_F(CatalogApiTest, AdminSetsNextYearAndHours) {
  json::object year{
      {"year", 2027},
      {"papers", json::array{}},
      {"days", json::array{{{"name", "元旦"}, {"date", "2027-01-01"}, {"isOffDay", true}}}}};
  EXPECT_EQ(As(staff_).Put("/api/v1/calendar/years/2027", year).status, 403);
  ApiResponse r = As(admin_).Put("/api/v1/calendar/years/2027", year);
  ASSERT_EQ(r.status, 200) << r.body;
  r = server_->Client().Get("/api/v1/calendar/years/2027");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("days").as_array().size(), 1u);
  r = server_->Client().Get("/api/v1/calendar/months/2027-01");
  EXPECT_TRUE(r.json.at("published").as_bool());
  EXPECT_TRUE(r.json.at("days").as_array()[0].at("holiday").as_bool());

  r = As(admin_).Put("/api/v1/calendar/working-hours", json::object{{"hours", "9-12"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json.at("error").at("field").as_string(), "hours");
  r = As(admin_).Put("/api/v1/calendar/working-hours",
                     json::object{{"hours", "08:30-12:00,14:00-17:30"}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = server_->Client().Get("/api/v1/calendar/working-hours");
  EXPECT_EQ(r.json.at("hours").as_string(), "08:30-12:00,14:00-17:30");
  EXPECT_EQ(r.json.at("daily_minutes").as_int64(), 420);
}

}  // namespace
}  // namespace mingjing::testing
