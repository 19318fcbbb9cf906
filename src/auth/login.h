// Password login with lockout, the TOTP second factor, logout and password change. Every
// attempt, allowed or not, is written to the ledger.
#pragma once

#include <string>

#include "auth/session.h"
#include "common/clock.h"
#include "common/error.h"
#include "crypto/password.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::auth {

struct LoginPolicy {
  int max_failures = 5;               // consecutive failures before the account locks
  int64_t lockout_seconds = 15 * 60;  // how long a locked account stays locked
  crypto::PasswordHashCost hash_cost = crypto::kModeratePasswordCost;
};

// Everything a login handler needs, shared by the auth functions below.
struct AuthContext {
  store::Database& db;
  ledger::Ledger& ledger;
  const Clock& clock;
  LoginPolicy login;
  SessionPolicy session;
};

struct LoginOutcome {
  NewSession session;
  bool second_factor_required = false;  // the user must pass TOTP before using the session
  bool totp_enrolled = false;           // false: the user must enrol first
};

// Checks the password and opens a session. A wrong password and an unknown user give the same
// kUnauthenticated error; a locked or disabled account gives kForbidden with when to retry.
Result<LoginOutcome> Login(AuthContext& ctx, const std::string& username,
                           const std::string& password, const std::string& address,
                           const std::string& user_agent);

// Verifies a TOTP code for the session's user and marks the session as fully authenticated.
// A code is accepted once; a replayed or wrong code counts as a failed login.
Result<void> VerifySecondFactor(AuthContext& ctx, const ResolvedSession& session,
                                const std::string& code, const std::string& address);

// Starts TOTP enrolment: stores a new secret (not yet active) and returns the otpauth:// URI.
// Refused when TOTP is already active; a security administrator must reset it first.
Result<std::string> BeginTotpEnrolment(AuthContext& ctx, const ResolvedSession& session,
                                       const std::string& address);

// Activates the pending secret when `code` matches it, and marks the session as done.
Result<void> ConfirmTotpEnrolment(AuthContext& ctx, const ResolvedSession& session,
                                  const std::string& code, const std::string& address);

// Clears a user's TOTP so they enrol again at next login, and ends their sessions.
Result<void> ResetTotp(AuthContext& ctx, const Principal& admin, int64_t user_id,
                       const std::string& address);

// Unlocks an account locked after failed logins.
Result<void> UnlockAccount(AuthContext& ctx, const Principal& admin, int64_t user_id,
                           const std::string& address);

// Replaces the password after checking the current one and the policy, then ends every session
// of the user, this one included.
Result<void> ChangePassword(AuthContext& ctx, const ResolvedSession& session,
                            const std::string& current_password, const std::string& new_password,
                            const std::string& address);

void Logout(AuthContext& ctx, const ResolvedSession& session, const std::string& address);

}  // namespace mingjing::auth
