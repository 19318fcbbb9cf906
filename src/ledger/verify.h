// Full verification of the stored ledger: recompute every leaf hash and every root, check each
// signed tree head against them and against the ledger's public key, and name the first entry
// that was edited, deleted, inserted or reordered.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/sm2.h"
#include "ledger/hasher.h"
#include "ledger/tree_head.h"
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

struct VerifyOptions {
  // Checks the signatures of signed heads; without it only hashes are compared.
  const crypto::Sm2PublicKey* public_key = nullptr;
  // Heads kept outside the database (notary.h): each must still be in the database, unchanged.
  std::vector<SignedTreeHead> anchor_heads;
  // After a restore from backup, anchor heads beyond the restored ledger's size are expected to
  // be missing. Without this flag they count as a truncated ledger.
  bool restored_from_backup = false;
  // The time of the check in microseconds, or 0 to skip the next check. Entries older than
  // max_unsigned_age_us that no signed head covers mean heads were deleted, because the notary
  // signs every second while a server runs and at the end of every command.
  int64_t now_us = 0;
  int64_t max_unsigned_age_us = 60'000'000;
};

// Reads every entry in sequence order and checks it as described at the top of this file.
// Throws soci::soci_error when the store cannot be read.
LedgerReport VerifyLedger(store::Database& db, const Hasher& hasher, const VerifyOptions& options);

// The same with only a public key, for callers without an anchor file.
LedgerReport VerifyLedger(store::Database& db, const Hasher& hasher,
                          const crypto::Sm2PublicKey* public_key);

}  // namespace mingjing::ledger
