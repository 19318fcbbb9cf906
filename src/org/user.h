// User accounts of the console: staff of departments, supervisors and administrators. Login,
// sessions and second factors live in auth/; this file keeps the accounts themselves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "crypto/password.h"
#include "ledger/ledger.h"
#include "org/role.h"
#include "store/database.h"

namespace mingjing::org {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string division_code;  // the account's region: this division and those below
  int64_t department_id = 0;  // 0 when the account belongs to no department
  std::string phone;          // for SMS notices
  std::string email;
  std::vector<Role> roles;
  bool totp_enabled = false;
  bool disabled = false;
  int64_t locked_until = 0;  // seconds since the epoch; 0 when not locked
  int64_t password_changed_at = 0;
  int64_t created_at = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string division_code;
  int64_t department_id = 0;
  std::string phone;
  std::string email;
  std::vector<Role> roles;
  std::string password;  // plain text, checked against the policy and hashed with Argon2id
};

// Creates an account after validating every field; errors name the field and the fix.
// An existing username is a kConflict.
Result<User> CreateUser(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                        const NewUser& user, const Clock& clock,
                        crypto::PasswordHashCost cost = crypto::kModeratePasswordCost);

std::optional<User> FindUser(store::Database& db, int64_t id);
std::optional<User> FindUserByName(store::Database& db, const std::string& username);

// Accounts whose division lies inside `scope`, ordered by username.
std::vector<User> ListUsers(store::Database& db, const std::string& scope);

// Returns the account's stored Argon2id hash, for login.
std::optional<std::string> PasswordHash(store::Database& db, int64_t user_id);

// Checks that `username` is 3–32 characters of a-z, 0-9, '.', '_' or '-'.
Result<void> ValidateUsername(const std::string& username);

}  // namespace mingjing::org
