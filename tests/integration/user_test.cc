#include "org_fixture.h"

namespace mingjing::org {
namespace {

using UserTest = testing::OrgFixture;

TEST_F(UserTest, CreatesWithRoles) {
  auto u = MakeUser("zhang.wei", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  EXPECT_GT(u.id, 0);
  auto found = FindUserByName(db(), "zhang.wei");
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->roles.size(), 1u);
  EXPECT_EQ(found->roles[0], Role::kDepartmentStaff);
  EXPECT_EQ(found->department_id, civil_affairs_.id);
}

TEST_F(UserTest, AdministratorRolesStandAlone) {
  NewUser u{"admin.two", "Admin", "5116", 0, "", "", {Role::kPlatformAdmin, Role::kAuditAdmin},
            kPassword};
  auto created = CreateUser(db(), ledger_, actor_, u, clock_, crypto::kTestOnlyPasswordCost);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().field, "roles");
}

TEST_F(UserTest, WeakPasswordIsRejected) {
  NewUser u{"li.na", "Li Na", "511602", 0, "", "", {Role::kSupervisor}, "password123"};
  auto created = CreateUser(db(), ledger_, actor_, u, clock_, crypto::kTestOnlyPasswordCost);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().field, "password");
}

TEST_F(UserTest, DepartmentOutsideDivisionIsRejected) {
  NewUser u{"wang.fang", "Wang", "511602", yuechi_affairs_.id, "", "", {Role::kDepartmentStaff},
            kPassword};
  auto created = CreateUser(db(), ledger_, actor_, u, clock_, crypto::kTestOnlyPasswordCost);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().field, "division_code");

  // A city-level account may not join a district department: it would see the whole city.
  NewUser wide{"wide.staff", "Wide", "5116", civil_affairs_.id, "", "", {Role::kDepartmentStaff},
               kPassword};
  auto widened = CreateUser(db(), ledger_, actor_, wide, clock_, crypto::kTestOnlyPasswordCost);
  ASSERT_FALSE(widened.has_value());
  EXPECT_EQ(widened.error().field, "division_code");
}

TEST_F(UserTest, DuplicateUsernameIsConflict) {
  MakeUser("zhao.lei", {Role::kSupervisor}, "511602");
  NewUser u{"zhao.lei", "Zhao", "511621", 0, "", "", {Role::kSupervisor}, kPassword};
  auto again = CreateUser(db(), ledger_, actor_, u, clock_, crypto::kTestOnlyPasswordCost);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(UserTest, ListIsLimitedToScope) {
  MakeUser("guangan.sup", {Role::kSupervisor}, "511602");
  MakeUser("yuechi.sup", {Role::kSupervisor}, "511621");
  auto guangan = ListUsers(db(), "511602");
  ASSERT_EQ(guangan.size(), 1u);
  EXPECT_EQ(guangan[0].username, "guangan.sup");
  EXPECT_EQ(ListUsers(db(), "5116").size(), 2u);
}

TEST_F(UserTest, BadUsernameNamesTheRule) {
  NewUser u{"Bad Name", "x", "511602", 0, "", "", {Role::kSupervisor}, kPassword};
  auto created = CreateUser(db(), ledger_, actor_, u, clock_, crypto::kTestOnlyPasswordCost);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().field, "username");
}

}  // namespace
}  // namespace mingjing::org
