#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ledger/ledger_reader.h"
#include "org/division.h"
#include "support/test_database.h"

namespace mingjing::org {
namespace {

const std::string kDivisionsDir = std::string(MINGJING_SHARED_DATA) + "/divisions-cn";

class DivisionImportTest : public ::testing::Test {
 protected:
  testing::TestDatabase t_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'770'000'000))};
  ledger::Ledger ledger_{clock_, std::make_unique<ledger::Sm3Hasher>()};
  ledger::Actor actor_{"cli:test", ""};
};

TEST_F(DivisionImportTest, ImportsGuanganSubtree) {
  auto summary = ImportDivisions(t_.db(), ledger_, actor_, kDivisionsDir, "5116");
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_EQ(summary->provinces, 1);
  EXPECT_EQ(summary->cities, 1);
  EXPECT_EQ(summary->counties, 6);  // 广安区 前锋区 岳池县 武胜县 邻水县 华蓥市
  EXPECT_GT(summary->townships, 100);

  auto guangan = FindDivision(t_.db(), "511602");
  ASSERT_TRUE(guangan.has_value());
  EXPECT_EQ(guangan->name, "广安区");
  EXPECT_EQ(guangan->level, 3);
  EXPECT_EQ(guangan->parent_code, "5116");

  auto counties = ChildDivisions(t_.db(), "5116");
  ASSERT_EQ(counties.size(), 6u);
  EXPECT_EQ(counties[0].code, "511602");
  EXPECT_FALSE(FindDivision(t_.db(), "5101").has_value()) << "Chengdu is outside the prefix";
}

TEST_F(DivisionImportTest, ReimportUpdatesInPlace) {
  ASSERT_TRUE(ImportDivisions(t_.db(), ledger_, actor_, kDivisionsDir, "511602").has_value());
  ASSERT_TRUE(ImportDivisions(t_.db(), ledger_, actor_, kDivisionsDir, "511602").has_value());
  EXPECT_EQ(ChildDivisions(t_.db(), "5116").size(), 1u);

  auto entries = ledger::ListEntries(t_.db(), ledger::EntryQuery{});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entry.action, "division.import");
}

TEST_F(DivisionImportTest, MalformedRowNamesFileAndLineAndChangesNothing) {
  auto dir = std::filesystem::path(t_.scratch_dir()) / "divisions";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "provinces.csv") << "code,name\n51,\"四川省\"\n";
  std::ofstream(dir / "cities.csv") << "code,name,provinceCode\n5116,\"广安市\",51\n";
  std::ofstream(dir / "areas.csv") << "code,name,cityCode,provinceCode\n51160X,\"坏\",5116,51\n";
  std::ofstream(dir / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n";

  auto summary = ImportDivisions(t_.db(), ledger_, actor_, dir.string());
  ASSERT_FALSE(summary.has_value());
  EXPECT_NE(summary.error().message.find("areas.csv line 2"), std::string::npos)
      << summary.error().message;
  EXPECT_FALSE(FindDivision(t_.db(), "51").has_value()) << "the import must be all or nothing";
}

TEST_F(DivisionImportTest, MissingFolderNamesTheFix) {
  auto summary = ImportDivisions(t_.db(), ledger_, actor_, "/nonexistent/folder");
  ASSERT_FALSE(summary.has_value());
  EXPECT_EQ(summary.error().field, "dir");
}

TEST_F(DivisionImportTest, RejectsBadPrefix) {
  auto summary = ImportDivisions(t_.db(), ledger_, actor_, kDivisionsDir, "51x");
  ASSERT_FALSE(summary.has_value());
  EXPECT_EQ(summary.error().field, "prefix");
}

}  // namespace
}  // namespace mingjing::org
