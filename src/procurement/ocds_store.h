// Storage of the OCDS releases that procurement systems push or that files import. Each release is
// kept as it was sent, and a changed resend is kept as a new version and marked. One compiled
// release per ocid is rebuilt from the latest version of each of its releases.
#pragma once

#include <soci/soci.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::procurement {

inline constexpr size_t kMaxReleasesPerBatch = 1000;

// The system that sent the releases: its API key id (or "import") and its division. Releases
// are stored under that division, and an ocid first sent by another division is rejected.
struct OcdsSender {
  std::string system;
  std::string division_code;
  int64_t department_id = 0;  // of the sending system's API key, 0 when it names none
};

enum class ReleaseStatus {
  kAccepted,    // stored for the first time, as version 1
  kDuplicate,   // the latest stored version has the same content: nothing changed
  kNewVersion,  // different content from the latest version: stored as the next version, marked
  kRejected,    // not stored; `errors` gives the reasons
};

std::string_view ReleaseStatusName(ReleaseStatus status);

struct ReleaseFieldError {
  std::string field;  // e.g. "releases[3].date"
  std::string message;
};

struct ReleaseResult {
  size_t index = 0;  // position in the batch
  std::string ocid;
  std::string release_id;
  ReleaseStatus status = ReleaseStatus::kRejected;
  int version = 0;  // the stored version, 0 when rejected
  std::vector<ReleaseFieldError> errors;
};

struct ReleaseBatchResult {
  std::vector<ReleaseResult> releases;
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t new_versions = 0;
  int64_t rejected = 0;
  std::vector<std::string> touched_ocids;  // ocids that gained a release, in batch order
  std::vector<std::string> touched_buyers;  // their buyers after compiling, distinct, non-empty
};

// Checks one release: an object with a non-empty string `ocid` and `id`, an RFC 3339 `date`, and
// when present a `tag` array of strings and a `buyer` object. Every error names its field below
// `path`, e.g. "releases[3].date".
std::vector<ReleaseFieldError> ValidateRelease(const boost::json::value& release,
                                               std::string_view path);

// Validates and stores `releases` within the caller's write transaction, then recompiles each
// touched ocid. A bad release is rejected on its own and never blocks the others. `path` names
// the array in errors ("releases").
ReleaseBatchResult StoreReleases(soci::session& session, const OcdsSender& sender,
                                 std::span<const boost::json::value> releases,
                                 std::string_view path, int64_t now);

// Stores a batch of at most kMaxReleasesPerBatch releases in one transaction with one ledger
// entry, `action` naming the way they came ("procurement.ocds.push" or
// "procurement.ocds.import"). Returns kTooLarge for an oversized batch; throws soci::soci_error
// when the store fails, with nothing committed.
Result<ReleaseBatchResult> IngestReleases(store::Database& db, ledger::Ledger& ledger,
                                          const ledger::Actor& actor, const OcdsSender& sender,
                                          std::span<const boost::json::value> releases,
                                          std::string_view action, const Clock& clock);

struct CompiledReleaseRow {
  std::string ocid;
  std::string division_code;
  std::string buyer_id;
  int64_t release_count = 0;
  boost::json::object compiled;
  int64_t updated_at = 0;
};

std::optional<CompiledReleaseRow> FindCompiledRelease(soci::session& session,
                                                      const std::string& ocid);

// The compiled releases of one buyer, oldest ocid first.
std::vector<CompiledReleaseRow> ListBuyerCompiledReleases(soci::session& session,
                                                          const std::string& buyer_id);

// The compiled releases held by one division, oldest ocid first.
std::vector<CompiledReleaseRow> ListDivisionCompiledReleases(soci::session& session,
                                                             const std::string& division_code);

}  // namespace mingjing::procurement
