// The notary signs tree heads: from time to time it reads the ledger's current size and root and
// stores them signed with the platform's SM2 key. A signed head fixes every entry below its size:
// rewriting any of them, even with all hashes recomputed, no longer matches the signature.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "crypto/sm2.h"
#include "ledger/hasher.h"
#include "ledger/tree_head.h"
#include "store/database.h"

namespace mingjing::ledger {

// Loads the ledger signing key from `dir`/ledger-sm2.pem, creating it (mode 0600) and its public
// half ledger-sm2.pub.pem on first start.
Result<crypto::Sm2PrivateKey> LoadOrCreateLedgerKey(const std::filesystem::path& dir);

// Loads the public key written beside the private key, for verification without the secret.
Result<crypto::Sm2PublicKey> LoadLedgerPublicKey(const std::filesystem::path& dir);

class Notary {
 public:
  // `anchor_path`, when not empty, is a file outside the database to which every signed head is
  // also appended (one JSON object a line, fsync'd): someone who can rewrite the database, heads
  // included, still cannot make it agree with that file.
  Notary(store::Database& db, const Hasher& hasher, crypto::Sm2PrivateKey key, const Clock& clock,
         std::filesystem::path anchor_path = {});

  // Signs and stores a head for the current tree when it grew since the last signed head.
  // Returns the new head, or nullopt when there was nothing new to sign. Safe to call from
  // several servers at once: a head for a size already signed is skipped.
  std::optional<SignedTreeHead> SignCurrentHead();

 private:
  store::Database& db_;
  const Hasher& hasher_;
  crypto::Sm2PrivateKey key_;
  const Clock& clock_;
  std::filesystem::path anchor_path_;
};

// The file in `dir` where the notary keeps its copy of every signed head.
std::filesystem::path TreeHeadAnchorPath(const std::filesystem::path& dir);

// Reads the signed heads kept in an anchor file; a missing file gives none. Fails with
// kMalformed naming the line when the file is damaged.
Result<std::vector<SignedTreeHead>> ReadTreeHeadAnchor(const std::filesystem::path& path);

// The signed head with the largest tree size, or nullopt before the first one.
std::optional<SignedTreeHead> LatestTreeHead(store::Database& db);

}  // namespace mingjing::ledger
