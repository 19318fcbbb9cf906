#include "auth/request_signature.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "crypto/sm3.h"
#include "store/row.h"

namespace mingjing::auth {
namespace {

Error Reject(std::string message) {
  return Error{ErrorCode::kUnauthenticated, std::move(message), {}};
}

bool ValidNonce(const std::string& nonce) {
  if (nonce.size() < 16 || nonce.size() > 64) return false;
  for (char c : nonce) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

struct StoredKey {
  int64_t id = 0;
  std::string signing_key;
  std::string name;
  std::string division_code;
  int64_t department_id = 0;
  std::string item_types;
  int64_t revoked_at = 0;
  std::string scopes;
};

// The strings of a JSON array column; anything else gives none.
std::vector<std::string> StringsOfJsonArray(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code parse_error;
  auto value = boost::json::parse(text, parse_error);
  if (parse_error || !value.is_array()) return out;
  for (const auto& v : value.as_array()) {
    if (v.is_string()) out.emplace_back(v.as_string());
  }
  return out;
}

std::optional<StoredKey> LoadKey(soci::session& s, const std::string& key_id) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT id, signing_key, name, division_code, department_id, item_types, "
                    "revoked_at, scopes FROM api_keys WHERE key_id = :k",
       soci::use(key_id));
  for (const soci::row& r : rows) {
    return StoredKey{store::Int64(r, 0), store::Text(r, 1), store::Text(r, 2), store::Text(r, 3),
                     store::Int64(r, 4), store::Text(r, 5), store::Int64(r, 6),
                     store::Text(r, 7)};
  }
  return std::nullopt;
}

}  // namespace

std::string CanonicalRequest(const std::string& method, const std::string& target,
                             const std::string& timestamp, const std::string& nonce,
                             std::string_view body) {
  return fmt::format("{}\n{}\n{}\n{}\n{}", method, target, timestamp, nonce,
                     crypto::HexEncode(crypto::Sm3Digest(body)));
}

std::string SignRequest(const std::string& signing_key_hex, const std::string& method,
                        const std::string& target, const std::string& timestamp,
                        const std::string& nonce, std::string_view body) {
  auto key = crypto::HexDecode(signing_key_hex);
  return crypto::HexEncode(
      crypto::HmacSm3(key ? *key : "", CanonicalRequest(method, target, timestamp, nonce, body)));
}

Result<Principal> VerifySignedRequest(store::Database& db, const SignedRequest& request,
                                      const Clock& clock) {
  if (request.key_id.empty()) return Reject("missing X-Mingjing-Key header");
  if (request.signature.empty()) return Reject("missing X-Mingjing-Signature header");

  int64_t timestamp = 0;
  auto [end, ec] = std::from_chars(request.timestamp.data(),
                                   request.timestamp.data() + request.timestamp.size(), timestamp);
  if (ec != std::errc() || end != request.timestamp.data() + request.timestamp.size()) {
    return Reject("X-Mingjing-Timestamp must be Unix seconds, e.g. 1770000000");
  }
  int64_t skew = clock.NowSeconds() - timestamp;
  if (skew > kMaxClockSkewSeconds || skew < -kMaxClockSkewSeconds) {
    return Reject(
        fmt::format("X-Mingjing-Timestamp is {} s away from the server clock; the "
                    "limit is {} s: sync the clock and sign again",
                    skew, kMaxClockSkewSeconds));
  }
  if (!ValidNonce(request.nonce)) {
    return Reject("X-Mingjing-Nonce must be 16 to 64 characters of A-Z, a-z, 0-9, '-' or '_'");
  }

  auto lease = db.Acquire();
  auto key = LoadKey(*lease, request.key_id);
  if (!key || key->revoked_at != 0) return Reject("unknown or revoked X-Mingjing-Key");

  std::string expected = SignRequest(key->signing_key, request.method, request.target,
                                     request.timestamp, request.nonce, request.body);
  if (!crypto::ConstantTimeEquals(expected, request.signature)) {
    return Reject(
        "X-Mingjing-Signature does not match the request: sign METHOD, PATH, "
        "TIMESTAMP, NONCE and the SM3 of the body as documented");
  }

  // The nonce insert is the replay check: a second request with the same nonce hits the key.
  long long key_pk = key->id;
  long long now = clock.NowSeconds();
  try {
    *lease << "INSERT INTO api_nonces (api_key_id, nonce, seen_at) VALUES (:k, :n, :t)",
        soci::use(key_pk), soci::use(request.nonce), soci::use(now);
  } catch (const soci::soci_error& e) {
    if (store::IsUniqueViolation(e)) return Reject("X-Mingjing-Nonce was already used");
    throw;
  }
  *lease << "UPDATE api_keys SET last_used_at = :t WHERE id = :k AND last_used_at < :t2 - 60",
      soci::use(now), soci::use(key_pk), soci::use(now);

  Principal p;
  p.kind = Principal::Kind::kBusinessSystem;
  p.api_key_id = key->id;
  p.name = key->name;
  p.division_code = key->division_code;
  p.department_id = key->department_id;
  p.item_types = StringsOfJsonArray(key->item_types);
  p.scopes = StringsOfJsonArray(key->scopes);
  return p;
}

int64_t PurgeExpiredNonces(store::Database& db, const Clock& clock) {
  auto lease = db.Acquire();
  long long cutoff = clock.NowSeconds() - 2 * kMaxClockSkewSeconds;
  soci::statement st =
      (lease->prepare << "DELETE FROM api_nonces WHERE seen_at < :c", soci::use(cutoff));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace mingjing::auth
