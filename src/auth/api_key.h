// API keys of business systems. A key is scoped to a division subtree and to item types. The
// secret is shown once at creation; the platform keeps only the signing key derived from it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "common/clock.h"
#include "common/error.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::auth {

// The scope that lets a business system push bids and OCDS releases, on top of case events,
// which every key may push.
inline constexpr std::string_view kProcurementScope = "procurement";

// Every scope a key may hold.
inline constexpr std::string_view kApiKeyScopes[] = {kProcurementScope};

struct ApiKey {
  int64_t id = 0;
  std::string key_id;  // public identifier, sent as X-Mingjing-Key
  std::string name;    // the business system, e.g. "广安区网上审批系统"
  std::string division_code;
  int64_t department_id = 0;
  std::vector<std::string> item_types;  // catalog::ItemTypeName codes; empty: every type
  std::vector<std::string> scopes;      // names from kApiKeyScopes
  int64_t created_at = 0;
  int64_t revoked_at = 0;
  int64_t last_used_at = 0;
};

struct NewApiKey {
  std::string name;
  std::string division_code;
  int64_t department_id = 0;
  std::vector<std::string> item_types;
  std::vector<std::string> scopes;
};

// The key as handed over once: the secret is not stored and cannot be shown again.
struct IssuedApiKey {
  ApiKey key;
  std::string secret;
};

// The HMAC-SM3 key a business system signs with: HMAC-SM3(secret, "mingjing-request-signing-v1"),
// hex. Both sides derive it the same way.
std::string DeriveSigningKey(const std::string& secret);

Result<IssuedApiKey> CreateApiKey(store::Database& db, ledger::Ledger& ledger,
                                  const Principal& admin, const std::string& address,
                                  const NewApiKey& request, const Clock& clock);

Result<void> RevokeApiKey(store::Database& db, ledger::Ledger& ledger, const Principal& admin,
                          const std::string& address, int64_t id, const Clock& clock);

// Keys whose division lies inside `scope`.
std::vector<ApiKey> ListApiKeys(store::Database& db, const std::string& scope);

}  // namespace mingjing::auth
