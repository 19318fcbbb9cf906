#include "org_fixture.h"

namespace mingjing::org {
namespace {

using DepartmentTest = testing::OrgFixture;

TEST_F(DepartmentTest, ListsOnlyTheScope) {
  auto guangan = ListDepartments(db(), "511602");
  ASSERT_EQ(guangan.size(), 1u);
  EXPECT_EQ(guangan[0].name, "区民政局");

  auto city = ListDepartments(db(), "5116");
  EXPECT_EQ(city.size(), 2u);
}

TEST_F(DepartmentTest, DuplicateNameIsConflict) {
  auto again = CreateDepartment(db(), ledger_, actor_, {0, "511602", "", "区民政局"}, clock_);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(DepartmentTest, UnknownDivisionIsInvalid) {
  auto bad = CreateDepartment(db(), ledger_, actor_, {0, "110101", "", "东城区民政局"}, clock_);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "division_code");
}

TEST_F(DepartmentTest, ServiceWindowsBelongToTheirDepartment) {
  auto w = CreateServiceWindow(db(), ledger_, actor_,
                               {0, civil_affairs_.id, "1号窗口", "广安区政务服务中心一楼", ""});
  ASSERT_TRUE(w.has_value()) << w.error().message;
  auto windows = ListServiceWindows(db(), civil_affairs_.id);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].name, "1号窗口");
  EXPECT_TRUE(ListServiceWindows(db(), yuechi_affairs_.id).empty());
}

}  // namespace
}  // namespace mingjing::org
