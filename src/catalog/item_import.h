// Import of a district's service-item catalogue from the JSON export of the provincial portal:
// [{"department": "区民政局", "items": [{"main_item": "…", "sub_items": [{"name": "…",
//   "link": "http://…?areaCode=…&itemCode=…&taskType=1&deptCode=…"}]}]}].
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "catalog/service_item.h"
#include "common/clock.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::catalog {

struct SourceItem {
  std::string name;
  std::string code;        // itemCode of the link
  std::string task_type;   // taskType of the link
  std::string group_name;  // main_item, "" when it is "未分类" (unclassified)
};

struct SourceDepartment {
  std::string name;
  std::string code;  // deptCode of its first item's link, "" when none
  std::vector<SourceItem> items;
};

// Parses the export. Errors name the JSON path of the bad value, e.g.
// "[3].items[0].sub_items[2].link".
Result<std::vector<SourceDepartment>> ParseItemFile(std::string_view json_text);
Result<std::vector<SourceDepartment>> LoadItemFile(const std::filesystem::path& file);

// The limits and steps an item gets, by type, when the source states none. Items start free.
struct ItemDefaults {
  calendar::TimeLimit statutory_limit;
  calendar::TimeLimit promised_limit;
  std::vector<Step> steps;
};
ItemDefaults DefaultsFor(ItemType type);

struct ItemImportSummary {
  int64_t departments = 0;          // departments in the file
  int64_t departments_created = 0;  // of which were not yet stored
  int64_t items = 0;                // items in the file
  int64_t created = 0;
  int64_t changed = 0;  // stored items whose name, department, type or group changed
  int64_t unchanged = 0;
};

// Called after each department with its name and the number of its items.
using ItemImportProgress = std::function<void(const std::string& department, int64_t items)>;

// Stores the items of `departments` under `division_code`, matching departments by name and
// creating missing ones. Items are matched by code, so a second import of the same file changes
// nothing. A new item gets DefaultsFor(its type) and needs_review. A changed item keeps the
// limits, fee and steps that administrators set and gets a new version. All items are written in
// one transaction with one ledger entry for the import.
Result<ItemImportSummary> ImportItems(store::Database& db, ledger::Ledger& ledger,
                                      const ledger::Actor& actor,
                                      const std::vector<SourceDepartment>& departments,
                                      const std::string& division_code, const Clock& clock,
                                      const ItemImportProgress& progress = {});

}  // namespace mingjing::catalog
