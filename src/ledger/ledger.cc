#include "ledger/ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "crypto/encoding.h"
#include "ledger/compact_range.h"
#include "ledger/ledger_state.h"

namespace mingjing::ledger {

std::unique_ptr<Hasher> MakeHasher(std::string_view name) {
  if (name == "sm3") return std::make_unique<Sm3Hasher>();
  if (name == "sha256") return std::make_unique<Sha256Hasher>();
  throw std::invalid_argument(
      fmt::format("unknown ledger hash '{}': use sm3 (the default) or sha256", name));
}

std::string CanonicalEntryBytes(int64_t seq, int64_t recorded_at, const Actor& actor,
                                const std::string& action, const std::string& object_type,
                                const std::string& object_id, const std::string& division_code,
                                const std::string& outcome, const std::string& detail_json) {
  boost::json::array fields{"mingjing-ledger-entry-v1",
                            seq,
                            recorded_at,
                            actor.name,
                            actor.address,
                            action,
                            object_type,
                            object_id,
                            division_code,
                            outcome,
                            detail_json};
  return boost::json::serialize(fields);
}

Ledger::Ledger(const Clock& clock, std::unique_ptr<Hasher> hasher)
    : clock_(clock), hasher_(std::move(hasher)) {}

int64_t Ledger::Append(soci::session& session, const Actor& actor, const Entry& entry) {
  LedgerState state = LockLedgerState(session);
  if (state.hash_algorithm != hasher_->Name()) {
    if (state.tree_size != 0) {
      throw std::runtime_error(fmt::format(
          "the ledger is hashed with {} but this server is configured for {}: set ledger_hash "
          "to {}",
          state.hash_algorithm, hasher_->Name(), state.hash_algorithm));
    }
    state.hash_algorithm = std::string(hasher_->Name());
  }

  auto range = RestoreCompactRange(*hasher_, state);
  int64_t seq = state.tree_size;
  auto now_us =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.Now().time_since_epoch())
          .count();
  int64_t recorded_at = std::max<int64_t>(now_us, state.last_recorded_at);
  std::string detail = boost::json::serialize(entry.detail);

  std::string leaf = hasher_->HashLeaf(
      CanonicalEntryBytes(seq, recorded_at, actor, entry.action, entry.object_type, entry.object_id,
                          entry.division_code, entry.outcome, detail));
  range.Append(leaf);
  std::string leaf_hex = crypto::HexEncode(leaf);
  std::string root_hex = crypto::HexEncode(range.RootHash());

  long long seq_value = seq;
  long long recorded = recorded_at;
  session << "INSERT INTO ledger_entries (seq, recorded_at, actor, address, action, object_type, "
             "object_id, division_code, outcome, detail, leaf_hash, root_after) VALUES "
             "(:seq, :at, :actor, :addr, :action, :otype, :oid, :div, :outcome, :detail, :leaf, "
             ":root)",
      soci::use(seq_value), soci::use(recorded), soci::use(actor.name), soci::use(actor.address),
      soci::use(entry.action), soci::use(entry.object_type), soci::use(entry.object_id),
      soci::use(entry.division_code), soci::use(entry.outcome), soci::use(detail),
      soci::use(leaf_hex), soci::use(root_hex);

  state.tree_size = seq + 1;
  state.last_recorded_at = recorded_at;
  SaveLedgerState(session, state, range);
  return seq;
}

}  // namespace mingjing::ledger
