// An append-only Merkle tree that keeps only the roots of its perfect subtrees, so each append
// and each root costs O(log n) hashes and O(log n) memory. The ledger uses it to store the root
// after every entry without rereading old entries.
//
// A tree of n leaves decomposes into one perfect subtree per set bit of n, largest first: n = 13
// (binary 1101) has subtrees of 8, 4 and 1 leaves. Folding their roots from the right gives the
// same root as RootHash over all n leaves.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "ledger/hasher.h"

namespace mingjing::ledger {

class CompactRange {
 public:
  // Starts an empty tree. `hasher` must outlive this object.
  explicit CompactRange(const Hasher& hasher) : hasher_(&hasher) {}

  // Restores a tree saved as size() and subtree_roots(). Fails with InvalidField("subtree_roots")
  // when the number of roots is not the number of set bits of `size` or a root has the wrong
  // length.
  static Result<CompactRange> Restore(const Hasher& hasher, uint64_t size,
                                      std::vector<Bytes> subtree_roots);

  // Appends one leaf by its hash (Hasher::HashLeaf of the entry's data).
  void Append(std::string_view leaf_hash);

  // Returns the root hash of the tree of all leaves appended so far: EmptyRoot() for none.
  Bytes RootHash() const;

  // The number of leaves appended so far.
  uint64_t size() const { return size_; }

  // The roots of the perfect subtrees, largest (leftmost) first. Save these with size() to
  // resume appending after a restart.
  const std::vector<Bytes>& subtree_roots() const { return subtree_roots_; }

 private:
  const Hasher* hasher_;
  uint64_t size_ = 0;
  std::vector<Bytes> subtree_roots_;
};

}  // namespace mingjing::ledger
