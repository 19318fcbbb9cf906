// Departments (部门) of a division and their service windows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::org {

struct Department {
  int64_t id = 0;
  std::string division_code;
  std::string code;  // the department's code in the provincial service catalogue, may be empty
  std::string name;
};

struct ServiceWindow {
  int64_t id = 0;
  int64_t department_id = 0;
  std::string name;
  std::string address;
  std::string phone;
};

// Creates a department; a second one with the same name in the same division is a kConflict.
Result<Department> CreateDepartment(store::Database& db, ledger::Ledger& ledger,
                                    const ledger::Actor& actor, Department department,
                                    const Clock& clock);

std::optional<Department> FindDepartment(store::Database& db, int64_t id);
std::optional<Department> FindDepartmentByName(store::Database& db,
                                               const std::string& division_code,
                                               const std::string& name);

// Departments whose division lies inside `scope`, ordered by division and name.
std::vector<Department> ListDepartments(store::Database& db, const std::string& scope);

Result<ServiceWindow> CreateServiceWindow(store::Database& db, ledger::Ledger& ledger,
                                          const ledger::Actor& actor, ServiceWindow window);
std::vector<ServiceWindow> ListServiceWindows(store::Database& db, int64_t department_id);

}  // namespace mingjing::org
