#include "ledger/ledger_state.h"

#include <boost/json.hpp>
#include <stdexcept>

#include "crypto/encoding.h"

namespace mingjing::ledger {
namespace {

LedgerState ReadState(soci::session& session, const char* suffix) {
  LedgerState state;
  long long size = 0;
  long long last = 0;
  session << std::string(
                 "SELECT hash_algorithm, tree_size, compact_range, last_recorded_at "
                 "FROM ledger_state WHERE id = 1") +
                 suffix,
      soci::into(state.hash_algorithm), soci::into(size), soci::into(state.compact_range_json),
      soci::into(last);
  if (!session.got_data()) throw std::runtime_error("the ledger_state row is missing");
  state.tree_size = size;
  state.last_recorded_at = last;
  return state;
}

}  // namespace

LedgerState LockLedgerState(soci::session& session) {
  bool postgres = session.get_backend_name() == "postgresql";
  return ReadState(session, postgres ? " FOR UPDATE" : "");
}

LedgerState ReadLedgerState(soci::session& session) { return ReadState(session, ""); }

CompactRange RestoreCompactRange(const Hasher& hasher, const LedgerState& state) {
  std::vector<Bytes> roots;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(state.compact_range_json, ec);
  if (ec || !parsed.is_array()) {
    throw std::runtime_error("ledger_state.compact_range is not a JSON array");
  }
  for (const auto& v : parsed.as_array()) {
    auto bytes = v.is_string() ? crypto::HexDecode(v.as_string()) : Result<Bytes>(Error{});
    if (!bytes) throw std::runtime_error("ledger_state.compact_range contains an invalid hash");
    roots.push_back(std::move(*bytes));
  }
  auto range =
      CompactRange::Restore(hasher, static_cast<uint64_t>(state.tree_size), std::move(roots));
  if (!range) throw std::runtime_error("ledger_state.compact_range: " + range.error().message);
  return std::move(*range);
}

void SaveLedgerState(soci::session& session, const LedgerState& state, const CompactRange& range) {
  boost::json::array roots;
  for (const auto& r : range.subtree_roots()) roots.emplace_back(crypto::HexEncode(r));
  std::string json = boost::json::serialize(roots);
  long long size = state.tree_size;
  long long last = state.last_recorded_at;
  session << "UPDATE ledger_state SET hash_algorithm = :h, tree_size = :n, compact_range = :r, "
             "last_recorded_at = :t WHERE id = 1",
      soci::use(state.hash_algorithm), soci::use(size), soci::use(json), soci::use(last);
}

}  // namespace mingjing::ledger
