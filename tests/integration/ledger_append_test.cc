#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "ledger/ledger.h"
#include "ledger/ledger_reader.h"
#include "ledger/merkle_tree.h"
#include "ledger/notary.h"
#include "store/transaction.h"
#include "support/test_database.h"

namespace mingjing::ledger {
namespace {

class LedgerAppendTest : public ::testing::Test {
 protected:
  void AppendEntries(int n) {
    for (int i = 0; i < n; ++i) {
      auto lease = t_.db().Acquire();
      store::WriteTransaction tx(lease);
      ledger_.Append(*lease, Actor{"user:alice", "127.0.0.1"},
                     Entry{.action = "test.append",
                           .object_type = "thing",
                           .object_id = std::to_string(i),
                           .division_code = "511602",
                           .detail = {{"i", i}}});
      tx.Commit();
      clock_.Advance(std::chrono::seconds(1));
    }
  }

  testing::TestDatabase t_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'770'000'000))};
  Ledger ledger_{clock_, std::make_unique<Sm3Hasher>()};
};

TEST_F(LedgerAppendTest, NumbersEntriesWithoutGaps) {
  AppendEntries(5);
  auto entries = ListEntries(t_.db(), EntryQuery{});
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries.front().seq, 4);  // newest first
  EXPECT_EQ(entries.back().seq, 0);
  EXPECT_EQ(entries.back().entry.action, "test.append");
  EXPECT_EQ(entries.back().entry.detail.at("i").as_int64(), 0);
}

TEST_F(LedgerAppendTest, StoredRootEqualsRecomputedRoot) {
  AppendEntries(13);
  auto entries = ListEntries(t_.db(), EntryQuery{});
  std::vector<Bytes> leaves;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    leaves.push_back(crypto::HexDecode(it->leaf_hash).value());
  }
  Sm3Hasher hasher;
  EXPECT_EQ(crypto::HexEncode(RootHash(hasher, leaves)), entries.front().root_after);
}

TEST_F(LedgerAppendTest, RolledBackTransactionLeavesNoEntry) {
  {
    auto lease = t_.db().Acquire();
    store::WriteTransaction tx(lease);
    ledger_.Append(*lease, Actor{"user:alice", ""}, Entry{.action = "test.rollback"});
  }
  AppendEntries(1);
  auto entries = ListEntries(t_.db(), EntryQuery{});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].seq, 0);
  EXPECT_EQ(entries[0].entry.action, "test.append");
}

TEST_F(LedgerAppendTest, InclusionProofVerifiesAgainstSignedHead) {
  AppendEntries(10);
  auto key = LoadOrCreateLedgerKey(t_.scratch_dir());
  ASSERT_TRUE(key.has_value()) << key.error().message;
  Sm3Hasher hasher;
  Notary notary(t_.db(), hasher, *key, clock_);
  auto head = notary.SignCurrentHead();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->tree_size, 10u);
  EXPECT_FALSE(notary.SignCurrentHead().has_value()) << "nothing new to sign";

  auto entry = FindEntry(t_.db(), 3);
  ASSERT_TRUE(entry.has_value());
  auto proof = EntryInclusionProof(t_.db(), hasher, 3, 10);
  ASSERT_TRUE(proof.has_value());
  auto verified = VerifyInclusion(hasher, 3, 10, crypto::HexDecode(entry->leaf_hash).value(),
                                  *proof, head->root_hash);
  EXPECT_TRUE(verified.has_value()) << verified.error().message;

  AppendEntries(6);
  auto later = notary.SignCurrentHead();
  ASSERT_TRUE(later.has_value());
  auto consistency = TreeConsistencyProof(t_.db(), hasher, 10, 16);
  ASSERT_TRUE(consistency.has_value());
  auto consistent =
      VerifyConsistency(hasher, 10, 16, *consistency, head->root_hash, later->root_hash);
  EXPECT_TRUE(consistent.has_value()) << consistent.error().message;
}

TEST_F(LedgerAppendTest, ClockStepBackKeepsTimesOrdered) {
  AppendEntries(1);
  clock_.Advance(-std::chrono::hours(1));
  AppendEntries(1);
  auto entries = ListEntries(t_.db(), EntryQuery{});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_GE(entries[0].recorded_at, entries[1].recorded_at);
}

}  // namespace
}  // namespace mingjing::ledger
