#include "auth/request_signature.h"

#include "auth/api_key.h"
#include "org_fixture.h"

namespace mingjing::auth {
namespace {

class RequestSignatureTest : public testing::OrgFixture {
 protected:
  void SetUp() override {
    OrgFixture::SetUp();
    admin_.name = "sec.admin";
    admin_.division_code = "5116";
    admin_.roles = {Role::kSecurityAdmin};
    auto issued = CreateApiKey(db(), ledger_, admin_, "127.0.0.1",
                               {"广安区网上审批系统", "511602", 0, {"licensing"}}, clock_);
    ASSERT_TRUE(issued.has_value()) << issued.error().message;
    key_ = *issued;
  }

  SignedRequest Sign(const std::string& body, const std::string& nonce) {
    std::string ts = std::to_string(clock_.NowSeconds());
    std::string signing_key = DeriveSigningKey(key_.secret);
    return SignedRequest{
        "POST",
        "/api/v1/exchange/events",
        body,
        key_.key.key_id,
        ts,
        nonce,
        SignRequest(signing_key, "POST", "/api/v1/exchange/events", ts, nonce, body)};
  }

  Principal admin_;
  IssuedApiKey key_;
};

TEST_F(RequestSignatureTest, ValidSignatureYieldsScopedPrincipal) {
  auto p = VerifySignedRequest(db(), Sign("{}", "nonce-0000000001"), clock_);
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_EQ(p->kind, Principal::Kind::kBusinessSystem);
  EXPECT_EQ(p->division_code, "511602");
  ASSERT_EQ(p->item_types.size(), 1u);
  EXPECT_EQ(p->item_types[0], "licensing");
}

TEST_F(RequestSignatureTest, ReusedNonceIsRejected) {
  ASSERT_TRUE(VerifySignedRequest(db(), Sign("{}", "nonce-0000000002"), clock_).has_value());
  auto again = VerifySignedRequest(db(), Sign("{}", "nonce-0000000002"), clock_);
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().message.find("already used"), std::string::npos);
}

TEST_F(RequestSignatureTest, OldTimestampIsRejected) {
  auto request = Sign("{}", "nonce-0000000003");
  clock_.Advance(std::chrono::seconds(301));
  auto result = VerifySignedRequest(db(), request, clock_);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("Timestamp"), std::string::npos);
}

TEST_F(RequestSignatureTest, AlteredBodyIsRejected) {
  auto request = Sign("{\"fee\":100}", "nonce-0000000004");
  request.body = "{\"fee\":1}";
  auto result = VerifySignedRequest(db(), request, clock_);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(RequestSignatureTest, KeyWithChineseItemTypeIsRejected) {
  auto issued = CreateApiKey(db(), ledger_, admin_, "127.0.0.1",
                             {"广安区行政处罚系统", "511602", 0, {"行政处罚"}}, clock_);
  ASSERT_FALSE(issued.has_value());
  EXPECT_EQ(issued.error().field, "item_types");
}

TEST_F(RequestSignatureTest, RevokedKeyIsRejected) {
  ASSERT_TRUE(RevokeApiKey(db(), ledger_, admin_, "", key_.key.id, clock_).has_value());
  auto result = VerifySignedRequest(db(), Sign("{}", "nonce-0000000005"), clock_);
  ASSERT_FALSE(result.has_value());
}

TEST_F(RequestSignatureTest, SecretIsNotStored) {
  auto lease = db().Acquire();
  long long hits = 0;
  std::string pattern = "%" + key_.secret + "%";
  *lease << "SELECT COUNT(*) FROM api_keys WHERE signing_key LIKE :p OR name LIKE :p2",
      soci::use(pattern), soci::use(pattern), soci::into(hits);
  EXPECT_EQ(hits, 0);
}

TEST_F(RequestSignatureTest, ExpiredNoncesArePurged) {
  ASSERT_TRUE(VerifySignedRequest(db(), Sign("{}", "nonce-0000000006"), clock_).has_value());
  clock_.Advance(std::chrono::minutes(11));
  EXPECT_EQ(PurgeExpiredNonces(db(), clock_), 1);
}

}  // namespace
}  // namespace mingjing::auth
