// Merkle tree roots, inclusion proofs and consistency proofs of RFC 9162 §2.1, over leaf hashes
// made by a Hasher.
//
// A tree of n leaves splits at k, the largest power of two smaller than n: its root is
// HashChildren(root of leaves [0, k), root of leaves [k, n)). Leaves are numbered from 0.
//
// Generation works on the full list of leaf hashes and costs O(n) hash operations. Verification
// needs only the proof and costs O(log n).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "ledger/hasher.h"

namespace mingjing::ledger {

// The ordered hashes of a proof, from the leaf (or the old tree) upwards.
using Proof = std::vector<Bytes>;

// Computes the Merkle Tree Hash MTH(D[n]) of RFC 9162 §2.1.1 over `leaf_hashes`, which are the
// results of hasher.HashLeaf. An empty list yields hasher.EmptyRoot().
Bytes RootHash(const Hasher& hasher, std::span<const Bytes> leaf_hashes);

// Generates the inclusion proof PATH(leaf_index, D[n]) of RFC 9162 §2.1.3.1 for the leaf at
// `leaf_index` in the tree of all `leaf_hashes`. Fails with InvalidField("leaf_index") when
// leaf_index >= leaf_hashes.size().
Result<Proof> InclusionProof(const Hasher& hasher, std::span<const Bytes> leaf_hashes,
                             uint64_t leaf_index);

// Generates the consistency proof PROOF(old_size, D[n]) of RFC 9162 §2.1.4.1, which shows that
// the tree of the first `old_size` leaves is a prefix of the tree of all `leaf_hashes`. The proof
// is empty when old_size == n. Fails with InvalidField("old_size") when old_size is 0 (the empty
// tree is a prefix of every tree, so there is nothing to prove) or greater than n.
Result<Proof> ConsistencyProof(const Hasher& hasher, std::span<const Bytes> leaf_hashes,
                               uint64_t old_size);

// Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2: that the leaf with hash
// `leaf_hash` is at `leaf_index` in the tree of `tree_size` leaves whose root is `root_hash`.
// Every hash must be hasher.Size() bytes long. On rejection the error is
// InvalidField(field, message), where field names the input at fault ("leaf_index", "leaf_hash",
// "root_hash" or "proof") and the message states what was wrong.
//
// NOTE: a proof does not bind tree_size by itself. Where the leaf's siblings have the same sizes
// in two trees (leaf 10 in trees of 13 and 14 leaves), one proof and root pass for both sizes,
// so take tree_size and root_hash together from one signed tree head.
Result<void> VerifyInclusion(const Hasher& hasher, uint64_t leaf_index, uint64_t tree_size,
                             std::string_view leaf_hash, std::span<const Bytes> proof,
                             std::string_view root_hash);

// Verifies a consistency proof by the algorithm of RFC 9162 §2.1.4.2: that the tree of
// `old_size` leaves with root `old_root` is a prefix of the tree of `new_size` leaves with root
// `new_root`. Rejects old_size == 0, because a proof from the empty tree carries no information
// and accepting it would let a caller believe a check had been made. When the sizes are equal
// the proof must be empty and the roots byte-for-byte equal. Errors are as for VerifyInclusion,
// with fields "old_size", "new_size", "old_root", "new_root" and "proof".
Result<void> VerifyConsistency(const Hasher& hasher, uint64_t old_size, uint64_t new_size,
                               std::span<const Bytes> proof, std::string_view old_root,
                               std::string_view new_root);

}  // namespace mingjing::ledger
