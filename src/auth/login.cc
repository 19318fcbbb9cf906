#include "auth/login.h"

#include <fmt/format.h>

#include "crypto/encoding.h"
#include "crypto/totp.h"
#include "org/user.h"
#include "store/transaction.h"

namespace mingjing::auth {
namespace {

ledger::Actor UserActor(const std::string& username, const std::string& address) {
  return ledger::Actor{"user:" + username, address};
}

// The ledger entry of a change to the account `user_id` in `division_code`.
ledger::Entry UserEntry(std::string action, int64_t user_id, std::string division_code) {
  return ledger::Entry{.action = std::move(action),
                       .object_type = "user",
                       .object_id = std::to_string(user_id),
                       .division_code = std::move(division_code)};
}

// Writes one audit entry in its own transaction, for events with no other state change.
void Audit(AuthContext& ctx, const ledger::Actor& actor, ledger::Entry entry) {
  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  ctx.ledger.Append(*lease, actor, entry);
  tx.Commit();
}

// Counts a failure and locks the account on the max_failures-th one in a row.
void RecordFailure(AuthContext& ctx, const org::User& user, const std::string& address,
                   const std::string& reason) {
  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  long long id = user.id;
  int failures = 0;
  *lease << "SELECT failed_logins FROM users WHERE id = :id", soci::into(failures), soci::use(id);
  failures += 1;
  long long locked_until = 0;
  if (failures >= ctx.login.max_failures) {
    locked_until = ctx.clock.NowSeconds() + ctx.login.lockout_seconds;
    failures = 0;
  }
  *lease << "UPDATE users SET failed_logins = :f, locked_until = CASE WHEN :l > 0 THEN :l2 "
            "ELSE locked_until END WHERE id = :id",
      soci::use(failures), soci::use(locked_until), soci::use(locked_until), soci::use(id);
  boost::json::object detail{{"reason", reason}};
  if (locked_until > 0) detail["locked_until"] = locked_until;
  ctx.ledger.Append(*lease, UserActor(user.username, address),
                    ledger::Entry{.action = "session.login",
                                  .object_type = "user",
                                  .object_id = std::to_string(user.id),
                                  .division_code = user.division_code,
                                  .outcome = "denied",
                                  .detail = std::move(detail)});
  tx.Commit();
}

Error LockedError(int64_t locked_until, const Clock& clock) {
  int64_t minutes = (locked_until - clock.NowSeconds() + 59) / 60;
  return Error::Forbidden(fmt::format(
      "the account is locked after repeated failed logins: try again in {} minutes or ask the "
      "security administrator to unlock it",
      minutes));
}

std::optional<std::string> TotpSecret(soci::session& s, int64_t user_id, int64_t* last_step) {
  std::string secret;
  long long step = 0;
  long long id = user_id;
  s << "SELECT totp_secret, totp_last_step FROM users WHERE id = :id", soci::into(secret),
      soci::into(step), soci::use(id);
  if (!s.got_data() || secret.empty()) return std::nullopt;
  *last_step = step;
  return secret;
}

// Checks `code` against the stored secret; on success records the step so it cannot be reused.
bool AcceptTotpCode(soci::session& s, int64_t user_id, const std::string& code,
                    const Clock& clock) {
  int64_t last_step = 0;
  auto secret = TotpSecret(s, user_id, &last_step);
  if (!secret) return false;
  auto key = crypto::Base32Decode(*secret);
  if (!key) return false;
  auto step = crypto::VerifyTotp(*key, code, clock.NowSeconds());
  if (!step || *step <= last_step) return false;
  long long new_step = *step;
  long long id = user_id;
  s << "UPDATE users SET totp_last_step = :s WHERE id = :id", soci::use(new_step), soci::use(id);
  return true;
}

}  // namespace

Result<LoginOutcome> Login(AuthContext& ctx, const std::string& username,
                           const std::string& password, const std::string& address,
                           const std::string& user_agent) {
  const Error bad_credentials{ErrorCode::kUnauthenticated, "the username or password is wrong", {}};
  if (username.empty() || username.size() > 64 || password.size() > 1024) {
    return bad_credentials;
  }

  auto user = org::FindUserByName(ctx.db, username);
  if (!user) {
    // Hash anyway, so that response time does not reveal which usernames exist.
    (void)crypto::HashPassword(password, ctx.login.hash_cost);
    // A name that could not be an account is logged as hex, so that look-alike names (full-width
    // letters, zero-width or control characters) cannot pose as a real user in the audit trail.
    bool plausible = org::ValidateUsername(username).has_value();
    Audit(
        ctx, UserActor(plausible ? username : "(invalid name)", address),
        ledger::Entry{.action = "session.login",
                      .object_type = "user",
                      .outcome = "denied",
                      .detail = {{"reason", "unknown user"},
                                 {"username_hex", plausible ? "" : crypto::HexEncode(username)}}});
    return bad_credentials;
  }
  if (user->locked_until > ctx.clock.NowSeconds()) {
    Audit(ctx, UserActor(username, address),
          ledger::Entry{.action = "session.login",
                        .object_type = "user",
                        .object_id = std::to_string(user->id),
                        .division_code = user->division_code,
                        .outcome = "denied",
                        .detail = {{"reason", "locked"}}});
    return LockedError(user->locked_until, ctx.clock);
  }

  auto hash = org::PasswordHash(ctx.db, user->id);
  if (!hash || !crypto::VerifyPassword(*hash, password)) {
    RecordFailure(ctx, *user, address, "wrong password");
    return bad_credentials;
  }
  if (user->disabled) {
    Audit(ctx, UserActor(username, address),
          ledger::Entry{.action = "session.login",
                        .object_type = "user",
                        .object_id = std::to_string(user->id),
                        .division_code = user->division_code,
                        .outcome = "denied",
                        .detail = {{"reason", "disabled"}}});
    return Error::Forbidden("the account is disabled: ask the platform administrator");
  }

  bool needs_totp = false;
  for (org::Role r : user->roles) needs_totp |= org::RequiresSecondFactor(r);

  LoginOutcome outcome;
  outcome.second_factor_required = needs_totp;
  outcome.totp_enrolled = user->totp_enabled;

  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  long long id = user->id;
  *lease << "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = :id", soci::use(id);
  if (crypto::PasswordNeedsRehash(*hash, ctx.login.hash_cost)) {
    if (auto fresh = crypto::HashPassword(password, ctx.login.hash_cost)) {
      *lease << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(*fresh),
          soci::use(id);
    }
  }
  outcome.session = CreateSession(*lease, user->id, !needs_totp, address, user_agent, ctx.clock);
  ctx.ledger.Append(*lease, UserActor(username, address),
                    ledger::Entry{.action = "session.login",
                                  .object_type = "user",
                                  .object_id = std::to_string(user->id),
                                  .division_code = user->division_code,
                                  .detail = {{"second_factor_required", needs_totp}}});
  tx.Commit();
  return outcome;
}

Result<void> VerifySecondFactor(AuthContext& ctx, const ResolvedSession& session,
                                const std::string& code, const std::string& address) {
  const Principal& p = session.principal;
  if (!session.totp_enrolled) {
    return Error::Conflict("TOTP is not set up for this account: enrol first");
  }
  auto user = org::FindUser(ctx.db, p.user_id);
  if (!user) return Error{ErrorCode::kUnauthenticated, "the session's user no longer exists", {}};
  if (user->locked_until > ctx.clock.NowSeconds())
    return LockedError(user->locked_until, ctx.clock);

  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  if (!AcceptTotpCode(*lease, p.user_id, code, ctx.clock)) {
    tx.Commit();
    lease.Release();
    RecordFailure(ctx, *user, address, "wrong or reused TOTP code");
    return Error::InvalidField("code",
                               "the code is wrong or was already used: enter the "
                               "current 6-digit code from the authenticator app");
  }
  MarkSecondFactorDone(*lease, p.session_id_hash);
  long long id = p.user_id;
  *lease << "UPDATE users SET failed_logins = 0 WHERE id = :id", soci::use(id);
  ctx.ledger.Append(*lease, UserActor(p.name, address),
                    UserEntry("session.second_factor", p.user_id, p.division_code));
  tx.Commit();
  return {};
}

Result<std::string> BeginTotpEnrolment(AuthContext& ctx, const ResolvedSession& session,
                                       const std::string& address) {
  const Principal& p = session.principal;
  if (session.totp_enrolled) {
    return Error::Conflict(
        "TOTP is already active: ask the security administrator to reset it to enrol again");
  }
  // NOTE: the TOTP secret is stored in clear, so a copy of the database lets its holder compute
  // codes. Encrypting it (and api_keys.signing_key) with a key kept in the data folder, as the
  // ledger's SM2 key is, is not built yet.
  std::string secret = crypto::GenerateTotpSecret();
  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  long long id = p.user_id;
  *lease << "UPDATE users SET totp_secret = :s, totp_enabled = 0 WHERE id = :id", soci::use(secret),
      soci::use(id);
  ctx.ledger.Append(*lease, UserActor(p.name, address),
                    UserEntry("totp.enrolment_started", p.user_id, p.division_code));
  tx.Commit();
  return crypto::BuildOtpauthUri(secret, p.name);
}

Result<void> ConfirmTotpEnrolment(AuthContext& ctx, const ResolvedSession& session,
                                  const std::string& code, const std::string& address) {
  const Principal& p = session.principal;
  if (session.totp_enrolled) return Error::Conflict("TOTP is already active for this account");

  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  if (!AcceptTotpCode(*lease, p.user_id, code, ctx.clock)) {
    return Error::InvalidField("code",
                               "the code does not match: scan the QR code again and "
                               "enter the current 6-digit code");
  }
  long long id = p.user_id;
  *lease << "UPDATE users SET totp_enabled = 1 WHERE id = :id", soci::use(id);
  MarkSecondFactorDone(*lease, p.session_id_hash);
  ctx.ledger.Append(*lease, UserActor(p.name, address),
                    UserEntry("totp.enrolled", p.user_id, p.division_code));
  tx.Commit();
  return {};
}

// Runs one administrator's change to an account inside the admin's region: `sql` updates the
// users row (bound to :id), `end_sessions` also signs the user out everywhere, and the change is
// recorded in the ledger as `action`.
static Result<void> ChangeAccount(AuthContext& ctx, const Principal& admin, int64_t user_id,
                                  const std::string& address, const std::string& sql,
                                  bool end_sessions, const std::string& action) {
  auto user = org::FindUser(ctx.db, user_id);
  if (!user || !user->division_code.starts_with(admin.division_code)) {
    return Error::NotFound(fmt::format("user {} not found", user_id));
  }
  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  long long id = user_id;
  *lease << sql, soci::use(id);
  if (end_sessions) DeleteUserSessions(*lease, user_id);
  ctx.ledger.Append(*lease, UserActor(admin.name, address),
                    ledger::Entry{.action = action,
                                  .object_type = "user",
                                  .object_id = std::to_string(user_id),
                                  .division_code = user->division_code,
                                  .detail = {{"username", user->username}}});
  tx.Commit();
  return {};
}

Result<void> ResetTotp(AuthContext& ctx, const Principal& admin, int64_t user_id,
                       const std::string& address) {
  return ChangeAccount(ctx, admin, user_id, address,
                       "UPDATE users SET totp_secret = '', totp_enabled = 0, totp_last_step = 0 "
                       "WHERE id = :id",
                       /*end_sessions=*/true, "totp.reset");
}

Result<void> UnlockAccount(AuthContext& ctx, const Principal& admin, int64_t user_id,
                           const std::string& address) {
  return ChangeAccount(ctx, admin, user_id, address,
                       "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = :id",
                       /*end_sessions=*/false, "user.unlock");
}

Result<void> ChangePassword(AuthContext& ctx, const ResolvedSession& session,
                            const std::string& current_password, const std::string& new_password,
                            const std::string& address) {
  const Principal& p = session.principal;
  auto user = org::FindUser(ctx.db, p.user_id);
  auto hash = org::PasswordHash(ctx.db, p.user_id);
  if (!user || !hash) return Error{ErrorCode::kUnauthenticated, "the user no longer exists", {}};
  if (!crypto::VerifyPassword(*hash, current_password)) {
    RecordFailure(ctx, *user, address, "wrong current password on change");
    return Error::InvalidField("current_password", "the current password is wrong");
  }
  if (current_password == new_password) {
    return Error::InvalidField("new_password", "choose a password different from the current one");
  }
  if (auto v = crypto::CheckPasswordPolicy(new_password, p.name); !v) {
    return Error::InvalidField("new_password", v.error().message);
  }
  auto fresh = crypto::HashPassword(new_password, ctx.login.hash_cost);
  if (!fresh) return fresh.error();

  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  long long id = p.user_id;
  long long now = ctx.clock.NowSeconds();
  *lease << "UPDATE users SET password_hash = :h, password_changed_at = :t, updated_at = :t2 "
            "WHERE id = :id",
      soci::use(*fresh), soci::use(now), soci::use(now), soci::use(id);
  DeleteUserSessions(*lease, p.user_id);
  ctx.ledger.Append(*lease, UserActor(p.name, address),
                    UserEntry("user.password_changed", p.user_id, p.division_code));
  tx.Commit();
  return {};
}

void Logout(AuthContext& ctx, const ResolvedSession& session, const std::string& address) {
  const Principal& p = session.principal;
  auto lease = ctx.db.Acquire();
  store::WriteTransaction tx(lease);
  DeleteSession(*lease, p.session_id_hash);
  ctx.ledger.Append(*lease, UserActor(p.name, address),
                    UserEntry("session.logout", p.user_id, p.division_code));
  tx.Commit();
}

}  // namespace mingjing::auth
