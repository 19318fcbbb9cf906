// The shared state of the API handlers: the store, the ledger, the clock and the auth settings.
// One instance lives as long as the server, and handlers take it by reference.
#pragma once

#include <memory>

#include "auth/login.h"
#include "common/clock.h"
#include "crypto/sm2.h"
#include "http/middleware.h"
#include "http/sse.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::supervision {
class JudgementRunner;
}

namespace mingjing::api {

struct ApiContext {
  store::Database& db;
  ledger::Ledger& ledger;
  const Clock& clock;
  auth::AuthContext auth;
  bool secure_cookies = false;  // set under TLS, so the session cookie carries Secure
  const crypto::Sm2PublicKey* ledger_public_key = nullptr;  // checks signed tree heads
  http::SseHub* sse_hub = nullptr;  // the live alert feed; when null, /api/v1/stream returns 503
  // Judges ingested cases and carries the alert service; null leaves ingested cases unjudged
  // and alert handling unavailable (503).
  supervision::JudgementRunner* supervision = nullptr;
  // Limits password logins per client address before any hash runs; null for no limit.
  std::shared_ptr<http::RateLimiter> login_limiter;
};

}  // namespace mingjing::api
