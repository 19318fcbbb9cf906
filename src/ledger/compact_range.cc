#include "ledger/compact_range.h"

#include <fmt/format.h>

#include <bit>

namespace mingjing::ledger {

Result<CompactRange> CompactRange::Restore(const Hasher& hasher, uint64_t size,
                                           std::vector<Bytes> subtree_roots) {
  auto expected = static_cast<std::size_t>(std::popcount(size));
  if (subtree_roots.size() != expected) {
    return Error::InvalidField("subtree_roots",
                               fmt::format("a tree of {} leaves has {} subtree roots, not {}", size,
                                           expected, subtree_roots.size()));
  }
  for (const Bytes& root : subtree_roots) {
    if (root.size() != hasher.Size()) {
      return Error::InvalidField(
          "subtree_roots", fmt::format("a subtree root has {} bytes; a {} hash has {}", root.size(),
                                       hasher.Name(), hasher.Size()));
    }
  }

  CompactRange range(hasher);
  range.size_ = size;
  range.subtree_roots_ = std::move(subtree_roots);
  return range;
}

void CompactRange::Append(std::string_view leaf_hash) {
  subtree_roots_.emplace_back(leaf_hash);

  // Each trailing 1 bit of the old size is a subtree as large as the one just completed on its
  // right, so the two merge into one of double size, like a carry in binary addition.
  for (uint64_t carry = size_; (carry & 1) != 0; carry >>= 1) {
    Bytes right = std::move(subtree_roots_.back());
    subtree_roots_.pop_back();
    subtree_roots_.back() = hasher_->HashChildren(subtree_roots_.back(), right);
  }
  ++size_;
}

Bytes CompactRange::RootHash() const {
  if (subtree_roots_.empty()) return hasher_->EmptyRoot();

  Bytes root = subtree_roots_.back();
  for (auto it = subtree_roots_.rbegin() + 1; it != subtree_roots_.rend(); ++it) {
    root = hasher_->HashChildren(*it, root);
  }
  return root;
}

}  // namespace mingjing::ledger
