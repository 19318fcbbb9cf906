#include "ledger/merkle_tree.h"

#include <fmt/format.h>

#include <bit>

#include "crypto/encoding.h"

namespace mingjing::ledger {
namespace {

// Returns k, the largest power of two smaller than n, where RFC 9162 splits a tree of n > 1
// leaves.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// Appends PATH(m, D[n]) of RFC 9162 §2.1.3.1 to `proof`, for `leaves` = D[n].
void AppendInclusionPath(const Hasher& hasher, std::span<const Bytes> leaves, uint64_t m,
                         Proof& proof) {
  if (leaves.size() <= 1) return;

  uint64_t k = SplitPoint(leaves.size());
  if (m < k) {
    AppendInclusionPath(hasher, leaves.first(k), m, proof);
    proof.push_back(RootHash(hasher, leaves.subspan(k)));
  } else {
    AppendInclusionPath(hasher, leaves.subspan(k), m - k, proof);
    proof.push_back(RootHash(hasher, leaves.first(k)));
  }
}

// Appends SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1 to `proof`, for `leaves` = D[n]. The flag b
// is true while D[0:m] is the whole old tree, whose root the verifier already has.
void AppendSubproof(const Hasher& hasher, std::span<const Bytes> leaves, uint64_t m,
                    bool whole_old_tree, Proof& proof) {
  if (m == leaves.size()) {
    if (!whole_old_tree) proof.push_back(RootHash(hasher, leaves));
    return;
  }

  uint64_t k = SplitPoint(leaves.size());
  if (m <= k) {
    AppendSubproof(hasher, leaves.first(k), m, whole_old_tree, proof);
    proof.push_back(RootHash(hasher, leaves.subspan(k)));
  } else {
    AppendSubproof(hasher, leaves.subspan(k), m - k, false, proof);
    proof.push_back(RootHash(hasher, leaves.first(k)));
  }
}

// Shifts both node indices one level up the tree.
void ShiftUp(uint64_t& first, uint64_t& second) {
  first >>= 1;
  second >>= 1;
}

Error Rejected(std::string_view field, std::string message) {
  return Error::InvalidField(std::string(field), std::move(message));
}

// Checks that `hash` has the hasher's output length.
Result<void> CheckHashSize(const Hasher& hasher, std::string_view field, std::string_view hash) {
  if (hash.size() != hasher.Size()) {
    return Rejected(field, fmt::format("{} has {} bytes; a {} hash has {}", field, hash.size(),
                                       hasher.Name(), hasher.Size()));
  }
  return {};
}

Result<void> CheckProofHashSizes(const Hasher& hasher, std::span<const Bytes> proof) {
  for (std::size_t i = 0; i < proof.size(); ++i) {
    if (proof[i].size() != hasher.Size()) {
      return Rejected("proof", fmt::format("proof hash {} has {} bytes; a {} hash has {}", i,
                                           proof[i].size(), hasher.Name(), hasher.Size()));
    }
  }
  return {};
}

}  // namespace

Bytes RootHash(const Hasher& hasher, std::span<const Bytes> leaf_hashes) {
  if (leaf_hashes.empty()) return hasher.EmptyRoot();
  if (leaf_hashes.size() == 1) return leaf_hashes.front();

  uint64_t k = SplitPoint(leaf_hashes.size());
  return hasher.HashChildren(RootHash(hasher, leaf_hashes.first(k)),
                             RootHash(hasher, leaf_hashes.subspan(k)));
}

Result<Proof> InclusionProof(const Hasher& hasher, std::span<const Bytes> leaf_hashes,
                             uint64_t leaf_index) {
  if (leaf_index >= leaf_hashes.size()) {
    return Rejected("leaf_index", fmt::format("leaf_index {} is outside a tree of {} leaves",
                                              leaf_index, leaf_hashes.size()));
  }
  Proof proof;
  AppendInclusionPath(hasher, leaf_hashes, leaf_index, proof);
  return proof;
}

Result<Proof> ConsistencyProof(const Hasher& hasher, std::span<const Bytes> leaf_hashes,
                               uint64_t old_size) {
  if (old_size == 0 || old_size > leaf_hashes.size()) {
    return Rejected("old_size", fmt::format("old_size {} must be between 1 and the tree size {}",
                                            old_size, leaf_hashes.size()));
  }
  Proof proof;
  AppendSubproof(hasher, leaf_hashes, old_size, true, proof);
  return proof;
}

Result<void> VerifyInclusion(const Hasher& hasher, uint64_t leaf_index, uint64_t tree_size,
                             std::string_view leaf_hash, std::span<const Bytes> proof,
                             std::string_view root_hash) {
  if (leaf_index >= tree_size) {
    return Rejected("leaf_index", fmt::format("leaf_index {} is outside a tree of {} leaves",
                                              leaf_index, tree_size));
  }
  if (auto checked = CheckHashSize(hasher, "leaf_hash", leaf_hash); !checked) return checked;
  if (auto checked = CheckHashSize(hasher, "root_hash", root_hash); !checked) return checked;
  if (auto checked = CheckProofHashSizes(hasher, proof); !checked) return checked;

  // fn is the index of the node whose hash `r` holds, sn the index of the last node on the same
  // level. A set low bit of fn, or fn == sn at the right edge, means the proof hash is the left
  // sibling.
  uint64_t fn = leaf_index;
  uint64_t sn = tree_size - 1;
  Bytes r(leaf_hash);
  for (const Bytes& p : proof) {
    if (sn == 0) {
      return Rejected("proof", fmt::format("the proof has {} hashes, more than leaf {} of a "
                                           "tree of {} leaves needs",
                                           proof.size(), leaf_index, tree_size));
    }
    if ((fn & 1) != 0 || fn == sn) {
      r = hasher.HashChildren(p, r);
      while ((fn & 1) == 0 && fn != 0) ShiftUp(fn, sn);
    } else {
      r = hasher.HashChildren(r, p);
    }
    ShiftUp(fn, sn);
  }

  if (sn != 0) {
    return Rejected("proof", fmt::format("the proof has {} hashes, fewer than leaf {} of a tree "
                                         "of {} leaves needs",
                                         proof.size(), leaf_index, tree_size));
  }
  if (r != root_hash) {
    return Rejected("proof", fmt::format("the proof leads to root {}, not to root_hash {}",
                                         crypto::HexEncode(r), crypto::HexEncode(root_hash)));
  }
  return {};
}

Result<void> VerifyConsistency(const Hasher& hasher, uint64_t old_size, uint64_t new_size,
                               std::span<const Bytes> proof, std::string_view old_root,
                               std::string_view new_root) {
  if (old_size > new_size) {
    return Rejected("old_size",
                    fmt::format("old_size {} is greater than new_size {}", old_size, new_size));
  }
  if (old_size == 0) {
    return Rejected("old_size", "old_size is 0: a proof from the empty tree proves nothing");
  }
  if (old_size == new_size) {
    if (!proof.empty()) {
      return Rejected("proof", fmt::format("the sizes are equal, so the proof must be empty, "
                                           "but it has {} hashes",
                                           proof.size()));
    }
    if (old_root != new_root) {
      return Rejected("new_root", "the sizes are equal but old_root and new_root differ");
    }
    return {};
  }

  if (auto checked = CheckHashSize(hasher, "old_root", old_root); !checked) return checked;
  if (auto checked = CheckHashSize(hasher, "new_root", new_root); !checked) return checked;
  if (auto checked = CheckProofHashSizes(hasher, proof); !checked) return checked;
  if (proof.empty()) {
    return Rejected("proof", fmt::format("the proof is empty, but trees of {} and {} leaves "
                                         "need at least one hash",
                                         old_size, new_size));
  }

  // When the old tree is a perfect subtree of the new one, the proof omits its root because
  // the verifier already has it.
  Proof path;
  if (std::has_single_bit(old_size)) path.emplace_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());

  // fn walks the right edge of the old tree and sn that of the new tree. fr and sr are the old
  // and new roots rebuilt from the path.
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) != 0) ShiftUp(fn, sn);
  Bytes fr = path.front();
  Bytes sr = path.front();
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Bytes& c = path[i];
    if (sn == 0) {
      return Rejected("proof", fmt::format("the proof has {} hashes, more than trees of {} and "
                                           "{} leaves need",
                                           proof.size(), old_size, new_size));
    }
    if ((fn & 1) != 0 || fn == sn) {
      fr = hasher.HashChildren(c, fr);
      sr = hasher.HashChildren(c, sr);
      while ((fn & 1) == 0 && fn != 0) ShiftUp(fn, sn);
    } else {
      sr = hasher.HashChildren(sr, c);
    }
    ShiftUp(fn, sn);
  }

  if (sn != 0) {
    return Rejected("proof", fmt::format("the proof has {} hashes, fewer than trees of {} and "
                                         "{} leaves need",
                                         proof.size(), old_size, new_size));
  }
  if (fr != old_root) {
    return Rejected("proof", fmt::format("the proof leads to old root {}, not to old_root {}",
                                         crypto::HexEncode(fr), crypto::HexEncode(old_root)));
  }
  if (sr != new_root) {
    return Rejected("proof", fmt::format("the proof leads to new root {}, not to new_root {}",
                                         crypto::HexEncode(sr), crypto::HexEncode(new_root)));
  }
  return {};
}

}  // namespace mingjing::ledger
