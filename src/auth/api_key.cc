#include "auth/api_key.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <boost/json.hpp>

#include "catalog/service_item.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "org/department.h"
#include "org/division.h"
#include "org/division_code.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::auth {
namespace {

constexpr const char* kSigningContext = "mingjing-request-signing-v1";

std::string StringArrayJson(const std::vector<std::string>& types) {
  boost::json::array a;
  for (const auto& t : types) a.emplace_back(t);
  return boost::json::serialize(a);
}

std::vector<std::string> ParseStringArray(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_array()) return out;
  for (const auto& v : value.as_array()) {
    if (v.is_string()) out.emplace_back(v.as_string());
  }
  return out;
}

}  // namespace

std::string DeriveSigningKey(const std::string& secret) {
  return crypto::HexEncode(crypto::HmacSm3(secret, kSigningContext));
}

Result<IssuedApiKey> CreateApiKey(store::Database& db, ledger::Ledger& ledger,
                                  const Principal& admin, const std::string& address,
                                  const NewApiKey& request, const Clock& clock) {
  if (request.name.empty() || request.name.size() > 200) {
    return Error::InvalidField("name", "name the business system in 1 to 200 bytes");
  }
  if (auto v = org::ValidateDivisionCode(request.division_code); !v) return v.error();
  if (!org::DivisionContains(admin.division_code, request.division_code) ||
      !org::FindDivision(db, request.division_code)) {
    return Error::InvalidField(
        "division_code",
        fmt::format("division {} does not exist in your region", request.division_code));
  }
  if (request.department_id != 0) {
    auto dept = org::FindDepartment(db, request.department_id);
    if (!dept || !org::DivisionContains(request.division_code, dept->division_code)) {
      return Error::InvalidField("department_id",
                                 "the department does not exist inside the key's division");
    }
  }
  for (const auto& t : request.item_types) {
    if (!catalog::ParseItemType(t)) {
      return Error::InvalidField(
          "item_types", fmt::format("\"{}\" is not one of the catalogue's item types: {}", t,
                                    catalog::ItemTypeNameList()));
    }
  }
  for (const auto& scope : request.scopes) {
    if (std::find(std::begin(kApiKeyScopes), std::end(kApiKeyScopes), scope) ==
        std::end(kApiKeyScopes)) {
      return Error::InvalidField(
          "scopes", fmt::format("\"{}\" is not a scope; the scopes are: {}", scope,
                                fmt::join(std::begin(kApiKeyScopes), std::end(kApiKeyScopes), ", ")));
    }
  }

  IssuedApiKey issued;
  issued.secret = crypto::RandomTokenBase64Url(32);
  issued.key.key_id = "mk_" + crypto::RandomTokenHex(16);
  issued.key.name = request.name;
  issued.key.division_code = request.division_code;
  issued.key.department_id = request.department_id;
  issued.key.item_types = request.item_types;
  issued.key.scopes = request.scopes;
  issued.key.created_at = clock.NowSeconds();

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  std::string signing_key = DeriveSigningKey(issued.secret);
  std::string types = StringArrayJson(request.item_types);
  std::string scopes = StringArrayJson(request.scopes);
  long long department_id = request.department_id;
  soci::indicator dept_ind = request.department_id == 0 ? soci::i_null : soci::i_ok;
  long long created_by = admin.user_id;
  soci::indicator created_by_ind = admin.user_id == 0 ? soci::i_null : soci::i_ok;
  long long now = issued.key.created_at;
  long long id = 0;
  *lease << "INSERT INTO api_keys (key_id, signing_key, name, division_code, department_id, "
            "item_types, scopes, created_by, created_at) VALUES (:k, :s, :n, :d, :dep, :t, :sc, "
            ":by, :at) RETURNING id",
      soci::use(issued.key.key_id), soci::use(signing_key), soci::use(request.name),
      soci::use(request.division_code), soci::use(department_id, dept_ind), soci::use(types),
      soci::use(scopes), soci::use(created_by, created_by_ind), soci::use(now), soci::into(id);
  issued.key.id = id;
  ledger.Append(*lease, ledger::Actor{"user:" + admin.name, address},
                ledger::Entry{.action = "api_key.create",
                              .object_type = "api_key",
                              .object_id = issued.key.key_id,
                              .division_code = request.division_code,
                              .detail = {{"name", request.name},
                                         {"item_types", types},
                                         {"scopes", scopes}}});
  tx.Commit();
  return issued;
}

Result<void> RevokeApiKey(store::Database& db, ledger::Ledger& ledger, const Principal& admin,
                          const std::string& address, int64_t id, const Clock& clock) {
  auto keys = ListApiKeys(db, admin.division_code);
  auto it = std::find_if(keys.begin(), keys.end(), [&](const ApiKey& k) { return k.id == id; });
  if (it == keys.end()) return Error::NotFound(fmt::format("API key {} not found", id));
  if (it->revoked_at != 0) return Error::Conflict("the API key is already revoked");

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  long long key = id;
  long long now = clock.NowSeconds();
  *lease << "UPDATE api_keys SET revoked_at = :t WHERE id = :id", soci::use(now), soci::use(key);
  ledger.Append(*lease, ledger::Actor{"user:" + admin.name, address},
                ledger::Entry{.action = "api_key.revoke",
                              .object_type = "api_key",
                              .object_id = it->key_id,
                              .division_code = it->division_code});
  tx.Commit();
  return {};
}

std::vector<ApiKey> ListApiKeys(store::Database& db, const std::string& scope) {
  auto lease = db.Acquire();
  std::string pattern = scope + "%";
  std::vector<ApiKey> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT id, key_id, name, division_code, department_id, item_types, "
                         "created_at, revoked_at, last_used_at, scopes FROM api_keys "
                         "WHERE division_code LIKE :p ORDER BY id",
       soci::use(pattern));
  for (const soci::row& r : rows) {
    ApiKey k;
    k.id = store::Int64(r, 0);
    k.key_id = store::Text(r, 1);
    k.name = store::Text(r, 2);
    k.division_code = store::Text(r, 3);
    k.department_id = store::Int64(r, 4);
    k.item_types = ParseStringArray(store::Text(r, 5));
    k.created_at = store::Int64(r, 6);
    k.revoked_at = store::Int64(r, 7);
    k.last_used_at = store::Int64(r, 8);
    k.scopes = ParseStringArray(store::Text(r, 9));
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace mingjing::auth
