#include "ledger/compact_range.h"

#include <gtest/gtest.h>

#include <bit>

#include "ledger/merkle_tree.h"
#include "reference_tree.h"

namespace mingjing::ledger {
namespace {

using testing::SyntheticLeafHashes;

TEST(CompactRange, EmptyTreeHasEmptyRoot) {
  Sm3Hasher hasher;
  CompactRange range(hasher);
  EXPECT_EQ(range.size(), 0u);
  EXPECT_EQ(range.RootHash(), hasher.EmptyRoot());
  EXPECT_TRUE(range.subtree_roots().empty());
}

// After each of 300 appends, the root equals the recomputation over all leaves so far.
TEST(CompactRange, MatchesFullRecomputationTo300) {
  Sm3Hasher sm3;
  Sha256Hasher sha256;
  for (const Hasher* hasher : std::initializer_list<const Hasher*>{&sm3, &sha256}) {
    std::vector<Bytes> leaves = SyntheticLeafHashes(*hasher, 300);
    CompactRange range(*hasher);
    ASSERT_EQ(range.RootHash(), RootHash(*hasher, {})) << hasher->Name() << " size 0";

    for (std::size_t n = 1; n <= leaves.size(); ++n) {
      range.Append(leaves[n - 1]);
      ASSERT_EQ(range.size(), n);
      ASSERT_EQ(range.RootHash(), RootHash(*hasher, std::span(leaves).first(n)))
          << hasher->Name() << " size " << n;
      ASSERT_EQ(range.subtree_roots().size(), static_cast<std::size_t>(std::popcount(n)));
    }
  }
}

TEST(CompactRange, RestoreContinuesAppending) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 50);
  CompactRange original(hasher);
  for (std::size_t i = 0; i < 37; ++i) original.Append(leaves[i]);

  auto restored = CompactRange::Restore(hasher, original.size(), original.subtree_roots());
  ASSERT_TRUE(restored.has_value()) << restored.error().message;
  EXPECT_EQ(restored->RootHash(), original.RootHash());

  for (std::size_t i = 37; i < leaves.size(); ++i) restored->Append(leaves[i]);
  EXPECT_EQ(restored->RootHash(), RootHash(hasher, leaves));
}

TEST(CompactRange, RestoreRejectsWrongRootCount) {
  Sm3Hasher hasher;
  // 6 = 4 + 2 needs two subtree roots.
  auto restored = CompactRange::Restore(hasher, 6, {Bytes(32, 'a')});
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().field, "subtree_roots");
}

TEST(CompactRange, RestoreRejectsWrongHashLength) {
  Sm3Hasher hasher;
  auto restored = CompactRange::Restore(hasher, 1, {Bytes(20, 'a')});
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().field, "subtree_roots");
}

}  // namespace
}  // namespace mingjing::ledger
