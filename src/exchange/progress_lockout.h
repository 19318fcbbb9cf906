// A lock per case number on the public progress lookup, against guessing a query code from many
// addresses: the per-address rate limit alone cannot stop a guesser with many addresses. After
// max_failures failed lookups of one case number within window_seconds, every lookup of that
// number is refused for lock_seconds, whatever code it sends. Failures count for every case
// number, existing or not, so that being locked reveals nothing about a case. A lookup with the
// right code does not clear the count, because that would give a guesser fresh tries whenever
// the applicant looks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::exchange {

struct LockoutPolicy {
  int max_failures = 5;
  int64_t window_seconds = 15 * 60;
  int64_t lock_seconds = 30 * 60;
};

// Seconds until the lock on `case_number` ends, or 0 when it is not locked at `now`.
int64_t SecondsLocked(store::Database& db, std::string_view case_number, int64_t now);

// Counts one failed lookup of `case_number` from `client_address`. When it is the
// max_failures-th within the window, locks the number and appends a "progress.lock" ledger entry
// in the same transaction. Returns the lock's length in seconds when this failure set it, else 0.
// Also purges rows that expired before `now`.
int64_t RecordFailedLookup(store::Database& db, ledger::Ledger& ledger,
                           std::string_view case_number, std::string_view client_address,
                           int64_t now, const LockoutPolicy& policy = {});

}  // namespace mingjing::exchange
