// Tampering with stored ledger rows, as an administrator with direct database access could, and
// checking that verification names the first entry concerned.
#include <gtest/gtest.h>

#include "ledger/ledger.h"
#include "ledger/notary.h"
#include "ledger/verify.h"
#include "store/transaction.h"
#include "support/test_database.h"

namespace mingjing::ledger {
namespace {

using Kind = LedgerProblem::Kind;

class LedgerVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = LoadOrCreateLedgerKey(t_.scratch_dir());
    ASSERT_TRUE(key.has_value());
    public_key_ = key->PublicKey();
    notary_ = std::make_unique<Notary>(t_.db(), hasher_, *key, clock_);
    for (int i = 0; i < 8; ++i) {
      auto lease = t_.db().Acquire();
      store::WriteTransaction tx(lease);
      ledger_.Append(*lease, Actor{"user:alice", "10.0.0.1"},
                     Entry{.action = "case.update",
                           .object_type = "case",
                           .object_id = std::to_string(i),
                           .division_code = "511602",
                           .detail = {{"fee", 100 + i}}});
      tx.Commit();
      clock_.Advance(std::chrono::seconds(1));
    }
    ASSERT_TRUE(notary_->SignCurrentHead().has_value());
  }

  LedgerReport Verify() { return VerifyLedger(t_.db(), hasher_, &*public_key_); }

  void Exec(const std::string& sql) {
    auto lease = t_.db().Acquire();
    *lease << sql;
  }

  testing::TestDatabase t_;
  ManualClock clock_{TimePoint(std::chrono::seconds(1'770'000'000))};
  Sm3Hasher hasher_;
  Ledger ledger_{clock_, std::make_unique<Sm3Hasher>()};
  std::optional<crypto::Sm2PublicKey> public_key_;
  std::unique_ptr<Notary> notary_;
};

TEST_F(LedgerVerifyTest, UntouchedLedgerVerifies) {
  auto report = Verify();
  EXPECT_TRUE(report.ok()) << report.problem->message;
  EXPECT_EQ(report.entries, 8);
  EXPECT_EQ(report.tree_heads, 1);
}

TEST_F(LedgerVerifyTest, EditedDetailIsNamed) {
  Exec("UPDATE ledger_entries SET detail = '{\"fee\":0}' WHERE seq = 3");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kEdited);
  EXPECT_EQ(report.problem->seq, 3);
}

TEST_F(LedgerVerifyTest, DeletedEntryIsNamed) {
  Exec("DELETE FROM ledger_entries WHERE seq = 5");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kDeleted);
  EXPECT_EQ(report.problem->seq, 5);
}

TEST_F(LedgerVerifyTest, DeletedLastEntryIsNamed) {
  Exec("DELETE FROM ledger_entries WHERE seq = 7");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kDeleted);
  EXPECT_EQ(report.problem->seq, 7);
}

TEST_F(LedgerVerifyTest, DeletionWithRenumberingIsNamed) {
  Exec("DELETE FROM ledger_entries WHERE seq = 2");
  for (int seq = 3; seq < 8; ++seq) {
    Exec("UPDATE ledger_entries SET seq = " + std::to_string(seq - 1) +
         " WHERE seq = " + std::to_string(seq));
  }
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kDeleted);
  EXPECT_EQ(report.problem->seq, 2);
}

TEST_F(LedgerVerifyTest, InsertionWithRenumberingIsNamed) {
  for (int seq = 7; seq >= 4; --seq) {
    Exec("UPDATE ledger_entries SET seq = " + std::to_string(seq + 1) +
         " WHERE seq = " + std::to_string(seq));
  }
  Exec(
      "INSERT INTO ledger_entries (seq, recorded_at, actor, action, outcome, leaf_hash, "
      "root_after) SELECT 4, recorded_at, actor, 'case.forged', outcome, leaf_hash, root_after "
      "FROM ledger_entries WHERE seq = 3");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 4);
  EXPECT_TRUE(report.problem->kind == Kind::kEdited || report.problem->kind == Kind::kInserted)
      << report.problem->message;
}

TEST_F(LedgerVerifyTest, SwappedEntriesAreNamed) {
  Exec("UPDATE ledger_entries SET seq = 100 WHERE seq = 1");
  Exec("UPDATE ledger_entries SET seq = 1 WHERE seq = 2");
  Exec("UPDATE ledger_entries SET seq = 2 WHERE seq = 100");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 1);
  EXPECT_EQ(report.problem->kind, Kind::kReordered);
}

TEST_F(LedgerVerifyTest, RewrittenHashesAreCaughtBySignedHead) {
  // Rewrite entry 2 and recompute every hash after it, as a careful forger would.
  Exec("UPDATE ledger_entries SET detail = '{\"fee\":0}' WHERE seq = 2");
  {
    auto lease = t_.db().Acquire();
    *lease << "DELETE FROM ledger_entries";
    *lease << "UPDATE ledger_state SET tree_size = 0, compact_range = '[]', last_recorded_at = 0";
  }
  ManualClock forger_clock{TimePoint(std::chrono::seconds(1'770'000'000))};
  Ledger forger{forger_clock, std::make_unique<Sm3Hasher>()};
  for (int i = 0; i < 8; ++i) {
    auto lease = t_.db().Acquire();
    store::WriteTransaction tx(lease);
    forger.Append(*lease, Actor{"user:alice", "10.0.0.1"},
                  Entry{.action = "case.update",
                        .object_type = "case",
                        .object_id = std::to_string(i),
                        .division_code = "511602",
                        .detail = {{"fee", i == 2 ? 0 : 100 + i}}});
    tx.Commit();
    forger_clock.Advance(std::chrono::seconds(1));
  }
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kEdited);
  EXPECT_EQ(report.problem->seq, 0) << report.problem->message;
}

TEST_F(LedgerVerifyTest, ForgedTreeHeadSignatureIsCaught) {
  Exec("UPDATE ledger_tree_heads SET signed_at = signed_at + 1");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kBadTreeHead);
}

}  // namespace
}  // namespace mingjing::ledger

namespace mingjing::ledger {
namespace {

TEST_F(LedgerVerifyTest, DeletedHeadsAreCaught) {
  Exec("DELETE FROM ledger_tree_heads");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kBadTreeHead);
}

TEST_F(LedgerVerifyTest, HeadMissingFromAnchorIsCaught) {
  auto anchor = LatestTreeHead(t_.db());
  ASSERT_TRUE(anchor.has_value());
  Exec("DELETE FROM ledger_tree_heads");
  VerifyOptions options;
  options.public_key = &*public_key_;
  options.anchor_heads = {*anchor};
  auto report = VerifyLedger(t_.db(), hasher_, options);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.problem->message.find("anchor"), std::string::npos);
}

TEST_F(LedgerVerifyTest, EditedAppendPointIsCaught) {
  Exec("UPDATE ledger_state SET compact_range = '[]'");
  auto report = Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->kind, Kind::kBadState);
}

TEST_F(LedgerVerifyTest, OldUnsignedTailIsCaught) {
  {
    auto lease = t_.db().Acquire();
    store::WriteTransaction tx(lease);
    ledger_.Append(*lease, Actor{"user:alice", ""}, Entry{.action = "case.update"});
    tx.Commit();
  }
  VerifyOptions options;
  options.public_key = &*public_key_;
  auto now = std::chrono::duration_cast<std::chrono::microseconds>(clock_.Now().time_since_epoch())
                 .count();
  options.now_us = now + 10'000'000;
  EXPECT_TRUE(VerifyLedger(t_.db(), hasher_, options).ok()) << "a fresh tail is fine";
  options.now_us = now + 120'000'000;
  auto report = VerifyLedger(t_.db(), hasher_, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problem->seq, 8);
}

}  // namespace
}  // namespace mingjing::ledger
