#include "demo/seed.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/api_key.h"
#include "calendar/calendar_loader.h"
#include "calendar/calendar_store.h"
#include "catalog/item_import.h"
#include "catalog/item_store.h"
#include "catalog/service_item.h"
#include "crypto/random.h"
#include "org/department.h"
#include "org/division.h"
#include "org/user.h"

namespace mingjing::demo {
namespace {

using org::Role;

constexpr const char* kCity = "5116";
constexpr const char* kDistrict = "511602";   // 广安区
constexpr const char* kNeighbour = "511621";  // 岳池县

// Departments of Yuechi County, so that region checks have a neighbour to keep out.
const std::vector<std::string> kNeighbourDepartments = {"岳池县行政审批局", "岳池县民政局",
                                                        "岳池县市场监督管理局"};

struct AccountSpec {
  const char* username;
  const char* display_name;
  Role role;
  const char* division;
  const char* department;  // name within the division, or ""
};

const std::vector<AccountSpec> kAccounts = {
    {"platform.admin", "市政务服务管理局 系统管理员", Role::kPlatformAdmin, kCity, ""},
    {"security.admin", "市政务服务管理局 安全管理员", Role::kSecurityAdmin, kCity, ""},
    {"audit.admin", "市政务服务管理局 审计管理员", Role::kAuditAdmin, kCity, ""},
    {"city.supervisor", "市纪委监委 监察员", Role::kSupervisor, kCity, ""},
    {"guangan.supervisor", "广安区纪委监委 监察员", Role::kSupervisor, kDistrict, ""},
    {"yuechi.supervisor", "岳池县纪委监委 监察员", Role::kSupervisor, kNeighbour, ""},
    {"minzheng.head", "区民政局 负责人", Role::kDepartmentHead, kDistrict, "区民政局"},
    {"minzheng.staff", "区民政局 工作人员", Role::kDepartmentStaff, kDistrict, "区民政局"},
    {"shenpi.staff", "区行政审批局 工作人员", Role::kDepartmentStaff, kDistrict, "区行政审批局"},
    {"caizheng.staff", "区财政局 工作人员", Role::kDepartmentStaff, kDistrict, "区财政局"},
    {"yuechi.staff", "岳池县行政审批局 工作人员", Role::kDepartmentStaff, kNeighbour,
     "岳池县行政审批局"},
};

// The demo business system's key lists every item type by its catalogue code, so that the
// simulator may send cases of any item in the district's catalogue.
std::vector<std::string> DemoItemTypes() {
  std::vector<std::string> types;
  for (auto type : {catalog::ItemType::kLicensing, catalog::ItemType::kPenalty,
                    catalog::ItemType::kConfirmation, catalog::ItemType::kPayment,
                    catalog::ItemType::kPublicService, catalog::ItemType::kOther}) {
    types.emplace_back(catalog::ItemTypeName(type));
  }
  return types;
}

// Demo items that charge a fee, with the fee's standard in fen and its basis. The catalogue
// publishes no fees, so these carry the national fee standard for identity cards (居民身份证工本费)
// as local public security offices publish it. A first card or a renewal costs 20 yuan, replacing
// a lost or damaged card 40 yuan, and a temporary card 10 yuan. The demo uses the 20-yuan case.
// NOTE: check the standard against the province's current fee list before using it beyond the
// demo.
struct DemoFee {
  const char* item_code;
  int64_t amount_fen;
};

constexpr const char* kIdentityCardFeeBasis =
    "《中华人民共和国居民身份证法》第二十条：申领、换领、补领居民身份证应当缴纳证件工本费。"
    "收费标准：申领、换领每证20元，丢失补领、损坏换领每证40元，临时居民身份证每证10元。";

const DemoFee kDemoFees[] = {
    // 居民身份证办理（包括临时）
    {"513A0011200068-511602000000-000-1151130000877869M-1-00", 2000},
    // 居民身份证省内异地办理
    {"513A0011200077-511602000000-000-1151130000877869M-1-00", 2000},
    // 居民身份证跨省异地办理
    {"513A0011200078-511602000000-000-1151130000877869M-1-00", 2000},
};

Result<boost::json::array> ReadDepartmentList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::InvalidField("data_dir", "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto value = boost::json::parse(text.str(), ec);
  if (ec || !value.is_object() || !value.as_object().contains("departments")) {
    return Error{ErrorCode::kMalformed, path + " is not a department list", {}};
  }
  return value.as_object().at("departments").as_array();
}

// Creates a department unless it exists; returns its id.
Result<int64_t> EnsureDepartment(store::Database& db, ledger::Ledger& ledger,
                                 const ledger::Actor& actor, const Clock& clock,
                                 const std::string& division, const std::string& name,
                                 const std::string& code) {
  if (auto existing = org::FindDepartmentByName(db, division, name)) return existing->id;
  auto created = org::CreateDepartment(db, ledger, actor, {0, division, code, name}, clock);
  if (!created) return created.error();
  return created->id;
}

// The district's service items and the holiday schedules. Both imports are idempotent.
Result<void> SeedCatalogAndCalendar(store::Database& db, ledger::Ledger& ledger,
                                    const ledger::Actor& actor, const Clock& clock,
                                    const DemoSeedOptions& options, DemoSeedResult& result) {
  auto items = catalog::LoadItemFile(std::filesystem::path(options.data_dir) /
                                     "guangan-district-items.json");
  if (!items) return items.error();
  auto imported = catalog::ImportItems(db, ledger, actor, *items, kDistrict, clock);
  if (!imported) return imported.error();
  result.service_items = imported->items;

  std::filesystem::path calendar_dir(options.calendar_dir);
  if (calendar_dir.empty()) {
    std::filesystem::path data = std::filesystem::path(options.data_dir).lexically_normal();
    if (data.filename().empty()) data = data.parent_path();  // "data/demo/"
    calendar_dir = data.parent_path() / "calendar";
  }
  auto schedules = calendar::LoadScheduleFolder(calendar_dir);
  if (!schedules) return schedules.error();
  auto stored = calendar::StoreSchedules(db, ledger, actor, *schedules, clock);
  if (!stored) return stored.error();
  result.calendar_years = int64_t(stored->years.size());
  return {};
}

// Gives the kDemoFees items their standard fee, so that fees above it can be judged. An item
// missing from the catalogue file is skipped.
Result<void> SeedDemoFees(store::Database& db, ledger::Ledger& ledger, const ledger::Actor& actor,
                          const Clock& clock) {
  for (const DemoFee& demo : kDemoFees) {
    std::optional<catalog::ServiceItem> item;
    {
      auto lease = db.Acquire();
      item = catalog::FindItemByCode(*lease, demo.item_code);
    }
    if (!item) continue;
    catalog::ItemChange change;
    change.fee = catalog::Fee{false, demo.amount_fen, kIdentityCardFeeBasis};
    auto updated = catalog::UpdateItem(db, ledger, actor, item->id, change, 0, clock);
    if (!updated) return updated.error();
  }
  return {};
}

}  // namespace

Result<DemoSeedResult> SeedDemo(store::Database& db, ledger::Ledger& ledger, const Clock& clock,
                                const DemoSeedOptions& options) {
  DemoSeedResult result;
  const ledger::Actor actor{"platform:demo-seed", ""};
  for (const auto& spec : kAccounts) {
    result.accounts.push_back({spec.username, spec.display_name,
                               std::string(org::RoleName(spec.role)), spec.division,
                               spec.department});
  }
  if (org::FindUserByName(db, kAccounts.front().username)) {
    result.already_seeded = true;
    return result;
  }

  auto divisions = org::ImportDivisions(
      db, ledger, actor, (std::filesystem::path(options.data_dir) / "divisions").string());
  if (!divisions) return divisions.error();

  auto list = ReadDepartmentList(
      (std::filesystem::path(options.data_dir) / "guangan-district-departments.json").string());
  if (!list) return list.error();
  for (const auto& d : *list) {
    const auto& obj = d.as_object();
    auto id = EnsureDepartment(db, ledger, actor, clock, kDistrict,
                               std::string(obj.at("name").as_string()),
                               std::string(obj.at("code").as_string()));
    if (!id) return id.error();
    ++result.departments;
  }
  for (const auto& name : kNeighbourDepartments) {
    auto id = EnsureDepartment(db, ledger, actor, clock, kNeighbour, name, "");
    if (!id) return id.error();
    ++result.departments;
  }
  if (auto seeded = SeedCatalogAndCalendar(db, ledger, actor, clock, options, result); !seeded) {
    return seeded.error();
  }
  if (auto fees = SeedDemoFees(db, ledger, actor, clock); !fees) return fees.error();

  result.password =
      options.password.empty() ? "Mj-" + crypto::RandomTokenBase64Url(16) : options.password;
  for (const auto& spec : kAccounts) {
    int64_t department_id = 0;
    if (*spec.department != '\0') {
      auto d = org::FindDepartmentByName(db, spec.division, spec.department);
      if (!d) return Error::Internal(fmt::format("demo department {} is missing", spec.department));
      department_id = d->id;
    }
    org::NewUser user{spec.username, spec.display_name, spec.division,
                      department_id, "13800138000",     "",
                      {spec.role},   result.password};
    auto created = org::CreateUser(db, ledger, actor, user, clock, options.hash_cost);
    if (!created) return created.error();
  }

  auth::Principal seeder;
  seeder.name = "demo-seed";
  seeder.division_code = kCity;
  // The demo system pushes procurement data too, so its key has the procurement scope.
  auto key = auth::CreateApiKey(db, ledger, seeder, "",
                                {"广安区网上审批系统（演示）", kDistrict, 0, DemoItemTypes(),
                                 {std::string(auth::kProcurementScope)}},
                                clock);
  if (!key) return key.error();
  result.api_key_id = key->key.key_id;
  result.api_key_secret = key->secret;
  return result;
}

}  // namespace mingjing::demo
