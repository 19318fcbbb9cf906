#include "auth/login.h"

#include "crypto/encoding.h"
#include "crypto/totp.h"
#include "org_fixture.h"

namespace mingjing::auth {
namespace {

class LoginTest : public testing::OrgFixture {
 protected:
  AuthContext Context() {
    return AuthContext{db(), ledger_, clock_,
                       LoginPolicy{.hash_cost = crypto::kTestOnlyPasswordCost}, SessionPolicy{}};
  }

  ResolvedSession Resolve(const std::string& token) {
    auto s = ResolveSession(db(), token, SessionPolicy{}, clock_);
    EXPECT_TRUE(s.has_value());
    return s.value_or(ResolvedSession{});
  }
};

TEST_F(LoginTest, StaffLoginNeedsNoSecondFactor) {
  MakeUser("staff.a", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  auto ctx = Context();
  auto outcome = Login(ctx, "staff.a", kPassword, "127.0.0.1", "test");
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_FALSE(outcome->second_factor_required);
  auto session = Resolve(outcome->session.token);
  EXPECT_EQ(session.principal.name, "staff.a");
  EXPECT_EQ(session.principal.division_code, "511602");
  EXPECT_EQ(session.principal.csrf_token, outcome->session.csrf_token);
  EXPECT_TRUE(session.second_factor_done);
}

TEST_F(LoginTest, WrongPasswordAndUnknownUserLookAlike) {
  MakeUser("staff.b", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  auto ctx = Context();
  auto wrong = Login(ctx, "staff.b", "Not-The-Password-1", "127.0.0.1", "");
  auto unknown = Login(ctx, "nobody.here", "Not-The-Password-1", "127.0.0.1", "");
  ASSERT_FALSE(wrong.has_value());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(LoginTest, FiveFailuresLockForFifteenMinutes) {
  MakeUser("staff.c", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  auto ctx = Context();
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(Login(ctx, "staff.c", "Wrong-Password-99", "127.0.0.1", "").has_value());
  }
  auto locked = Login(ctx, "staff.c", kPassword, "127.0.0.1", "");
  ASSERT_FALSE(locked.has_value());
  EXPECT_EQ(locked.error().code, ErrorCode::kForbidden);

  clock_.Advance(std::chrono::minutes(14));
  EXPECT_FALSE(Login(ctx, "staff.c", kPassword, "127.0.0.1", "").has_value());
  clock_.Advance(std::chrono::minutes(2));
  EXPECT_TRUE(Login(ctx, "staff.c", kPassword, "127.0.0.1", "").has_value());
}

TEST_F(LoginTest, SupervisorEnrolsTotpThenMustUseIt) {
  MakeUser("sup.a", {Role::kSupervisor}, "511602");
  auto ctx = Context();
  auto first = Login(ctx, "sup.a", kPassword, "127.0.0.1", "");
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->second_factor_required);
  EXPECT_FALSE(first->totp_enrolled);

  auto session = Resolve(first->session.token);
  EXPECT_FALSE(session.second_factor_done);
  auto uri = BeginTotpEnrolment(ctx, session, "127.0.0.1");
  ASSERT_TRUE(uri.has_value());
  auto secret_pos = uri->find("secret=");
  ASSERT_NE(secret_pos, std::string::npos);
  std::string secret = uri->substr(secret_pos + 7, uri->find('&', secret_pos) - secret_pos - 7);
  std::string key = crypto::Base32Decode(secret).value();

  EXPECT_FALSE(ConfirmTotpEnrolment(ctx, session, "000000", "").has_value());
  std::string code = crypto::ComputeTotp(key, clock_.NowSeconds());
  ASSERT_TRUE(ConfirmTotpEnrolment(ctx, session, code, "").has_value());
  EXPECT_TRUE(Resolve(first->session.token).second_factor_done);

  // Next login: the same code cannot be replayed, a fresh one passes.
  clock_.Advance(std::chrono::seconds(5));
  auto second = Login(ctx, "sup.a", kPassword, "127.0.0.1", "");
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(second->totp_enrolled);
  auto s2 = Resolve(second->session.token);
  EXPECT_FALSE(VerifySecondFactor(ctx, s2, code, "").has_value()) << "replayed code";
  clock_.Advance(std::chrono::seconds(30));
  std::string next = crypto::ComputeTotp(key, clock_.NowSeconds());
  ASSERT_TRUE(VerifySecondFactor(ctx, s2, next, "").has_value());
  EXPECT_TRUE(Resolve(second->session.token).second_factor_done);
}

TEST_F(LoginTest, IdleAndAbsoluteTimeoutsEndSessions) {
  MakeUser("staff.d", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  auto ctx = Context();
  auto outcome = Login(ctx, "staff.d", kPassword, "", "");
  ASSERT_TRUE(outcome.has_value());
  clock_.Advance(std::chrono::minutes(29));
  EXPECT_TRUE(ResolveSession(db(), outcome->session.token, {}, clock_).has_value());
  clock_.Advance(std::chrono::minutes(31));
  EXPECT_FALSE(ResolveSession(db(), outcome->session.token, {}, clock_).has_value());

  auto busy = Login(ctx, "staff.d", kPassword, "", "");
  ASSERT_TRUE(busy.has_value());
  for (int i = 0; i < 25; ++i) {
    clock_.Advance(std::chrono::minutes(29));
    ResolveSession(db(), busy->session.token, {}, clock_);
  }
  EXPECT_FALSE(ResolveSession(db(), busy->session.token, {}, clock_).has_value())
      << "over 12 hours since login";
}

TEST_F(LoginTest, PasswordChangeEndsAllSessions) {
  MakeUser("staff.e", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  auto ctx = Context();
  auto a = Login(ctx, "staff.e", kPassword, "", "");
  auto b = Login(ctx, "staff.e", kPassword, "", "");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  auto session = Resolve(a->session.token);
  auto changed = ChangePassword(ctx, session, kPassword, "Another-Long-Pass-7", "");
  ASSERT_TRUE(changed.has_value()) << changed.error().message;
  EXPECT_FALSE(ResolveSession(db(), a->session.token, {}, clock_).has_value());
  EXPECT_FALSE(ResolveSession(db(), b->session.token, {}, clock_).has_value());
  EXPECT_TRUE(Login(ctx, "staff.e", "Another-Long-Pass-7", "", "").has_value());
}

TEST_F(LoginTest, LogoutEndsTheSession) {
  MakeUser("staff.f", {Role::kDepartmentStaff}, "511602", civil_affairs_.id);
  auto ctx = Context();
  auto a = Login(ctx, "staff.f", kPassword, "", "");
  ASSERT_TRUE(a.has_value());
  Logout(ctx, Resolve(a->session.token), "");
  EXPECT_FALSE(ResolveSession(db(), a->session.token, {}, clock_).has_value());
}

}  // namespace
}  // namespace mingjing::auth
