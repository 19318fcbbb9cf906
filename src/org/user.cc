#include "org/user.h"

#include <fmt/format.h>

#include "common/text.h"
#include "crypto/password.h"
#include "org/department.h"
#include "org/division.h"
#include "org/division_code.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::org {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, division_code, department_id, phone, email, "
    "totp_enabled, disabled, locked_until, password_changed_at, created_at FROM users";

std::vector<Role> LoadRoles(soci::session& s, int64_t user_id) {
  std::vector<Role> roles;
  long long id = user_id;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role", soci::use(id));
  for (const soci::row& r : rows) {
    if (auto role = ParseRole(store::Text(r, 0))) roles.push_back(*role);
  }
  return roles;
}

User UserFromRow(soci::session& s, const soci::row& r) {
  User u;
  u.id = store::Int64(r, 0);
  u.username = store::Text(r, 1);
  u.display_name = store::Text(r, 2);
  u.division_code = store::Text(r, 3);
  u.department_id = store::Int64(r, 4);
  u.phone = store::Text(r, 5);
  u.email = store::Text(r, 6);
  u.totp_enabled = store::Int64(r, 7) != 0;
  u.disabled = store::Int64(r, 8) != 0;
  u.locked_until = store::Int64(r, 9);
  u.password_changed_at = store::Int64(r, 10);
  u.created_at = store::Int64(r, 11);
  u.roles = LoadRoles(s, u.id);
  return u;
}

std::optional<User> FindOne(store::Database& db, const std::string& where, const std::string& key) {
  auto lease = db.Acquire();
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kUserColumns) + " WHERE " + where, soci::use(key));
  for (const soci::row& r : rows) return UserFromRow(*lease, r);
  return std::nullopt;
}

Result<void> ValidateContact(const NewUser& user) {
  if (HasControlCharacters(user.display_name)) {
    return Error::InvalidField("display_name",
                               "display_name may not contain control or direction characters");
  }
  if (user.display_name.empty() || user.display_name.size() > 100) {
    return Error::InvalidField("display_name", "display_name must have 1 to 100 bytes");
  }
  if (!user.phone.empty()) {
    bool digits = user.phone.size() >= 5 && user.phone.size() <= 20;
    for (char c : user.phone) digits = digits && ((c >= '0' && c <= '9') || c == '+' || c == '-');
    if (!digits) {
      return Error::InvalidField("phone", "phone must be 5 to 20 digits, e.g. 13800138000");
    }
  }
  auto at = user.email.find('@');
  if (!user.email.empty() && (at == std::string::npos || at == 0 || at + 1 == user.email.size() ||
                              user.email.size() > 254 || HasControlCharacters(user.email))) {
    return Error::InvalidField("email", "email must look like name@example.gov.cn");
  }
  return {};
}

// Checks the division and that the department, when given, lies inside it.
Result<void> ValidatePlacement(store::Database& db, const NewUser& user) {
  if (auto v = ValidateDivisionCode(user.division_code); !v) return v.error();
  if (!FindDivision(db, user.division_code)) {
    return Error::InvalidField("division_code",
                               fmt::format("division {} does not exist", user.division_code));
  }
  if (user.department_id == 0) return {};
  auto department = FindDepartment(db, user.department_id);
  if (!department) {
    return Error::InvalidField("department_id",
                               fmt::format("department {} does not exist", user.department_id));
  }
  // A department's people act for exactly its division: an account placed higher would see
  // neighbouring regions that its department has nothing to do with.
  if (user.division_code != department->division_code) {
    return Error::InvalidField("division_code",
                               fmt::format("a member of department {} must have its division {}",
                                           department->name, department->division_code));
  }
  return {};
}

}  // namespace

Result<void> ValidateUsername(const std::string& username) {
  bool ok = username.size() >= 3 && username.size() <= 32;
  for (char c : username) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (!ok) {
    return Error::InvalidField("username",
                               "username must be 3 to 32 characters of a-z, 0-9, '.', '_' or '-'");
  }
  return {};
}

Result<User> CreateUser(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                        const NewUser& user, const Clock& clock, crypto::PasswordHashCost cost) {
  if (auto v = ValidateUsername(user.username); !v) return v.error();
  if (auto v = ValidateContact(user); !v) return v.error();
  if (auto v = ValidateRoleSet(user.roles, user.department_id != 0); !v) return v.error();
  if (auto v = ValidatePlacement(db, user); !v) return v.error();
  if (auto v = crypto::CheckPasswordPolicy(user.password, user.username); !v) return v.error();
  auto hash = crypto::HashPassword(user.password, cost);
  if (!hash) return hash.error();

  long long id = 0;
  {
    auto lease = db.Acquire();
    store::WriteTransaction tx(lease);
    long long now = clock.NowSeconds();
    long long department_id = user.department_id;
    soci::indicator department_ind = user.department_id == 0 ? soci::i_null : soci::i_ok;
    try {
      *lease << "INSERT INTO users (username, display_name, division_code, department_id, phone, "
                "email, password_hash, password_changed_at, created_at, updated_at) "
                "VALUES (:u, :d, :dc, :dep, :p, :e, :h, :t, :t2, :t3) RETURNING id",
          soci::use(user.username), soci::use(user.display_name), soci::use(user.division_code),
          soci::use(department_id, department_ind), soci::use(user.phone), soci::use(user.email),
          soci::use(*hash), soci::use(now), soci::use(now), soci::use(now), soci::into(id);
    } catch (const soci::soci_error& e) {
      if (store::IsUniqueViolation(e)) {
        return Error{ErrorCode::kConflict,
                     fmt::format("username {} is taken: choose another", user.username),
                     "username"};
      }
      throw;
    }

    boost::json::array role_names;
    for (Role role : user.roles) {
      std::string name(RoleName(role));
      *lease << "INSERT INTO user_roles (user_id, role) VALUES (:u, :r)", soci::use(id),
          soci::use(name);
      role_names.emplace_back(name);
    }
    ledger.Append(*lease, actor,
                  ledger::Entry{.action = "user.create",
                                .object_type = "user",
                                .object_id = std::to_string(id),
                                .division_code = user.division_code,
                                .detail = {{"username", user.username},
                                           {"roles", role_names},
                                           {"department_id", user.department_id}}});
    tx.Commit();
  }
  return *FindUser(db, id);
}

std::optional<User> FindUser(store::Database& db, int64_t id) {
  return FindOne(db, "id = CAST(:k AS BIGINT)", std::to_string(id));
}

std::optional<User> FindUserByName(store::Database& db, const std::string& username) {
  return FindOne(db, "username = :k", username);
}

std::vector<User> ListUsers(store::Database& db, const std::string& scope) {
  auto lease = db.Acquire();
  std::string pattern = scope + "%";
  std::vector<User> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kUserColumns) +
                             " WHERE division_code LIKE :p ORDER BY username",
       soci::use(pattern));
  for (const soci::row& r : rows) out.push_back(UserFromRow(*lease, r));
  return out;
}

std::optional<std::string> PasswordHash(store::Database& db, int64_t user_id) {
  auto lease = db.Acquire();
  std::string hash;
  long long id = user_id;
  *lease << "SELECT password_hash FROM users WHERE id = :id", soci::into(hash), soci::use(id);
  if (!lease->got_data()) return std::nullopt;
  return hash;
}

}  // namespace mingjing::org
