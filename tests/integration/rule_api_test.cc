// The rule endpoints over HTTP: who may read and write, versions and overrides.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog_fixture.h"
#include "supervision/rule_set.h"
#include "support/api_client.h"

namespace mingjing::testing {
namespace {

namespace json = boost::json;
using org::Role;

constexpr const char* kLicensingCode = "511A0138000000-511602000000-000-115113010833722043-1-00";

class RuleApiTest : public CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    ImportItems(SharedItems());
    supervision::EnsureDefaultRules(db(), ledger_, clock_);
    admin_ = MakeUser("rules.admin", {Role::kPlatformAdmin}, "5116");
    supervisor_ = MakeUser("rules.supervisor", {Role::kSupervisor}, "5116");
    auditor_ = MakeUser("rules.auditor", {Role::kAuditAdmin}, "5116");
    staff_ = MakeUser("civil.staff", {Role::kDepartmentStaff}, kGuanganDistrict, civil_affairs_.id);
    server_ = std::make_unique<ApiServer>(db(), ledger_, clock_);
  }

  ApiClient As(const org::User& user) {
    ApiClient client = server_->Client();
    client.SetSession(OpenTestSession(db(), user.id, clock_));
    return client;
  }

  static std::string OverridePath() {
    return std::string("/api/v1/rules/time.warning/overrides/") + kLicensingCode;
  }

  org::User admin_, supervisor_, auditor_, staff_;
  std::unique_ptr<ApiServer> server_;
};

TEST_F(RuleApiTest, ReadersSeeRules) {
  for (const org::User* user : {&admin_, &supervisor_, &auditor_}) {
    ApiResponse list = As(*user).Get("/api/v1/rules");
    ASSERT_EQ(list.status, 200) << user->username << ": " << list.body;
    EXPECT_EQ(list.json.at("items").as_array().size(), supervision::RuleCatalog().size());
  }
  ApiResponse one = As(supervisor_).Get("/api/v1/rules/time.statutory");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json.at("default_level").as_string(), "red");
  EXPECT_EQ(one.json.at("versions").as_array().size(), 1u);
  EXPECT_EQ(one.json.at("overrides").as_array().size(), 0u);
}

TEST_F(RuleApiTest, OthersCannotRead) {
  EXPECT_EQ(As(staff_).Get("/api/v1/rules").status, 403);
  EXPECT_EQ(server_->Client().Get("/api/v1/rules").status, 401);
  EXPECT_EQ(As(admin_).Get("/api/v1/rules/no.such").status, 404);
}

TEST_F(RuleApiTest, AdminChangesRule) {
  json::object body{{"enabled", true},
                    {"mode", "confirm"},
                    {"settings", {{"warn_ratio", 0.75}}},
                    {"template_zh", "预警：办件 {case_number} 即将到期"},
                    {"version", 1}};
  ApiResponse changed = As(admin_).Put("/api/v1/rules/time.warning", body);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json.at("version").as_int64(), 2);
  EXPECT_EQ(changed.json.at("mode").as_string(), "confirm");
  EXPECT_EQ(changed.json.at("versions").as_array().size(), 2u);
  EXPECT_EQ(LedgerCount("rule.update"), 1);

  // The same version again is stale now.
  ApiResponse stale = As(admin_).Put("/api/v1/rules/time.warning", body);
  EXPECT_EQ(stale.status, 409) << stale.body;
}

TEST_F(RuleApiTest, SupervisorCannotWrite) {
  json::object body{{"enabled", false}, {"version", 1}};
  EXPECT_EQ(As(supervisor_).Put("/api/v1/rules/time.warning", body).status, 403);
  EXPECT_EQ(As(auditor_).Put("/api/v1/rules/time.warning", body).status, 403);
  EXPECT_EQ(As(supervisor_).Put(OverridePath(), json::object{{"enabled", false}}).status, 403);
  EXPECT_EQ(As(supervisor_).Delete(OverridePath()).status, 403);
  EXPECT_EQ(supervision::LoadRuleSet(db()).Find("time.warning")->version, 1);
}

TEST_F(RuleApiTest, InvalidSettingsNamed) {
  struct Row {
    json::object body;
    const char* field;
  };
  const Row rows[] = {
      {{{"settings", {{"warn_ratio", 0}}}}, "settings.warn_ratio"},
      {{{"settings", {{"surprise", 1}}}}, "settings.surprise"},
      {{{"mode", "sometimes"}}, "mode"},
      {{{"enabled", "yes"}}, "enabled"},
      {{{"template_en", "{open"}}, "template_en"},
      {{{"version", -1}}, "version"},
  };
  for (const Row& row : rows) {
    json::object body = row.body;
    if (!body.contains("version")) body["version"] = 1;
    ApiResponse r = As(admin_).Put("/api/v1/rules/time.warning", body);
    EXPECT_EQ(r.status, 400) << json::serialize(body);
    EXPECT_EQ(r.json.at("error").at("field").as_string(), row.field) << r.body;
  }
  // Without the version read, a change could silently undo another administrator's.
  ApiResponse unversioned =
      As(admin_).Put("/api/v1/rules/time.warning", json::object{{"enabled", false}});
  EXPECT_EQ(unversioned.status, 400);
  EXPECT_EQ(unversioned.json.at("error").at("field").as_string(), "version") << unversioned.body;
}

TEST_F(RuleApiTest, OverrideSetAndDelete) {
  ApiResponse set = As(admin_).Put(
      OverridePath(), json::object{{"settings", {{"warn_ratio", 0.5}}}, {"version", 1}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json.at("version").as_int64(), 2);
  ASSERT_EQ(set.json.at("overrides").as_array().size(), 1u);
  EXPECT_EQ(set.json.at("overrides").at(0).at("item_code").as_string(), kLicensingCode);

  ApiResponse read = As(supervisor_).Get("/api/v1/rules/time.warning");
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json.at("overrides").as_array().size(), 1u);

  ApiResponse bad =
      As(admin_).Put("/api/v1/rules/time.warning/overrides/unknown-item",
                     json::object{{"enabled", false}, {"version", read.json.at("version")}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json.at("error").at("field").as_string(), "item_code");

  ApiResponse deleted = As(admin_).Delete(OverridePath());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(deleted.json.at("version").as_int64(), 3);
  EXPECT_EQ(deleted.json.at("overrides").as_array().size(), 0u);
  EXPECT_EQ(As(admin_).Delete(OverridePath()).status, 404);
  EXPECT_EQ(LedgerCount("rule.override_set"), 1);
  EXPECT_EQ(LedgerCount("rule.override_delete"), 1);
}

}  // namespace
}  // namespace mingjing::testing
