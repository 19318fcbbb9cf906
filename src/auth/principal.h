// The authenticated caller of one request: a person with a session or a business system with an
// API key. Set by the HTTP middleware, read by every handler for role and region checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "org/role.h"

namespace mingjing::auth {

using org::Role;

struct Principal {
  enum class Kind { kUser, kBusinessSystem };

  Kind kind = Kind::kUser;
  int64_t user_id = 0;     // users.id, or 0 for a business system
  int64_t api_key_id = 0;  // api_keys.id, or 0 for a user
  std::string name;        // login name or the business system's name
  std::vector<Role> roles;
  std::string division_code;            // GB/T 2260 code (6 digits) or township code (9 digits)
  int64_t department_id = 0;            // 0 when the principal belongs to no department
  std::string session_id_hash;          // hex hash of the session token, empty for API keys
  std::string csrf_token;               // expected X-CSRF-Token for state-changing requests
  bool second_factor_required = false;  // a role of the user demands TOTP
  bool second_factor_done = false;      // the session passed TOTP (or needs none)
  bool totp_enrolled = false;
  std::vector<std::string> item_types;  // a business system's allowed item types; empty: all
  std::vector<std::string> scopes;      // a business system's scopes beyond case events

  bool HasRole(Role r) const {
    for (Role x : roles)
      if (x == r) return true;
    return false;
  }

  bool HasScope(std::string_view scope) const {
    for (const std::string& s : scopes)
      if (s == scope) return true;
    return false;
  }
};

}  // namespace mingjing::auth
