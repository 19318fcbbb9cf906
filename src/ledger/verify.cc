#include "ledger/verify.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "crypto/encoding.h"
#include "ledger/compact_range.h"
#include "ledger/ledger.h"
#include "ledger/ledger_state.h"
#include "ledger/tree_head.h"
#include "store/row.h"

namespace mingjing::ledger {
namespace {

using Kind = LedgerProblem::Kind;

struct StoredHead {
  SignedTreeHead head;
  std::string root_hex;
};

std::map<int64_t, StoredHead> LoadHeads(soci::session& s) {
  std::map<int64_t, StoredHead> heads;
  soci::rowset<soci::row> rows = (s.prepare << "SELECT tree_size, root_hash, signed_at, "
                                               "signature FROM ledger_tree_heads");
  for (const soci::row& r : rows) {
    StoredHead h;
    h.head.tree_size = static_cast<uint64_t>(store::Int64(r, 0));
    h.root_hex = store::Text(r, 1);
    h.head.root_hash = ValueOr<std::string>(crypto::HexDecode(h.root_hex), "");
    h.head.timestamp = store::Int64(r, 2);
    h.head.signature = ValueOr<std::string>(crypto::Base64Decode(store::Text(r, 3)), "");
    heads.emplace(static_cast<int64_t>(h.head.tree_size), std::move(h));
  }
  return heads;
}

// The leaf hash of a row's content as if it were stored at `seq`.
std::string LeafHexAt(const Hasher& hasher, const soci::row& r, int64_t seq) {
  Actor actor{store::Text(r, 2), store::Text(r, 3)};
  return crypto::HexEncode(hasher.HashLeaf(CanonicalEntryBytes(
      seq, store::Int64(r, 1), actor, store::Text(r, 4), store::Text(r, 5), store::Text(r, 6),
      store::Text(r, 7), store::Text(r, 8), store::Text(r, 9))));
}

// Decides what happened to a row whose content no longer hashes to its stored leaf hash.
LedgerProblem ClassifyMismatch(const Hasher& hasher, const soci::row& r, int64_t seq,
                               const std::string& stored_leaf) {
  if (seq > 0 && LeafHexAt(hasher, r, seq - 1) == stored_leaf) {
    return {Kind::kInserted, seq,
            fmt::format("entry {} holds the content of entry {}: a row was inserted before it "
                        "and later rows renumbered",
                        seq, seq - 1)};
  }
  if (LeafHexAt(hasher, r, seq + 1) == stored_leaf) {
    return {Kind::kDeleted, seq,
            fmt::format("entry {} holds the content of entry {}: entry {} was deleted and later "
                        "rows renumbered",
                        seq, seq + 1, seq)};
  }
  return {Kind::kEdited, seq,
          fmt::format("entry {} was edited: its content no longer matches its leaf hash", seq)};
}

}  // namespace

std::string_view LedgerProblemName(LedgerProblem::Kind kind) {
  switch (kind) {
    case Kind::kEdited:
      return "edited";
    case Kind::kDeleted:
      return "deleted";
    case Kind::kInserted:
      return "inserted";
    case Kind::kReordered:
      return "reordered";
    case Kind::kBadTreeHead:
      return "bad_tree_head";
    case Kind::kBadState:
      return "bad_state";
  }
  return "unknown";
}

LedgerReport VerifyLedger(store::Database& db, const Hasher& hasher,
                          const crypto::Sm2PublicKey* public_key) {
  VerifyOptions options;
  options.public_key = public_key;
  return VerifyLedger(db, hasher, options);
}

LedgerReport VerifyLedger(store::Database& db, const Hasher& hasher, const VerifyOptions& options) {
  const crypto::Sm2PublicKey* public_key = options.public_key;
  LedgerReport report;
  auto lease = db.Acquire();
  auto heads = LoadHeads(*lease);
  LedgerState state = ReadLedgerState(*lease);

  for (const SignedTreeHead& anchor : options.anchor_heads) {
    auto size = static_cast<int64_t>(anchor.tree_size);
    if (public_key != nullptr && !VerifyTreeHead(anchor, *public_key)) {
      report.problem = LedgerProblem{
          Kind::kBadTreeHead, size - 1,
          fmt::format("the anchor file's tree head at size {} has an invalid signature", size)};
      return report;
    }
    if (options.restored_from_backup && size > state.tree_size) continue;
    auto it = heads.find(size);
    if (it == heads.end() || it->second.head.root_hash != anchor.root_hash) {
      report.problem = LedgerProblem{
          Kind::kBadTreeHead, size - 1,
          fmt::format("the signed tree head at size {} kept in the anchor file is {} the "
                      "database: heads were deleted or replaced",
                      size, it == heads.end() ? "missing from" : "different in")};
      return report;
    }
  }

  CompactRange range(hasher);
  int64_t expected_seq = 0;
  int64_t last_recorded_at = 0;
  int64_t last_good_head = 0;  // size of the last head that matched

  auto check_head = [&](int64_t size) -> std::optional<LedgerProblem> {
    auto it = heads.find(size);
    if (it == heads.end()) return std::nullopt;
    ++report.tree_heads;
    std::string recomputed = crypto::HexEncode(range.RootHash());
    if (public_key != nullptr && !VerifyTreeHead(it->second.head, *public_key)) {
      return LedgerProblem{
          Kind::kBadTreeHead, size - 1,
          fmt::format("the signature of the tree head at size {} is invalid", size)};
    }
    if (recomputed != it->second.root_hex) {
      return LedgerProblem{
          Kind::kEdited, last_good_head,
          fmt::format("the signed tree head at size {} does not match the entries: entries {} "
                      "to {} were rewritten (hashes recomputed to hide it)",
                      size, last_good_head, size - 1)};
    }
    last_good_head = size;
    return std::nullopt;
  };

  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT seq, recorded_at, actor, address, action, object_type, "
                         "object_id, division_code, outcome, detail, leaf_hash, root_after "
                         "FROM ledger_entries ORDER BY seq");
  // A row holding the next entry's content means either a deletion with renumbering or two
  // swapped entries; the row after it decides which, so the verdict waits for one more row.
  std::optional<LedgerProblem> shifted;
  for (const soci::row& r : rows) {
    int64_t seq = store::Int64(r, 0);
    ++report.entries;
    if (shifted) {
      if (seq == shifted->seq + 1 && LeafHexAt(hasher, r, shifted->seq) == store::Text(r, 10)) {
        shifted = LedgerProblem{Kind::kReordered, shifted->seq,
                                fmt::format("entries {} and {} were swapped", shifted->seq, seq)};
      }
      report.problem = shifted;
      return report;
    }
    if (seq != expected_seq) {
      report.problem = LedgerProblem{
          Kind::kDeleted, expected_seq,
          fmt::format("entry {} is missing: the next stored entry is {}", expected_seq, seq)};
      return report;
    }
    int64_t recorded_at = store::Int64(r, 1);
    if (recorded_at < last_recorded_at) {
      report.problem = LedgerProblem{
          Kind::kReordered, seq,
          fmt::format("entry {} is recorded earlier than entry {}: entries were reordered", seq,
                      seq - 1)};
      return report;
    }
    last_recorded_at = recorded_at;

    std::string stored_leaf = store::Text(r, 10);
    std::string leaf = LeafHexAt(hasher, r, seq);
    if (leaf != stored_leaf) {
      LedgerProblem problem = ClassifyMismatch(hasher, r, seq, stored_leaf);
      if (problem.kind == Kind::kDeleted) {
        shifted = problem;
        continue;
      }
      report.problem = problem;
      return report;
    }
    range.Append(crypto::HexDecode(leaf).value());
    if (crypto::HexEncode(range.RootHash()) != store::Text(r, 11)) {
      report.problem = LedgerProblem{
          Kind::kEdited, seq,
          fmt::format("entry {} has a stored root that does not follow from the entries before "
                      "it: an earlier entry was replaced",
                      seq)};
      return report;
    }
    if (auto bad = check_head(seq + 1)) {
      report.problem = bad;
      return report;
    }
    ++expected_seq;
  }

  if (shifted) {
    report.problem = shifted;
    return report;
  }
  report.root_hash_hex = crypto::HexEncode(range.RootHash());

  boost::json::array saved_range;
  for (const auto& r : range.subtree_roots()) saved_range.emplace_back(crypto::HexEncode(r));
  if (expected_seq == state.tree_size &&
      boost::json::serialize(saved_range) != state.compact_range_json) {
    report.problem = LedgerProblem{
        Kind::kBadState, expected_seq,
        "ledger_state.compact_range does not match the stored entries: the append point was "
        "edited"};
    return report;
  }
  if (expected_seq < state.tree_size) {
    report.problem = LedgerProblem{
        Kind::kDeleted, expected_seq,
        fmt::format("the ledger recorded {} entries but only {} are stored: entries from {} were "
                    "deleted",
                    state.tree_size, expected_seq, expected_seq)};
  } else if (expected_seq > state.tree_size) {
    report.problem = LedgerProblem{
        Kind::kInserted, state.tree_size,
        fmt::format("entries from {} were inserted outside the ledger", state.tree_size)};
  } else if (!heads.empty() && heads.rbegin()->first > expected_seq) {
    report.problem =
        LedgerProblem{Kind::kDeleted, expected_seq,
                      fmt::format("a signed tree head covers {} entries but only {} are stored",
                                  heads.rbegin()->first, expected_seq)};
  }
  if (report.problem) return report;
  if (expected_seq > 0 && report.tree_heads == 0) {
    report.problem = LedgerProblem{Kind::kBadTreeHead, 0,
                                   "no signed tree head covers the ledger: the heads were "
                                   "deleted or never signed"};
    return report;
  }
  if (options.now_us > 0 && !options.restored_from_backup && expected_seq > last_good_head) {
    long long first_unsigned = last_good_head;
    long long recorded_at = 0;
    *lease << "SELECT recorded_at FROM ledger_entries WHERE seq = :s", soci::use(first_unsigned),
        soci::into(recorded_at);
    if (options.now_us - recorded_at > options.max_unsigned_age_us) {
      report.problem = LedgerProblem{
          Kind::kBadTreeHead, last_good_head,
          fmt::format("entries from {} are older than {} s but no signed tree head covers them: "
                      "newer heads were deleted",
                      last_good_head, options.max_unsigned_age_us / 1'000'000)};
      return report;
    }
  }
  return report;
}

}  // namespace mingjing::ledger
