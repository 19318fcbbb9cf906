// Browser sessions: a random token in an HttpOnly cookie, stored only as its SM3 hash, with an
// idle timeout and an absolute lifetime, and a CSRF token for state-changing requests.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/error.h"
#include "store/database.h"

namespace mingjing::auth {

struct SessionPolicy {
  int64_t idle_timeout_seconds = 30 * 60;        // ends after 30 minutes without a request
  int64_t absolute_timeout_seconds = 12 * 3600;  // ends 12 hours after login regardless
  int64_t touch_interval_seconds = 60;           // last_seen_at is written at most this often
};

// A new session as handed to the browser. `token` goes into the cookie and is never stored.
struct NewSession {
  std::string token;
  std::string csrf_token;
  bool second_factor_done = false;
};

// Creates a session for `user_id` inside the caller's transaction.
NewSession CreateSession(soci::session& s, int64_t user_id, bool second_factor_done,
                         const std::string& address, const std::string& user_agent,
                         const Clock& clock);

// The session behind a cookie token, with its user's roles and region; nullopt when the token
// is unknown, expired, or its user is disabled. Expired sessions are deleted on sight.
// `second_factor_done` is true once the user passed TOTP in this session.
struct ResolvedSession {
  Principal principal;
  bool second_factor_done = false;
  bool second_factor_required = false;  // a role of the user demands TOTP
  bool totp_enrolled = false;
};
std::optional<ResolvedSession> ResolveSession(store::Database& db, const std::string& token,
                                              const SessionPolicy& policy, const Clock& clock);

// Marks the session as having passed the second factor.
void MarkSecondFactorDone(soci::session& s, const std::string& token_hash);

void DeleteSession(soci::session& s, const std::string& token_hash);

// Ends every session of a user, e.g. after a password change or an administrator's reset.
void DeleteUserSessions(soci::session& s, int64_t user_id);

// Hex SM3 hash of a session token, the key of the sessions table.
std::string HashSessionToken(const std::string& token);

}  // namespace mingjing::auth
