// Signed requests of business systems. Each request carries four headers:
//   X-Mingjing-Key        the key id (mk_...)
//   X-Mingjing-Timestamp  Unix seconds when it was signed
//   X-Mingjing-Nonce      16 to 64 characters of [A-Za-z0-9_-], never reused with this key
//   X-Mingjing-Signature  hex HMAC-SM3 over the canonical request, keyed by the signing key
// The canonical request is the lines METHOD, PATH (with its query string, as sent), TIMESTAMP,
// NONCE and the hex SM3 hash of the body, joined by "\n". A timestamp more than five minutes
// from the server's clock or a nonce seen before is rejected, so a captured request cannot be
// replayed.
#pragma once

#include <string>
#include <string_view>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/error.h"
#include "store/database.h"

namespace mingjing::auth {

inline constexpr int64_t kMaxClockSkewSeconds = 300;

struct SignedRequest {
  std::string method;  // upper case, e.g. "POST"
  std::string target;  // path and query exactly as sent
  std::string_view body;
  std::string key_id;
  std::string timestamp;
  std::string nonce;
  std::string signature;  // hex
};

std::string CanonicalRequest(const std::string& method, const std::string& target,
                             const std::string& timestamp, const std::string& nonce,
                             std::string_view body);

// Computes the hex signature that a business system sends; used by the simulator and the
// conformance kit, and by tests.
std::string SignRequest(const std::string& signing_key_hex, const std::string& method,
                        const std::string& target, const std::string& timestamp,
                        const std::string& nonce, std::string_view body);

// Checks a signed request and returns the business system's principal. Every rejection is a
// kUnauthenticated error whose message names the header at fault.
Result<Principal> VerifySignedRequest(store::Database& db, const SignedRequest& request,
                                      const Clock& clock);

// Deletes nonces older than twice the accepted skew. Returns how many were removed.
int64_t PurgeExpiredNonces(store::Database& db, const Clock& clock);

}  // namespace mingjing::auth
