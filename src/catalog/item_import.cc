#include "catalog/item_import.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url.hpp>
#include <fstream>
#include <sstream>

#include "catalog/item_store.h"
#include "org/department.h"
#include "store/transaction.h"

namespace mingjing::catalog {
namespace {

using calendar::TimeLimit;

constexpr std::string_view kUnclassified = "未分类";

// The query parameters of an item link that the import uses.
struct LinkParams {
  std::string item_code;
  std::string task_type;
  std::string dept_code;
};

Result<LinkParams> ParseLink(std::string_view link, const std::string& field) {
  auto url = boost::urls::parse_uri_reference(link);
  if (!url) return Error::InvalidField(field, fmt::format("'{}' is not a URL", link));
  LinkParams out;
  for (auto param : url->params()) {
    if (param.key == "itemCode") out.item_code = param.value;
    if (param.key == "taskType") out.task_type = param.value;
    if (param.key == "deptCode") out.dept_code = param.value;
  }
  if (out.item_code.empty()) {
    return Error::InvalidField(field, fmt::format("the link '{}' has no itemCode", link));
  }
  return out;
}

const boost::json::array* ArrayMember(const boost::json::value& value, std::string_view key) {
  if (!value.is_object()) return nullptr;
  const auto* member = value.as_object().if_contains(key);
  return member != nullptr && member->is_array() ? &member->as_array() : nullptr;
}

std::string StringMember(const boost::json::value& value, std::string_view key) {
  if (!value.is_object()) return {};
  const auto* member = value.as_object().if_contains(key);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : "";
}

Result<void> ParseGroup(const boost::json::value& group, const std::string& path,
                        SourceDepartment& department) {
  const auto* sub_items = ArrayMember(group, "sub_items");
  if (sub_items == nullptr) {
    return Error::InvalidField(path + ".sub_items", "sub_items must be an array");
  }
  std::string group_name = StringMember(group, "main_item");
  if (group_name == kUnclassified) group_name.clear();

  for (size_t k = 0; k < sub_items->size(); ++k) {
    std::string item_path = fmt::format("{}.sub_items[{}]", path, k);
    std::string name = StringMember((*sub_items)[k], "name");
    if (name.empty()) return Error::InvalidField(item_path + ".name", "the item has no name");
    auto link = ParseLink(StringMember((*sub_items)[k], "link"), item_path + ".link");
    if (!link) return link.error();
    if (department.code.empty()) department.code = link->dept_code;
    department.items.push_back({name, link->item_code, link->task_type, group_name});
  }
  return {};
}

// A working-day or calendar-day limit split over the four steps: one day each to accept,
// decide and close, and the rest for review.
std::vector<Step> StepsWithin(const TimeLimit& promised) {
  if (promised.unit == calendar::LimitUnit::kImmediate) {
    return {{"受理", TimeLimit::Immediate()}, {"办结", TimeLimit::Immediate()}};
  }
  TimeLimit one{promised.unit, 1};
  TimeLimit review{promised.unit, std::max(1, promised.amount - 3)};
  return {{"受理", one}, {"审查", review}, {"决定", one}, {"办结", one}};
}

// Whether the fields the import owns differ between the stored item and the source.
bool SourceFieldsDiffer(const ServiceItem& stored, const ServiceItem& imported) {
  return stored.name != imported.name || stored.department_id != imported.department_id ||
         stored.division_code != imported.division_code || stored.type != imported.type ||
         stored.task_type != imported.task_type || stored.group_name != imported.group_name;
}

}  // namespace

Result<std::vector<SourceDepartment>> ParseItemFile(std::string_view json_text) {
  boost::system::error_code ec;
  boost::json::value document = boost::json::parse(json_text, ec);
  if (ec) return Error{ErrorCode::kMalformed, "invalid JSON: " + ec.message(), {}};
  if (!document.is_array()) {
    return Error{ErrorCode::kMalformed, "the item file must be a JSON array of departments", {}};
  }

  std::vector<SourceDepartment> out;
  const auto& departments = document.as_array();
  for (size_t i = 0; i < departments.size(); ++i) {
    std::string path = fmt::format("[{}]", i);
    SourceDepartment department;
    department.name = StringMember(departments[i], "department");
    if (department.name.empty()) {
      return Error::InvalidField(path + ".department", "the department has no name");
    }
    const auto* groups = ArrayMember(departments[i], "items");
    if (groups == nullptr) return Error::InvalidField(path + ".items", "items must be an array");
    for (size_t j = 0; j < groups->size(); ++j) {
      auto parsed = ParseGroup((*groups)[j], fmt::format("{}.items[{}]", path, j), department);
      if (!parsed) return parsed.error();
    }
    out.push_back(std::move(department));
  }
  return out;
}

Result<std::vector<SourceDepartment>> LoadItemFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::InvalidField("file", "cannot read " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseItemFile(text.str());
  if (!parsed) {
    Error e = parsed.error();
    e.message = file.string() + ": " + e.message;
    return e;
  }
  return parsed;
}

// NOTE: The source publishes no time limits, so these defaults stand in until an administrator
// enters the item's own limits (the import sets needs_review). They are:
// - licensing: 20 working days statutory, the decision limit of the Administrative Licensing
//   Law art. 42, counted in working days by art. 82; 10 promised, half of it, as a placeholder.
// - penalty: 90 calendar days, the Administrative Penalty Law (2021) art. 60 limit from filing
//   to decision, promised the same, since a penalty case has no promise to the applicant.
// - public service: immediate, as most are consultations and queries answered on the spot.
// - confirmation, payment and other powers: no general statutory limit exists, so they take the
//   licensing defaults, the most common limit in the catalogue.
ItemDefaults DefaultsFor(ItemType type) {
  ItemDefaults d;
  switch (type) {
    case ItemType::kPublicService:
      d.statutory_limit = TimeLimit::Immediate();
      d.promised_limit = TimeLimit::Immediate();
      break;
    case ItemType::kPenalty:
      d.statutory_limit = TimeLimit::CalendarDays(90);
      d.promised_limit = TimeLimit::CalendarDays(90);
      break;
    default:
      d.statutory_limit = TimeLimit::WorkingDays(20);
      d.promised_limit = TimeLimit::WorkingDays(10);
      break;
  }
  d.steps = StepsWithin(d.promised_limit);
  return d;
}

Result<ItemImportSummary> ImportItems(store::Database& db, ledger::Ledger& ledger,
                                      const ledger::Actor& actor,
                                      const std::vector<SourceDepartment>& departments,
                                      const std::string& division_code, const Clock& clock,
                                      const ItemImportProgress& progress) {
  ItemImportSummary summary;

  // Departments first: CreateDepartment takes its own lease, which must not nest in ours.
  std::vector<int64_t> department_ids;
  for (const auto& source : departments) {
    auto found = org::FindDepartmentByName(db, division_code, source.name);
    if (!found) {
      auto created = org::CreateDepartment(db, ledger, actor,
                                           {0, division_code, source.code, source.name}, clock);
      if (!created) return created.error();
      found = *created;
      ++summary.departments_created;
    }
    department_ids.push_back(found->id);
  }

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  int64_t now = clock.NowSeconds();
  for (size_t i = 0; i < departments.size(); ++i) {
    for (const SourceItem& source : departments[i].items) {
      ServiceItem imported;
      imported.code = source.code;
      imported.name = source.name;
      imported.department_id = department_ids[i];
      imported.division_code = division_code;
      imported.type = ItemTypeOfTaskType(source.task_type);
      imported.task_type = source.task_type;
      imported.group_name = source.group_name;
      ++summary.items;

      auto stored = FindItemByCode(*lease, source.code);
      if (!stored) {
        ItemDefaults defaults = DefaultsFor(imported.type);
        imported.statutory_limit = defaults.statutory_limit;
        imported.promised_limit = defaults.promised_limit;
        imported.steps = defaults.steps;
        imported.needs_review = true;
        imported.created_at = now;
        imported.updated_at = now;
        SaveItemVersion(*lease, imported, actor, "import");
        ++summary.created;
        continue;
      }
      if (!SourceFieldsDiffer(*stored, imported)) {
        ++summary.unchanged;
        continue;
      }
      ServiceItem changed = *stored;
      changed.name = imported.name;
      changed.department_id = imported.department_id;
      changed.division_code = imported.division_code;
      changed.type = imported.type;
      changed.task_type = imported.task_type;
      changed.group_name = imported.group_name;
      changed.version = stored->version + 1;
      changed.updated_at = now;
      SaveItemVersion(*lease, changed, actor, "import");
      ++summary.changed;
    }
    ++summary.departments;
    if (progress) progress(departments[i].name, int64_t(departments[i].items.size()));
  }

  ledger.Append(*lease, actor,
                ledger::Entry{.action = "service_item.import",
                              .object_type = "division",
                              .object_id = division_code,
                              .division_code = division_code,
                              .detail = {{"departments", summary.departments},
                                         {"departments_created", summary.departments_created},
                                         {"items", summary.items},
                                         {"created", summary.created},
                                         {"changed", summary.changed},
                                         {"unchanged", summary.unchanged}}});
  tx.Commit();
  spdlog::info("service items imported: division={} items={} created={} changed={}", division_code,
               summary.items, summary.created, summary.changed);
  return summary;
}

}  // namespace mingjing::catalog
