#include "ledger/tree_head.h"

#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "ledger/merkle_tree.h"
#include "reference_tree.h"

namespace mingjing::ledger {
namespace {

class TreeHeadTest : public ::testing::Test {
 protected:
  Sm3Hasher hasher_;
  crypto::Sm2PrivateKey key_ = crypto::Sm2PrivateKey::Generate();
  Bytes root_ = RootHash(hasher_, testing::ReferenceLeafHashes(hasher_));
};

TEST_F(TreeHeadTest, SigningInputIsCanonicalText) {
  SignedTreeHead head{8, root_, 1770973200000, {}};
  EXPECT_EQ(TreeHeadSigningInput(head),
            "mingjing-tree-head-v1\n"
            "8\n"
            "bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38\n"
            "1770973200000\n");
}

TEST_F(TreeHeadTest, SigningInputIgnoresSignature) {
  SignedTreeHead unsigned_head{8, root_, 1770973200000, {}};
  SignedTreeHead signed_head{8, root_, 1770973200000, "signature bytes"};
  EXPECT_EQ(TreeHeadSigningInput(unsigned_head), TreeHeadSigningInput(signed_head));
}

TEST_F(TreeHeadTest, SignThenVerify) {
  SignedTreeHead head = SignTreeHead(8, root_, 1770973200000, key_);
  EXPECT_EQ(head.tree_size, 8u);
  EXPECT_EQ(head.root_hash, root_);
  EXPECT_EQ(head.timestamp, 1770973200000);
  EXPECT_FALSE(head.signature.empty());
  auto verified = VerifyTreeHead(head, key_.PublicKey());
  EXPECT_TRUE(verified.has_value()) << verified.error().message;
}

TEST_F(TreeHeadTest, SignatureVerifiesAsPlainSm2) {
  // An auditor without Mingjing checks the signature over the documented text with any SM2
  // implementation and the default signer ID.
  SignedTreeHead head = SignTreeHead(8, root_, 1770973200000, key_);
  EXPECT_TRUE(
      key_.PublicKey().Verify(TreeHeadSigningInput(head), head.signature, crypto::kSm2DefaultId));
}

TEST_F(TreeHeadTest, RejectsChangedTreeSize) {
  SignedTreeHead head = SignTreeHead(8, root_, 1770973200000, key_);
  head.tree_size = 9;
  auto verified = VerifyTreeHead(head, key_.PublicKey());
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().field, "signature");
}

TEST_F(TreeHeadTest, RejectsChangedRootHash) {
  SignedTreeHead head = SignTreeHead(8, root_, 1770973200000, key_);
  head.root_hash[0] ^= 0x01;
  EXPECT_FALSE(VerifyTreeHead(head, key_.PublicKey()).has_value());
}

TEST_F(TreeHeadTest, RejectsChangedTimestamp) {
  SignedTreeHead head = SignTreeHead(8, root_, 1770973200000, key_);
  head.timestamp += 1;
  EXPECT_FALSE(VerifyTreeHead(head, key_.PublicKey()).has_value());
}

TEST_F(TreeHeadTest, RejectsOtherKey) {
  SignedTreeHead head = SignTreeHead(8, root_, 1770973200000, key_);
  crypto::Sm2PrivateKey other = crypto::Sm2PrivateKey::Generate();
  EXPECT_FALSE(VerifyTreeHead(head, other.PublicKey()).has_value());
}

TEST_F(TreeHeadTest, RejectsMissingSignature) {
  SignedTreeHead head{8, root_, 1770973200000, {}};
  auto verified = VerifyTreeHead(head, key_.PublicKey());
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().message.find("no signature"), std::string::npos);
}

}  // namespace
}  // namespace mingjing::ledger
