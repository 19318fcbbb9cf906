#include "auth/session.h"

#include "crypto/encoding.h"
#include "crypto/random.h"
#include "crypto/sm3.h"
#include "org/role.h"
#include "store/row.h"

namespace mingjing::auth {

std::string HashSessionToken(const std::string& token) {
  return crypto::HexEncode(crypto::Sm3Digest(token));
}

NewSession CreateSession(soci::session& s, int64_t user_id, bool second_factor_done,
                         const std::string& address, const std::string& user_agent,
                         const Clock& clock) {
  NewSession session{crypto::RandomTokenBase64Url(32), crypto::RandomTokenBase64Url(32),
                     second_factor_done};
  std::string hash = HashSessionToken(session.token);
  long long now = clock.NowSeconds();
  long long uid = user_id;
  int done = second_factor_done ? 1 : 0;
  std::string agent = user_agent.substr(0, 256);
  s << "INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_done, created_at, "
       "last_seen_at, address, user_agent) VALUES (:h, :u, :c, :d, :t, :t2, :a, :ua)",
      soci::use(hash), soci::use(uid), soci::use(session.csrf_token), soci::use(done),
      soci::use(now), soci::use(now), soci::use(address), soci::use(agent);
  return session;
}

std::optional<ResolvedSession> ResolveSession(store::Database& db, const std::string& token,
                                              const SessionPolicy& policy, const Clock& clock) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::string hash = HashSessionToken(token);
  auto lease = db.Acquire();

  soci::rowset<soci::row> rows =
      (lease->prepare
           << "SELECT s.user_id, s.csrf_token, s.second_factor_done, s.created_at, "
              "s.last_seen_at, u.username, u.division_code, u.department_id, u.disabled, "
              "u.totp_enabled FROM sessions s JOIN users u ON u.id = s.user_id "
              "WHERE s.token_hash = :h",
       soci::use(hash));
  std::optional<ResolvedSession> found;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  bool disabled = false;
  for (const soci::row& r : rows) {
    ResolvedSession rs;
    rs.principal.kind = Principal::Kind::kUser;
    rs.principal.user_id = store::Int64(r, 0);
    rs.principal.csrf_token = store::Text(r, 1);
    rs.second_factor_done = store::Int64(r, 2) != 0;
    created_at = store::Int64(r, 3);
    last_seen_at = store::Int64(r, 4);
    rs.principal.name = store::Text(r, 5);
    rs.principal.division_code = store::Text(r, 6);
    rs.principal.department_id = store::Int64(r, 7);
    disabled = store::Int64(r, 8) != 0;
    rs.totp_enrolled = store::Int64(r, 9) != 0;
    rs.principal.session_id_hash = hash;
    found = std::move(rs);
  }
  if (!found) return std::nullopt;

  int64_t now = clock.NowSeconds();
  bool expired = now - last_seen_at > policy.idle_timeout_seconds ||
                 now - created_at > policy.absolute_timeout_seconds;
  if (expired || disabled) {
    DeleteSession(*lease, hash);
    return std::nullopt;
  }

  long long uid = found->principal.user_id;
  soci::rowset<soci::row> roles =
      (lease->prepare << "SELECT role FROM user_roles WHERE user_id = :u", soci::use(uid));
  for (const soci::row& r : roles) {
    if (auto role = org::ParseRole(store::Text(r, 0))) {
      found->principal.roles.push_back(*role);
      found->second_factor_required |= org::RequiresSecondFactor(*role);
    }
  }

  found->principal.second_factor_required = found->second_factor_required;
  found->principal.second_factor_done = found->second_factor_done;
  found->principal.totp_enrolled = found->totp_enrolled;

  if (now - last_seen_at >= policy.touch_interval_seconds) {
    long long t = now;
    *lease << "UPDATE sessions SET last_seen_at = :t WHERE token_hash = :h", soci::use(t),
        soci::use(hash);
  }
  return found;
}

void MarkSecondFactorDone(soci::session& s, const std::string& token_hash) {
  s << "UPDATE sessions SET second_factor_done = 1 WHERE token_hash = :h", soci::use(token_hash);
}

void DeleteSession(soci::session& s, const std::string& token_hash) {
  s << "DELETE FROM sessions WHERE token_hash = :h", soci::use(token_hash);
}

void DeleteUserSessions(soci::session& s, int64_t user_id) {
  long long uid = user_id;
  s << "DELETE FROM sessions WHERE user_id = :u", soci::use(uid);
}

}  // namespace mingjing::auth
