#include "ledger/merkle_tree.h"

#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "reference_tree.h"

namespace mingjing::ledger {
namespace {

using crypto::HexEncode;
using testing::ReferenceLeafHashes;
using testing::SyntheticLeafHashes;

// Roots of the reference tree by size, as published with the transparency-dev/merkle proof
// vectors.
const char* const kSha256Roots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

// SM3 roots of the same tree, computed once by sm3_reference_roots.sh in this folder, which uses
// only `openssl dgst -sm3` and the RFC 9162 split. With DIGEST=sha256 the script reproduces
// kSha256Roots, which checks the script itself.
const char* const kSm3Roots[] = {
    "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
    "2daef60e7a0b8f5e024c81cd2ab3109f2b4f155cf83adeb2ae5532f74a157fdf",
    "0b990fe0c7ad70f1bf1a1262f2c7908ea48146b14253a6db99f2917ab1f5cc4d",
    "209ec96a210d662a964772680e8544d18cab7b88ffec3e00962220349b56ea56",
    "28e4e307ef6d2d0c62d84b11ef96e835efe490f35b93c8f024ecfe38c8dd4377",
    "bb10c996aeebbcdc69be3715fc847344de77442d37a5ab8213da9f41785b103b",
    "8723c1ab1f82ddfba4a3733ac0c80d936d9f4c208c7dbc8cc81ca9fff8584f66",
    "bd36c22a1ac6ff4308e0c3cc1a85bf0ffa30538ec60a55c70413ab15d45db4d2",
    "bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38",
};

TEST(Hasher, Sha256EmptyRoot) { EXPECT_EQ(HexEncode(Sha256Hasher().EmptyRoot()), kSha256Roots[0]); }

TEST(Hasher, Sm3EmptyRoot) { EXPECT_EQ(HexEncode(Sm3Hasher().EmptyRoot()), kSm3Roots[0]); }

TEST(Hasher, LeafAndNodePrefixesDiffer) {
  Sm3Hasher hasher;
  Bytes left(32, 'l');
  Bytes right(32, 'r');
  // A leaf whose data is the concatenation of two hashes must not hash like their parent.
  EXPECT_NE(hasher.HashLeaf(left + right), hasher.HashChildren(left, right));
}

TEST(Hasher, NamesAndSizes) {
  EXPECT_EQ(Sm3Hasher().Name(), "sm3");
  EXPECT_EQ(Sha256Hasher().Name(), "sha256");
  EXPECT_EQ(Sm3Hasher().Size(), 32u);
  EXPECT_EQ(Sha256Hasher().Size(), 32u);
}

TEST(RootHash, Sha256ReferenceRoots) {
  Sha256Hasher hasher;
  std::vector<Bytes> leaves = ReferenceLeafHashes(hasher);
  for (std::size_t size = 0; size <= 8; ++size) {
    EXPECT_EQ(HexEncode(RootHash(hasher, std::span(leaves).first(size))), kSha256Roots[size])
        << "size " << size;
  }
}

TEST(RootHash, Sm3FrozenRoots) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = ReferenceLeafHashes(hasher);
  for (std::size_t size = 0; size <= 8; ++size) {
    EXPECT_EQ(HexEncode(RootHash(hasher, std::span(leaves).first(size))), kSm3Roots[size])
        << "size " << size;
  }
}

TEST(RootHash, Sm3DiffersFromSha256) {
  std::vector<Bytes> sm3_leaves = ReferenceLeafHashes(Sm3Hasher());
  std::vector<Bytes> sha_leaves = ReferenceLeafHashes(Sha256Hasher());
  EXPECT_NE(RootHash(Sm3Hasher(), sm3_leaves), RootHash(Sha256Hasher(), sha_leaves));
}

// Every leaf of every tree up to 40 leaves: the generated proof verifies, with both hashers.
TEST(InclusionProof, RoundTripAllSmallTrees) {
  Sm3Hasher sm3;
  Sha256Hasher sha256;
  for (const Hasher* hasher : std::initializer_list<const Hasher*>{&sm3, &sha256}) {
    std::vector<Bytes> all = SyntheticLeafHashes(*hasher, 40);
    for (std::size_t size = 1; size <= all.size(); ++size) {
      std::span<const Bytes> leaves = std::span(all).first(size);
      Bytes root = RootHash(*hasher, leaves);
      for (uint64_t index = 0; index < size; ++index) {
        auto proof = InclusionProof(*hasher, leaves, index);
        ASSERT_TRUE(proof.has_value());
        auto verified = VerifyInclusion(*hasher, index, size, leaves[index], *proof, root);
        EXPECT_TRUE(verified.has_value()) << hasher->Name() << " size " << size << " index "
                                          << index << ": " << verified.error().message;
      }
    }
  }
}

TEST(InclusionProof, ProofLengthIsLogarithmic) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 1000);
  EXPECT_EQ(InclusionProof(hasher, leaves, 0)->size(), 10u);  // ceil(log2(1000))
  // Leaf 999 sits in the last perfect subtree of 1000 = 512+256+128+64+32+8: five siblings to
  // the left, then three levels inside its subtree of 8.
  EXPECT_EQ(InclusionProof(hasher, leaves, 999)->size(), 8u);
  EXPECT_EQ(InclusionProof(hasher, std::span(leaves).first(1), 0)->size(), 0u);
}

TEST(InclusionProof, RejectsIndexOutsideTree) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 5);
  auto proof = InclusionProof(hasher, leaves, 5);
  ASSERT_FALSE(proof.has_value());
  EXPECT_EQ(proof.error().field, "leaf_index");
  EXPECT_FALSE(InclusionProof(hasher, {}, 0).has_value());
}

TEST(VerifyInclusion, RejectsEveryFlippedBit) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 13);
  Bytes root = RootHash(hasher, leaves);
  Proof proof = InclusionProof(hasher, leaves, 6).value();
  for (std::size_t i = 0; i < proof.size(); ++i) {
    for (std::size_t bit = 0; bit < proof[i].size() * 8; bit += 7) {
      Proof mutated = proof;
      mutated[i][bit / 8] ^= static_cast<char>(1 << (bit % 8));
      auto verified = VerifyInclusion(hasher, 6, 13, leaves[6], mutated, root);
      ASSERT_FALSE(verified.has_value()) << "hash " << i << " bit " << bit;
      EXPECT_EQ(verified.error().field, "proof");
    }
  }
}

TEST(VerifyInclusion, RejectsWrongLeafIndexOrSize) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 13);
  Bytes root = RootHash(hasher, leaves);
  Proof proof = InclusionProof(hasher, leaves, 10).value();
  ASSERT_TRUE(VerifyInclusion(hasher, 10, 13, leaves[10], proof, root).has_value());

  EXPECT_FALSE(VerifyInclusion(hasher, 11, 13, leaves[10], proof, root).has_value());
  EXPECT_FALSE(VerifyInclusion(hasher, 9, 13, leaves[10], proof, root).has_value());
  EXPECT_FALSE(VerifyInclusion(hasher, 10, 12, leaves[10], proof, root).has_value());
  EXPECT_FALSE(VerifyInclusion(hasher, 10, 13, leaves[11], proof, root).has_value());
}

// A proof fixes the shape of the path, not the tree size: leaf 10 has siblings of the same
// sizes in trees of 13, 14 and 16 leaves, so the same proof and root pass for all three. Only
// a signed tree head ties the root to one size.
TEST(VerifyInclusion, SizeIsBoundOnlyThroughRoot) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 13);
  Bytes root = RootHash(hasher, leaves);
  Proof proof = InclusionProof(hasher, leaves, 10).value();
  EXPECT_TRUE(VerifyInclusion(hasher, 10, 14, leaves[10], proof, root).has_value());
  EXPECT_TRUE(VerifyInclusion(hasher, 10, 16, leaves[10], proof, root).has_value());
}

TEST(VerifyInclusion, ReportsPreciseReasons) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 6);
  Bytes root = RootHash(hasher, leaves);
  Proof proof = InclusionProof(hasher, leaves, 2).value();

  auto outside = VerifyInclusion(hasher, 6, 6, leaves[2], proof, root);
  EXPECT_EQ(outside.error().field, "leaf_index");

  auto short_leaf = VerifyInclusion(hasher, 2, 6, "short", proof, root);
  EXPECT_EQ(short_leaf.error().field, "leaf_hash");

  auto short_root = VerifyInclusion(hasher, 2, 6, leaves[2], proof, root.substr(1));
  EXPECT_EQ(short_root.error().field, "root_hash");

  Proof longer = proof;
  longer.push_back(root);
  auto too_long = VerifyInclusion(hasher, 2, 6, leaves[2], longer, root);
  EXPECT_EQ(too_long.error().field, "proof");
  EXPECT_NE(too_long.error().message.find("more than"), std::string::npos)
      << too_long.error().message;

  Proof shorter(proof.begin(), proof.end() - 1);
  auto too_short = VerifyInclusion(hasher, 2, 6, leaves[2], shorter, root);
  EXPECT_NE(too_short.error().message.find("fewer than"), std::string::npos)
      << too_short.error().message;

  auto wrong_root = VerifyInclusion(hasher, 2, 6, leaves[2], proof, Bytes(32, '\0'));
  EXPECT_NE(wrong_root.error().message.find("not to root_hash"), std::string::npos)
      << wrong_root.error().message;
}

// Every pair of sizes 1 <= m <= n <= 40: the generated proof verifies, with both hashers.
TEST(ConsistencyProof, RoundTripAllSmallTrees) {
  Sm3Hasher sm3;
  Sha256Hasher sha256;
  for (const Hasher* hasher : std::initializer_list<const Hasher*>{&sm3, &sha256}) {
    std::vector<Bytes> all = SyntheticLeafHashes(*hasher, 40);
    for (std::size_t new_size = 1; new_size <= all.size(); ++new_size) {
      std::span<const Bytes> leaves = std::span(all).first(new_size);
      Bytes new_root = RootHash(*hasher, leaves);
      for (uint64_t old_size = 1; old_size <= new_size; ++old_size) {
        Bytes old_root = RootHash(*hasher, leaves.first(old_size));
        auto proof = ConsistencyProof(*hasher, leaves, old_size);
        ASSERT_TRUE(proof.has_value());
        auto verified = VerifyConsistency(*hasher, old_size, new_size, *proof, old_root, new_root);
        EXPECT_TRUE(verified.has_value()) << hasher->Name() << " " << old_size << " -> " << new_size
                                          << ": " << verified.error().message;
      }
    }
  }
}

TEST(ConsistencyProof, EmptyForEqualSizes) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 7);
  EXPECT_TRUE(ConsistencyProof(hasher, leaves, 7)->empty());
}

TEST(ConsistencyProof, RejectsInvalidOldSize) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 7);
  auto zero = ConsistencyProof(hasher, leaves, 0);
  ASSERT_FALSE(zero.has_value());
  EXPECT_EQ(zero.error().field, "old_size");
  EXPECT_FALSE(ConsistencyProof(hasher, leaves, 8).has_value());
}

TEST(VerifyConsistency, RejectsEveryFlippedBit) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 21);
  Bytes old_root = RootHash(hasher, std::span(leaves).first(6));
  Bytes new_root = RootHash(hasher, leaves);
  Proof proof = ConsistencyProof(hasher, leaves, 6).value();
  for (std::size_t i = 0; i < proof.size(); ++i) {
    for (std::size_t bit = 0; bit < proof[i].size() * 8; bit += 5) {
      Proof mutated = proof;
      mutated[i][bit / 8] ^= static_cast<char>(1 << (bit % 8));
      EXPECT_FALSE(VerifyConsistency(hasher, 6, 21, mutated, old_root, new_root).has_value())
          << "hash " << i << " bit " << bit;
    }
  }
}

TEST(VerifyConsistency, RejectsRewrittenHistory) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 10);
  Bytes old_root = RootHash(hasher, std::span(leaves).first(4));

  // The log edits entry 2 after publishing the head of size 4.
  std::vector<Bytes> rewritten = leaves;
  rewritten[2] = hasher.HashLeaf("edited entry");
  Proof proof = ConsistencyProof(hasher, rewritten, 4).value();
  auto verified = VerifyConsistency(hasher, 4, 10, proof, old_root, RootHash(hasher, rewritten));
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().field, "proof");
}

TEST(VerifyConsistency, ReportsPreciseReasons) {
  Sm3Hasher hasher;
  std::vector<Bytes> leaves = SyntheticLeafHashes(hasher, 10);
  Bytes old_root = RootHash(hasher, std::span(leaves).first(3));
  Bytes new_root = RootHash(hasher, leaves);
  Proof proof = ConsistencyProof(hasher, leaves, 3).value();

  EXPECT_EQ(VerifyConsistency(hasher, 11, 10, proof, old_root, new_root).error().field, "old_size");
  EXPECT_EQ(VerifyConsistency(hasher, 0, 10, {}, old_root, new_root).error().field, "old_size");
  EXPECT_EQ(VerifyConsistency(hasher, 3, 3, proof, old_root, old_root).error().field, "proof");
  EXPECT_EQ(VerifyConsistency(hasher, 3, 3, {}, old_root, new_root).error().field, "new_root");
  EXPECT_EQ(VerifyConsistency(hasher, 3, 10, proof, "short", new_root).error().field, "old_root");
  EXPECT_EQ(VerifyConsistency(hasher, 3, 10, proof, old_root, "short").error().field, "new_root");
  EXPECT_EQ(VerifyConsistency(hasher, 3, 10, {}, old_root, new_root).error().field, "proof");

  auto wrong_old = VerifyConsistency(hasher, 3, 10, proof, new_root, new_root);
  EXPECT_NE(wrong_old.error().message.find("not to old_root"), std::string::npos)
      << wrong_old.error().message;
  auto wrong_new = VerifyConsistency(hasher, 3, 10, proof, old_root, old_root);
  EXPECT_NE(wrong_new.error().message.find("not to new_root"), std::string::npos)
      << wrong_new.error().message;
}

TEST(VerifyConsistency, AcceptsEqualSizesWithEqualRoots) {
  Sm3Hasher hasher;
  Bytes root = RootHash(hasher, SyntheticLeafHashes(hasher, 5));
  EXPECT_TRUE(VerifyConsistency(hasher, 5, 5, {}, root, root).has_value());
}

}  // namespace
}  // namespace mingjing::ledger
