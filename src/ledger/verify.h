// Full verification of the stored ledger: recompute every leaf hash and every root, check each
// signed tree head against them and against the ledger's public key, and name the first entry
// that was edited, deleted, inserted or reordered.
#pragma once

#include <optional>
#include <string>

#include "crypto/sm2.h"
#include "ledger/hasher.h"
#include "store/database.h"

namespace mingjing::ledger {

struct LedgerProblem {
  enum class Kind { kEdited, kDeleted, kInserted, kReordered, kBadTreeHead, kBadState };
  Kind kind;
  int64_t seq = -1;  // the first entry concerned, or -1 when none applies
  std::string message;
};

std::string_view LedgerProblemName(LedgerProblem::Kind kind);

struct LedgerReport {
  int64_t entries = 0;                   // rows read
  int64_t tree_heads = 0;                // signed heads checked
  std::optional<LedgerProblem> problem;  // the first problem found, if any
  std::string root_hash_hex;             // recomputed root over every entry
  bool ok() const { return !problem.has_value(); }
};

// Reads every entry in sequence order. `public_key` checks the signed heads; without it only
// the hashes are checked. Throws soci::soci_error when the store cannot be read.
LedgerReport VerifyLedger(store::Database& db, const Hasher& hasher,
                          const crypto::Sm2PublicKey* public_key);

}  // namespace mingjing::ledger
