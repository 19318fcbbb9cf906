// The audit ledger: every state change of the platform is appended, in the same database
// transaction as the change, as one leaf of an RFC 9162 Merkle tree. Signed tree heads
// (notary.h) commit to the tree; verify.h recomputes it and names the first entry that was
// edited, deleted, inserted or reordered.
#pragma once

#include <soci/soci.h>

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "ledger/hasher.h"

namespace mingjing::ledger {

// The author of a change and the address it came from.
struct Actor {
  std::string name;     // "user:alice", "system:approval-1", "cli:root", "platform"
  std::string address;  // client IP address, or "" for local commands
};

// A description of one change. `action` is a dotted verb such as "user.create".
struct Entry {
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string division_code;   // the region the object belongs to, for scoped audit reads
  std::string outcome = "ok";  // ok, denied or failed
  boost::json::object detail;  // what a reader needs to understand the change; never secrets
};

// One stored ledger row.
struct StoredEntry {
  int64_t seq = 0;
  int64_t recorded_at = 0;  // microseconds since the Unix epoch, UTC
  Actor actor;
  Entry entry;
  std::string leaf_hash;   // hex
  std::string root_after;  // hex
};

// Canonical bytes of an entry, the input of its leaf hash: a JSON array of a version tag and
// every stored field in a fixed order, with `detail_json` exactly as stored, so that a change to
// any column of the row changes the hash.
std::string CanonicalEntryBytes(int64_t seq, int64_t recorded_at, const Actor& actor,
                                const std::string& action, const std::string& object_type,
                                const std::string& object_id, const std::string& division_code,
                                const std::string& outcome, const std::string& detail_json);

// The hasher named in configuration: "sm3" (default) or "sha256". Throws std::invalid_argument
// for any other name.
std::unique_ptr<Hasher> MakeHasher(std::string_view name);

class Ledger {
 public:
  Ledger(const Clock& clock, std::unique_ptr<Hasher> hasher);

  // Appends within the caller's open write transaction on `session` and returns the entry's
  // sequence number. Appends are serialised by a row lock on the ledger state, so concurrent
  // transactions (and several servers on one PostgreSQL) number entries without gaps. Throws
  // soci::soci_error on a store failure, which rolls the caller's transaction back.
  int64_t Append(soci::session& session, const Actor& actor, const Entry& entry);

  const Hasher& hasher() const { return *hasher_; }

 private:
  const Clock& clock_;
  std::unique_ptr<Hasher> hasher_;
};

}  // namespace mingjing::ledger
