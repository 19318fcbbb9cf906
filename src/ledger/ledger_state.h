// The ledger_state row: where the next entry goes and the compact range to hash it into.
#pragma once

#include <soci/soci.h>

#include <string>

#include "ledger/compact_range.h"
#include "ledger/hasher.h"

namespace mingjing::ledger {

struct LedgerState {
  std::string hash_algorithm;
  int64_t tree_size = 0;
  std::string compact_range_json;  // JSON array of hex subtree roots, largest first
  int64_t last_recorded_at = 0;    // microseconds
};

// Reads the state row and, on PostgreSQL, locks it until the transaction ends (SQLite's
// BEGIN IMMEDIATE already holds the database's write lock). Throws soci::soci_error.
LedgerState LockLedgerState(soci::session& session);

// Reads the state row without locking, for readers and the notary.
LedgerState ReadLedgerState(soci::session& session);

// Rebuilds the compact range saved in `state`. Throws std::runtime_error when the saved range
// is corrupt, since appending to it would fork the tree.
CompactRange RestoreCompactRange(const Hasher& hasher, const LedgerState& state);

void SaveLedgerState(soci::session& session, const LedgerState& state, const CompactRange& range);

}  // namespace mingjing::ledger
