// Reading the ledger for the API and the console: entries, and proofs against signed heads.
#pragma once

#include <optional>
#include <vector>

#include "common/error.h"
#include "ledger/ledger.h"
#include "ledger/merkle_tree.h"
#include "store/database.h"

namespace mingjing::ledger {

struct EntryQuery {
  int64_t before_seq = -1;        // newest first, below this seq; -1 for the newest
  int64_t limit = 50;             // at most 500
  std::string division_scope;     // only entries of this division subtree; "" for all
  bool include_unscoped = false;  // also entries with no division, e.g. logins of unknown users
  std::string object_type;        // "" for any
  std::string object_id;          // "" for any
};

std::vector<StoredEntry> ListEntries(store::Database& db, const EntryQuery& query);

std::optional<StoredEntry> FindEntry(store::Database& db, int64_t seq);

// The inclusion proof of entry `seq` in the tree of `tree_size` entries.
// NOTE: reads every leaf hash below tree_size, O(n); fine for audits, not for a hot path.
Result<Proof> EntryInclusionProof(store::Database& db, const Hasher& hasher, int64_t seq,
                                  int64_t tree_size);

// The consistency proof between two tree sizes. Same cost note as above.
Result<Proof> TreeConsistencyProof(store::Database& db, const Hasher& hasher, int64_t old_size,
                                   int64_t new_size);

}  // namespace mingjing::ledger
