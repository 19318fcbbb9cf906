// Roles of the platform and the rules for holding them together.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mingjing::org {

// The three administrators are separate accounts (MLPS 2.0 level 3, GB/T 22239-2019 §8.1.4.2,
// separation of duties): an account holding one of them may hold no other role.
enum class Role {
  kPlatformAdmin,    // 系统管理员: organisation, users, catalogue, calendar, rules
  kSecurityAdmin,    // 安全管理员: API keys, TOTP resets, unlocking accounts
  kAuditAdmin,       // 审计管理员: reads the ledger and the audit trail, changes nothing
  kSupervisor,       // 监察员: watches and handles alerts in their division subtree
  kDepartmentHead,   // 部门负责人
  kDepartmentStaff,  // 部门工作人员
};

// Stable names used in the database and the API, e.g. "platform_admin".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

bool IsAdministrator(Role role);

// True for roles that must pass a second factor (TOTP) before their session is usable.
bool RequiresSecondFactor(Role role);

// Checks a role set for one account: not empty, no duplicates, an administrator role alone,
// department roles only with a department.
Result<void> ValidateRoleSet(const std::vector<Role>& roles, bool has_department);

}  // namespace mingjing::org
