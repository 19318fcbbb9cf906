// The authenticated caller of one request: a person with a session or a business system with an
// API key. Set by the HTTP middleware, read by every handler for role and region checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mingjing::auth {

// Roles of the platform. The three administrators are separate accounts (MLPS 2.0 level 3,
// GB/T 22239-2019 §8.1.4.2 separation of duties): none of them may hold another of the three.
enum class Role {
  kPlatformAdmin,    // 系统管理员: organisation, users, catalogue, calendar, rules
  kSecurityAdmin,    // 安全管理员: API keys, TOTP resets, lockouts, security settings
  kAuditAdmin,       // 审计管理员: reads the ledger and audit trail, changes nothing
  kSupervisor,       // 监察员: watches and handles alerts in their division subtree
  kDepartmentHead,   // 部门负责人
  kDepartmentStaff,  // 部门工作人员
};

struct Principal {
  enum class Kind { kUser, kBusinessSystem };

  Kind kind = Kind::kUser;
  int64_t user_id = 0;           // users.id, or 0 for a business system
  int64_t api_key_id = 0;        // api_keys.id, or 0 for a user
  std::string name;              // login name or the business system's name
  std::vector<Role> roles;
  std::string division_code;     // GB/T 2260 code (6 digits) or township code (9 digits)
  int64_t department_id = 0;     // 0 when the principal belongs to no department
  std::string session_id_hash;   // hex hash of the session token, empty for API keys
  std::string csrf_token;        // expected X-CSRF-Token for state-changing requests

  bool HasRole(Role r) const {
    for (Role x : roles)
      if (x == r) return true;
    return false;
  }
};

}  // namespace mingjing::auth
