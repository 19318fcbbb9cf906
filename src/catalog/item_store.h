// Reading and changing stored service items. Every change writes a new version to the item's
// history and a ledger entry in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/service_item.h"
#include "common/clock.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::catalog {

struct ItemQuery {
  std::string division_scope;  // items whose division starts with this code; "" for all
  int64_t department_id = 0;   // 0 for every department
  std::optional<ItemType> type;
  std::string keyword;  // substring of the name or the code; "" for every item
  int page = 1;         // from 1
  int page_size = 20;   // 1 to 100
  // Only items whose review flag has this value; unset for every item.
  std::optional<bool> needs_review;
};

struct ItemPage {
  std::vector<ServiceItem> items;
  int64_t total = 0;  // items that match the query over all pages
};

// Items matching `query`, ordered by department and name.
ItemPage SearchItems(store::Database& db, const ItemQuery& query);

std::optional<ServiceItem> FindItem(store::Database& db, int64_t id);

// The item with `code`, read through an open session (import uses its own transaction).
std::optional<ServiceItem> FindItemByCode(soci::session& session, const std::string& code);

struct DepartmentItemCount {
  int64_t department_id = 0;
  std::string department_name;
  std::string division_code;
  int64_t items = 0;
};

// Departments inside `division_scope` with the number of items each has, zero included,
// ordered by name.
std::vector<DepartmentItemCount> CountItemsByDepartment(store::Database& db,
                                                        const std::string& division_scope);

// Applies `change` after validating the result (every problem is returned, each naming its
// field). `expected_version`, when not 0, must equal the stored version, so that two
// administrators editing the same item do not overwrite each other (kConflict otherwise).
Result<ServiceItem> UpdateItem(store::Database& db, ledger::Ledger& ledger,
                               const ledger::Actor& actor, int64_t id, const ItemChange& change,
                               int expected_version, const Clock& clock,
                               std::vector<Error>* field_errors = nullptr);

struct ItemVersion {
  int version = 0;
  boost::json::object snapshot;  // ItemToJson of the item as it was
  std::string changed_by;
  int64_t changed_at = 0;
  std::string reason;  // "import" or "update"
};

// Every version of an item, oldest first.
std::vector<ItemVersion> ItemHistory(store::Database& db, int64_t id);

// Writes `item` as a new row (item.id is set) or, when item.id is set, over its row, and adds
// its version to the history. Runs inside the caller's write transaction.
void SaveItemVersion(soci::session& session, ServiceItem& item, const ledger::Actor& actor,
                     const std::string& reason);

}  // namespace mingjing::catalog
