#include "exchange/progress_lockout.h"

#include <spdlog/spdlog.h>

#include "store/transaction.h"

namespace mingjing::exchange {

int64_t SecondsLocked(store::Database& db, std::string_view case_number, int64_t now) {
  std::string number(case_number);
  long long until = 0;
  auto lease = db.Acquire();
  *lease << "SELECT locked_until FROM progress_lockouts WHERE case_number = :n", soci::use(number),
      soci::into(until);
  if (!lease->got_data()) return 0;
  return until > now ? until - now : 0;
}

int64_t RecordFailedLookup(store::Database& db, ledger::Ledger& ledger,
                           std::string_view case_number, std::string_view client_address,
                           int64_t now, const LockoutPolicy& policy) {
  std::string number(case_number);
  long long at = now;
  long long window_floor = now - policy.window_seconds;
  long long window_end = now + policy.window_seconds;

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  *lease << "DELETE FROM progress_lockouts WHERE expires_at < :now", soci::use(at);
  *lease << "INSERT INTO progress_lockouts (case_number, failures, window_start, locked_until, "
            "expires_at) VALUES (:n, 0, :now, 0, :end) ON CONFLICT (case_number) DO NOTHING",
      soci::use(number), soci::use(at), soci::use(window_end);
  // One statement, so that on PostgreSQL the row lock it takes orders concurrent failures. A
  // failure after the window has passed starts a new window.
  *lease << "UPDATE progress_lockouts SET "
            "failures = CASE WHEN window_start < :floor1 THEN 1 ELSE failures + 1 END, "
            "window_start = CASE WHEN window_start < :floor2 THEN :now ELSE window_start END, "
            "expires_at = CASE WHEN expires_at < :end1 THEN :end2 ELSE expires_at END "
            "WHERE case_number = :n",
      soci::use(window_floor), soci::use(window_floor), soci::use(at), soci::use(window_end),
      soci::use(window_end), soci::use(number);

  int failures = 0;
  long long locked_until = 0;
  *lease << "SELECT failures, locked_until FROM progress_lockouts WHERE case_number = :n",
      soci::use(number), soci::into(failures), soci::into(locked_until);
  if (failures < policy.max_failures || locked_until > now) {
    tx.Commit();
    return 0;
  }

  // The lock restarts the count, so a guesser who waits it out gets another max_failures tries
  // and another lock.
  long long until = now + policy.lock_seconds;
  *lease << "UPDATE progress_lockouts SET locked_until = :until, failures = 0, "
            "window_start = :now, expires_at = :expires WHERE case_number = :n",
      soci::use(until), soci::use(at), soci::use(until), soci::use(number);
  ledger.Append(*lease, ledger::Actor{"platform:progress-lookup", std::string(client_address)},
                ledger::Entry{.action = "progress.lock",
                              .object_type = "case_number",
                              .object_id = number,
                              .detail = {{"failures", failures},
                                         {"window_seconds", policy.window_seconds},
                                         {"lock_seconds", policy.lock_seconds},
                                         {"locked_until", until}}});
  tx.Commit();
  spdlog::warn("progress lookup locked case_number={} failures={} lock_seconds={} remote={}",
               number, failures, policy.lock_seconds, client_address);
  return policy.lock_seconds;
}

}  // namespace mingjing::exchange
