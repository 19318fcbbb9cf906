#include "org/department.h"

#include <fmt/format.h>

#include "common/text.h"
#include "org/division.h"
#include "org/division_code.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::org {
namespace {

Department DepartmentFromRow(const soci::row& r) {
  return Department{store::Int64(r, 0), store::Text(r, 1), store::Text(r, 2), store::Text(r, 3)};
}

constexpr const char* kDepartmentColumns = "SELECT id, division_code, code, name FROM departments";

Result<void> ValidateName(const std::string& name, const char* field, size_t max_bytes) {
  if (name.empty()) return Error::InvalidField(field, fmt::format("{} is required", field));
  if (HasControlCharacters(name)) {
    return Error::InvalidField(
        field, fmt::format("{} may not contain control or direction characters", field));
  }
  if (name.size() > max_bytes) {
    return Error::InvalidField(field, fmt::format("{} is longer than {} bytes", field, max_bytes));
  }
  return {};
}

}  // namespace

Result<Department> CreateDepartment(store::Database& db, ledger::Ledger& ledger,
                                    const ledger::Actor& actor, Department department,
                                    const Clock& clock) {
  if (auto v = ValidateDivisionCode(department.division_code); !v) return v.error();
  if (auto v = ValidateName(department.name, "name", 200); !v) return v.error();
  if (department.code.size() > 64) {
    return Error::InvalidField("code", "code is longer than 64 characters");
  }
  if (!FindDivision(db, department.division_code)) {
    return Error::InvalidField("division_code",
                               fmt::format("division {} does not exist: import divisions first",
                                           department.division_code));
  }

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  long long now = clock.NowSeconds();
  try {
    long long id = 0;
    *lease << "INSERT INTO departments (division_code, code, name, created_at) "
              "VALUES (:d, :c, :n, :t) RETURNING id",
        soci::use(department.division_code), soci::use(department.code), soci::use(department.name),
        soci::use(now), soci::into(id);
    department.id = id;
  } catch (const soci::soci_error& e) {
    if (store::IsUniqueViolation(e)) {
      return Error::Conflict(fmt::format("division {} already has a department named {}",
                                         department.division_code, department.name));
    }
    throw;
  }
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "department.create",
                              .object_type = "department",
                              .object_id = std::to_string(department.id),
                              .division_code = department.division_code,
                              .detail = {{"name", department.name}, {"code", department.code}}});
  tx.Commit();
  return department;
}

std::optional<Department> FindDepartment(store::Database& db, int64_t id) {
  auto lease = db.Acquire();
  long long key = id;
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kDepartmentColumns) + " WHERE id = :id", soci::use(key));
  for (const soci::row& r : rows) return DepartmentFromRow(r);
  return std::nullopt;
}

std::optional<Department> FindDepartmentByName(store::Database& db,
                                               const std::string& division_code,
                                               const std::string& name) {
  auto lease = db.Acquire();
  soci::rowset<soci::row> rows = (lease->prepare << std::string(kDepartmentColumns) +
                                                        " WHERE division_code = :d AND name = :n",
                                  soci::use(division_code), soci::use(name));
  for (const soci::row& r : rows) return DepartmentFromRow(r);
  return std::nullopt;
}

std::vector<Department> ListDepartments(store::Database& db, const std::string& scope) {
  auto lease = db.Acquire();
  std::string pattern = scope + "%";
  std::vector<Department> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << std::string(kDepartmentColumns) +
                             " WHERE division_code LIKE :p ORDER BY division_code, name",
       soci::use(pattern));
  for (const soci::row& r : rows) out.push_back(DepartmentFromRow(r));
  return out;
}

Result<ServiceWindow> CreateServiceWindow(store::Database& db, ledger::Ledger& ledger,
                                          const ledger::Actor& actor, ServiceWindow window) {
  if (auto v = ValidateName(window.name, "name", 200); !v) return v.error();
  auto department = FindDepartment(db, window.department_id);
  if (!department) {
    return Error::InvalidField("department_id",
                               fmt::format("department {} does not exist", window.department_id));
  }

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  try {
    long long id = 0;
    long long department_id = window.department_id;
    *lease << "INSERT INTO service_windows (department_id, name, address, phone) "
              "VALUES (:d, :n, :a, :p) RETURNING id",
        soci::use(department_id), soci::use(window.name), soci::use(window.address),
        soci::use(window.phone), soci::into(id);
    window.id = id;
  } catch (const soci::soci_error& e) {
    if (store::IsUniqueViolation(e)) {
      return Error::Conflict(
          fmt::format("the department already has a window named {}", window.name));
    }
    throw;
  }
  ledger.Append(
      *lease, actor,
      ledger::Entry{.action = "service_window.create",
                    .object_type = "service_window",
                    .object_id = std::to_string(window.id),
                    .division_code = department->division_code,
                    .detail = {{"name", window.name}, {"department_id", window.department_id}}});
  tx.Commit();
  return window;
}

std::vector<ServiceWindow> ListServiceWindows(store::Database& db, int64_t department_id) {
  auto lease = db.Acquire();
  long long key = department_id;
  std::vector<ServiceWindow> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT id, department_id, name, address, phone FROM service_windows "
                         "WHERE department_id = :d ORDER BY name",
       soci::use(key));
  for (const soci::row& r : rows) {
    out.push_back(ServiceWindow{store::Int64(r, 0), store::Int64(r, 1), store::Text(r, 2),
                                store::Text(r, 3), store::Text(r, 4)});
  }
  return out;
}

}  // namespace mingjing::org
