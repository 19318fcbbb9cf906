#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog_fixture.h"

namespace mingjing::testing {
namespace {

using calendar::LimitUnit;
using catalog::ItemType;

// A licensing item (taskType=1) and a public service (taskType=20) of the shared file.
constexpr const char* kLicensingCode = "511A0138000000-511602000000-000-115113010833722043-1-00";
constexpr const char* kPublicServiceCode =
    "512C0053300008-511602000000-000-115113010833722043-1-00";

class CatalogImportTest : public CatalogFixture {};

TEST_F(CatalogImportTest, ImportsEveryItemAndDepartment) {
  catalog::ItemImportSummary summary = ImportItems(SharedItems());

  EXPECT_EQ(summary.items, 1135);
  EXPECT_EQ(summary.created, 1135);
  EXPECT_EQ(summary.departments, 34);
  // OrgFixture already created 区民政局.
  EXPECT_EQ(summary.departments_created, 33);

  auto counts = catalog::CountItemsByDepartment(db(), kGuanganDistrict);
  ASSERT_EQ(counts.size(), 34u);
  int64_t total = 0;
  for (const auto& c : counts) {
    EXPECT_GT(c.items, 0) << c.department_name;
    total += c.items;
  }
  EXPECT_EQ(total, 1135);
  EXPECT_EQ(LedgerCount("service_item.import"), 1);
}

TEST_F(CatalogImportTest, NewItemsGetDefaultsByType) {
  ImportItems(SharedItems());

  catalog::ServiceItem licensing = ItemByCode(kLicensingCode);
  EXPECT_EQ(licensing.type, ItemType::kLicensing);
  EXPECT_EQ(licensing.task_type, "1");
  EXPECT_EQ(licensing.statutory_limit.unit, LimitUnit::kWorkingDays);
  EXPECT_EQ(licensing.statutory_limit.amount, 20);
  EXPECT_EQ(licensing.promised_limit.amount, 10);
  EXPECT_TRUE(licensing.needs_review);
  ASSERT_EQ(licensing.steps.size(), 4u);
  EXPECT_EQ(licensing.steps.front().name, "受理");
  EXPECT_EQ(licensing.steps.back().name, "办结");
  EXPECT_TRUE(catalog::ValidateItem(licensing).empty());

  catalog::ServiceItem service = ItemByCode(kPublicServiceCode);
  EXPECT_EQ(service.type, ItemType::kPublicService);
  EXPECT_EQ(service.statutory_limit.unit, LimitUnit::kImmediate);
  EXPECT_EQ(service.promised_limit.unit, LimitUnit::kImmediate);
  EXPECT_TRUE(catalog::ValidateItem(service).empty());
}

TEST_F(CatalogImportTest, ReimportChangesNothing) {
  auto items = SharedItems();
  ImportItems(items);
  catalog::ItemImportSummary again = ImportItems(items);

  EXPECT_EQ(again.items, 1135);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.changed, 0);
  EXPECT_EQ(again.unchanged, 1135);
  EXPECT_EQ(again.departments_created, 0);
  catalog::ServiceItem item = ItemByCode(kLicensingCode);
  EXPECT_EQ(item.version, 1);
  EXPECT_EQ(catalog::ItemHistory(db(), item.id).size(), 1u);
  EXPECT_EQ(catalog::CountItemsByDepartment(db(), kGuanganDistrict).size(), 34u);
}

TEST_F(CatalogImportTest, RenamedItemGetsNewVersion) {
  auto items = SharedItems();
  ImportItems(items);
  catalog::ServiceItem before = ItemByCode(kLicensingCode);

  // An administrator confirms the limits, and the next import must keep them.
  catalog::ItemChange change;
  change.statutory_limit = calendar::TimeLimit::WorkingDays(15);
  change.promised_limit = calendar::TimeLimit::WorkingDays(5);
  change.steps = std::vector<catalog::Step>{{"受理", calendar::TimeLimit::WorkingDays(1)},
                                            {"办结", calendar::TimeLimit::WorkingDays(4)}};
  change.needs_review = false;
  auto updated = catalog::UpdateItem(db(), ledger_, actor_, before.id, change, 1, clock_);
  ASSERT_TRUE(updated.has_value()) << updated.error().message;

  for (auto& department : items) {
    for (auto& item : department.items) {
      if (item.code == kLicensingCode) item.name += "（新）";
    }
  }
  clock_.Advance(std::chrono::hours(1));
  catalog::ItemImportSummary again = ImportItems(items);
  EXPECT_EQ(again.changed, 1);
  EXPECT_EQ(again.unchanged, 1134);

  catalog::ServiceItem after = ItemByCode(kLicensingCode);
  EXPECT_EQ(after.version, 3);
  EXPECT_EQ(after.name, before.name + "（新）");
  EXPECT_EQ(after.promised_limit.amount, 5);
  EXPECT_FALSE(after.needs_review);

  auto history = catalog::ItemHistory(db(), after.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].reason, "import");
  EXPECT_EQ(history[1].reason, "update");
  EXPECT_EQ(history[2].reason, "import");
  EXPECT_EQ(history[0].snapshot.at("name").as_string(), before.name);
  EXPECT_EQ(history[2].snapshot.at("name").as_string(), after.name);
  EXPECT_EQ(history[1].changed_by, actor_.name);
}

TEST_F(CatalogImportTest, UpdateNamesEveryInvalidField) {
  ImportItems(SharedItems());
  catalog::ServiceItem item = ItemByCode(kLicensingCode);

  catalog::ItemChange change;
  change.statutory_limit = calendar::TimeLimit::WorkingDays(10);
  change.promised_limit = calendar::TimeLimit::WorkingDays(12);
  change.fee = catalog::Fee{false, 5000, ""};
  change.steps = std::vector<catalog::Step>{{"决定", calendar::TimeLimit::WorkingDays(1)},
                                            {"受理", calendar::TimeLimit::WorkingDays(1)}};
  std::vector<Error> errors;
  auto updated = catalog::UpdateItem(db(), ledger_, actor_, item.id, change, 0, clock_, &errors);
  ASSERT_FALSE(updated.has_value());
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_THAT(fields, ::testing::Contains("promised_limit.amount"));
  EXPECT_THAT(fields, ::testing::Contains("fee.basis"));
  EXPECT_THAT(fields, ::testing::Contains("steps[0].name"));
  EXPECT_THAT(fields, ::testing::Contains("steps[1].name"));
  EXPECT_EQ(ItemByCode(kLicensingCode).version, 1);
}

TEST_F(CatalogImportTest, StaleVersionIsConflict) {
  ImportItems(SharedItems());
  catalog::ServiceItem item = ItemByCode(kLicensingCode);
  catalog::ItemChange change;
  change.needs_review = false;
  ASSERT_TRUE(catalog::UpdateItem(db(), ledger_, actor_, item.id, change, 1, clock_));

  auto stale = catalog::UpdateItem(db(), ledger_, actor_, item.id, change, 1, clock_);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

TEST_F(CatalogImportTest, SearchByKeywordTypeAndPage) {
  ImportItems(SharedItems());

  catalog::ItemQuery query;
  query.keyword = "学生";
  catalog::ItemPage page = catalog::SearchItems(db(), query);
  EXPECT_GT(page.total, 0);
  for (const auto& item : page.items) {
    EXPECT_NE(item.name.find("学生"), std::string::npos) << item.name;
  }

  query = {};
  query.type = ItemType::kLicensing;
  query.page_size = 100;
  page = catalog::SearchItems(db(), query);
  EXPECT_EQ(page.total, 536);
  EXPECT_EQ(page.items.size(), 100u);
  query.page = 6;
  page = catalog::SearchItems(db(), query);
  EXPECT_EQ(page.items.size(), 36u);

  query = {};
  query.keyword = "100%";
  EXPECT_EQ(catalog::SearchItems(db(), query).total, 0);
}

TEST(ItemFileParse, NamesBadLink) {
  auto parsed = catalog::ParseItemFile(
      R"([{"department": "区民政局", "items": [{"main_item": "未分类",
          "sub_items": [{"name": "婚姻登记", "link": "http://x/?taskType=1"}]}]}])");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().field, "[0].items[0].sub_items[0].link");
}

}  // namespace
}  // namespace mingjing::testing
