#include "org/role.h"

#include <algorithm>
#include <array>

namespace mingjing::org {
namespace {

struct RoleNameEntry {
  Role role;
  std::string_view name;
};

constexpr std::array<RoleNameEntry, 6> kRoleNames = {{
    {Role::kPlatformAdmin, "platform_admin"},
    {Role::kSecurityAdmin, "security_admin"},
    {Role::kAuditAdmin, "audit_admin"},
    {Role::kSupervisor, "supervisor"},
    {Role::kDepartmentHead, "department_head"},
    {Role::kDepartmentStaff, "department_staff"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& entry : kRoleNames) {
    if (entry.role == role) return entry.name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& entry : kRoleNames) {
    if (entry.name == name) return entry.role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const auto& entry : kRoleNames) out.push_back(entry.role);
    return out;
  }();
  return roles;
}

bool IsAdministrator(Role role) {
  return role == Role::kPlatformAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

bool RequiresSecondFactor(Role role) { return IsAdministrator(role) || role == Role::kSupervisor; }

Result<void> ValidateRoleSet(const std::vector<Role>& roles, bool has_department) {
  if (roles.empty()) return Error::InvalidField("roles", "give the account at least one role");

  std::vector<Role> sorted = roles;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    return Error::InvalidField("roles", "a role is listed twice: list each role once");
  }

  bool has_admin = std::any_of(roles.begin(), roles.end(), IsAdministrator);
  if (has_admin && roles.size() > 1) {
    return Error::InvalidField(
        "roles",
        "platform, security and audit administrators must be separate accounts with no other "
        "role: create one account per role");
  }

  bool needs_department = std::any_of(roles.begin(), roles.end(), [](Role r) {
    return r == Role::kDepartmentHead || r == Role::kDepartmentStaff;
  });
  if (needs_department && !has_department) {
    return Error::InvalidField("department_id",
                               "department heads and staff must belong to a department");
  }
  return {};
}

}  // namespace mingjing::org
