#include "ledger/ledger_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "crypto/encoding.h"
#include "store/row.h"

namespace mingjing::ledger {
namespace {

constexpr const char* kEntryColumns =
    "SELECT seq, recorded_at, actor, address, action, object_type, object_id, division_code, "
    "outcome, detail, leaf_hash, root_after FROM ledger_entries";

StoredEntry EntryFromRow(const soci::row& r) {
  StoredEntry e;
  e.seq = store::Int64(r, 0);
  e.recorded_at = store::Int64(r, 1);
  e.actor = Actor{store::Text(r, 2), store::Text(r, 3)};
  e.entry.action = store::Text(r, 4);
  e.entry.object_type = store::Text(r, 5);
  e.entry.object_id = store::Text(r, 6);
  e.entry.division_code = store::Text(r, 7);
  e.entry.outcome = store::Text(r, 8);
  boost::system::error_code ec;
  auto detail = boost::json::parse(store::Text(r, 9), ec);
  if (!ec && detail.is_object()) e.entry.detail = detail.as_object();
  e.leaf_hash = store::Text(r, 10);
  e.root_after = store::Text(r, 11);
  return e;
}

Result<std::vector<Bytes>> LeafHashes(store::Database& db, int64_t tree_size) {
  auto lease = db.Acquire();
  long long stored = 0;
  long long size = tree_size;
  *lease << "SELECT COUNT(*) FROM ledger_entries WHERE seq < :n", soci::use(size),
      soci::into(stored);
  if (stored != tree_size) {
    return Error::InvalidField("tree_size", fmt::format("the ledger has only {} entries", stored));
  }
  std::vector<Bytes> leaves;
  leaves.reserve(static_cast<size_t>(tree_size));
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT leaf_hash FROM ledger_entries WHERE seq < :n ORDER BY seq",
       soci::use(size));
  for (const soci::row& r : rows) leaves.push_back(crypto::HexDecode(store::Text(r, 0)).value());
  return leaves;
}

}  // namespace

std::vector<StoredEntry> ListEntries(store::Database& db, const EntryQuery& query) {
  auto lease = db.Acquire();
  long long before = query.before_seq < 0 ? INT64_MAX : query.before_seq;
  long long limit = std::clamp<int64_t>(query.limit, 1, 500);
  std::string scope = query.division_scope + "%";
  int unscoped = query.include_unscoped ? 1 : 0;
  std::string type = query.object_type;
  std::string id = query.object_id;
  std::vector<StoredEntry> out;
  soci::rowset<soci::row> rows =
      (lease->prepare
           << std::string(kEntryColumns) +
                  " WHERE seq < :b AND (division_code LIKE :s OR (:u = 1 AND division_code = '')) "
                  "AND (:t = '' OR object_type = :t2) AND (:i = '' OR object_id = :i2) "
                  "ORDER BY seq DESC LIMIT :l",
       soci::use(before), soci::use(scope), soci::use(unscoped), soci::use(type), soci::use(type),
       soci::use(id), soci::use(id), soci::use(limit));
  for (const soci::row& r : rows) out.push_back(EntryFromRow(r));
  return out;
}

std::optional<StoredEntry> FindEntry(store::Database& db, int64_t seq) {
  auto lease = db.Acquire();
  long long key = seq;
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kEntryColumns) + " WHERE seq = :s", soci::use(key));
  for (const soci::row& r : rows) return EntryFromRow(r);
  return std::nullopt;
}

Result<Proof> EntryInclusionProof(store::Database& db, const Hasher& hasher, int64_t seq,
                                  int64_t tree_size) {
  if (seq < 0 || seq >= tree_size) {
    return Error::InvalidField("seq", "seq must be at least 0 and below tree_size");
  }
  auto leaves = LeafHashes(db, tree_size);
  if (!leaves) return leaves.error();
  return InclusionProof(hasher, *leaves, static_cast<uint64_t>(seq));
}

Result<Proof> TreeConsistencyProof(store::Database& db, const Hasher& hasher, int64_t old_size,
                                   int64_t new_size) {
  if (old_size < 1 || old_size > new_size) {
    return Error::InvalidField("first", "first must be at least 1 and not above second");
  }
  auto leaves = LeafHashes(db, new_size);
  if (!leaves) return leaves.error();
  return ConsistencyProof(hasher, *leaves, static_cast<uint64_t>(old_size));
}

}  // namespace mingjing::ledger
