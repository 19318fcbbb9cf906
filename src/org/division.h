// Administrative divisions: reading, importing and walking the tree.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::org {

struct Division {
  std::string code;
  std::string name;
  int level = 0;
  std::string parent_code;  // empty for a province
};

struct DivisionImportSummary {
  int64_t provinces = 0;
  int64_t cities = 0;
  int64_t counties = 0;
  int64_t townships = 0;
  int64_t skipped = 0;  // rows outside the requested prefix
};

// Called after each file with (file name, rows done so far, total rows when known).
using ImportProgress = std::function<void(const std::string&, int64_t, int64_t)>;

// Loads provinces.csv, cities.csv, areas.csv and streets.csv from `dir` (the national list of
// the National Bureau of Statistics, columns as in its header rows) into the divisions table.
// Existing codes are updated in place, so a re-import with a newer edition renames divisions
// without breaking references. When `prefix` is not empty only that subtree (and the divisions
// above it) is kept. All rows go in one transaction with one ledger entry; a malformed row
// fails the import with its file and line and changes nothing.
Result<DivisionImportSummary> ImportDivisions(store::Database& db, ledger::Ledger& ledger,
                                              const ledger::Actor& actor, const std::string& dir,
                                              const std::string& prefix = {},
                                              const ImportProgress& progress = {});

std::optional<Division> FindDivision(store::Database& db, const std::string& code);

// Direct children of `code`, ordered by code.
std::vector<Division> ChildDivisions(store::Database& db, const std::string& code);

}  // namespace mingjing::org
