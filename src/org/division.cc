#include "org/division.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "common/csv.h"
#include "org/division_code.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::org {
namespace {

// One national list file and the column that contains each division's parent code.
struct DivisionFile {
  const char* name;
  int level;
  int parent_column;  // -1 for provinces
  int64_t DivisionImportSummary::*counter;
};

constexpr DivisionFile kFiles[] = {
    {"provinces.csv", 1, -1, &DivisionImportSummary::provinces},
    {"cities.csv", 2, 2, &DivisionImportSummary::cities},
    {"areas.csv", 3, 2, &DivisionImportSummary::counties},
    {"streets.csv", 4, 2, &DivisionImportSummary::townships},
};

// Keeps a division when it lies inside `prefix` or is one of the divisions above it.
bool InRequestedTree(const std::string& code, const std::string& prefix) {
  return prefix.empty() || code.starts_with(prefix) || prefix.starts_with(code);
}

void UpsertDivision(soci::session& s, const Division& d) {
  soci::indicator parent_ind = d.parent_code.empty() ? soci::i_null : soci::i_ok;
  s << "INSERT INTO divisions (code, name, level, parent_code) VALUES (:c, :n, :l, :p) "
       "ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, "
       "parent_code = excluded.parent_code",
      soci::use(d.code), soci::use(d.name), soci::use(d.level),
      soci::use(d.parent_code, parent_ind);
}

Result<Division> ParseDivisionRow(const DivisionFile& file, const std::string& path, int line_no,
                                  const std::string& line) {
  auto fields = SplitCsvLine(line);
  auto where = fmt::format("{} line {}", path, line_no);
  if (!fields) return Error{ErrorCode::kMalformed, where + ": " + fields.error().message, {}};

  size_t needed = file.parent_column < 0 ? 2 : static_cast<size_t>(file.parent_column) + 1;
  if (fields->size() < needed) {
    return Error{
        ErrorCode::kMalformed,
        fmt::format("{}: expected at least {} columns, found {}", where, needed, fields->size()),
        {}};
  }

  Division d;
  d.code = (*fields)[0];
  d.name = (*fields)[1];
  d.level = file.level;
  if (file.parent_column >= 0) d.parent_code = (*fields)[file.parent_column];

  if (auto valid = ValidateDivisionCode(d.code, "code"); !valid) {
    return Error{ErrorCode::kMalformed, where + ": " + valid.error().message, {}};
  }
  if (DivisionLevel(d.code) != file.level) {
    return Error{ErrorCode::kMalformed,
                 fmt::format("{}: code {} has the wrong length for this file", where, d.code),
                 {}};
  }
  if (d.name.empty()) return Error{ErrorCode::kMalformed, where + ": the name is empty", {}};
  return d;
}

}  // namespace

Result<DivisionImportSummary> ImportDivisions(store::Database& db, ledger::Ledger& ledger,
                                              const ledger::Actor& actor, const std::string& dir,
                                              const std::string& prefix,
                                              const ImportProgress& progress) {
  if (!prefix.empty()) {
    if (auto valid = ValidateDivisionCode(prefix, "prefix"); !valid) return valid.error();
  }

  DivisionImportSummary summary;
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);

  for (const DivisionFile& file : kFiles) {
    auto path = (std::filesystem::path(dir) / file.name).string();
    std::ifstream in(path);
    if (!in) {
      return Error::InvalidField("dir", fmt::format("cannot read {}: give the folder that contains "
                                                    "provinces.csv, cities.csv, areas.csv and "
                                                    "streets.csv",
                                                    path));
    }

    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line_no == 1 || line.empty()) continue;  // header row

      auto division = ParseDivisionRow(file, path, line_no, line);
      if (!division) return division.error();
      if (!InRequestedTree(division->code, prefix)) {
        ++summary.skipped;
        continue;
      }
      UpsertDivision(*lease, *division);
      ++(summary.*file.counter);
    }
    if (progress) progress(file.name, summary.*file.counter, summary.*file.counter);
  }

  boost::json::object detail{{"dir", dir},
                             {"prefix", prefix},
                             {"provinces", summary.provinces},
                             {"cities", summary.cities},
                             {"counties", summary.counties},
                             {"townships", summary.townships}};
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "division.import",
                              .object_type = "division",
                              .object_id = prefix,
                              .division_code = prefix,
                              .detail = std::move(detail)});
  tx.Commit();
  return summary;
}

std::optional<Division> FindDivision(store::Database& db, const std::string& code) {
  auto lease = db.Acquire();
  Division d;
  soci::indicator parent_ind;
  *lease << "SELECT code, name, level, parent_code FROM divisions WHERE code = :c",
      soci::into(d.code), soci::into(d.name), soci::into(d.level),
      soci::into(d.parent_code, parent_ind), soci::use(code);
  if (!lease->got_data()) return std::nullopt;
  return d;
}

std::vector<Division> ChildDivisions(store::Database& db, const std::string& code) {
  auto lease = db.Acquire();
  std::vector<Division> out;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT code, name, level FROM divisions WHERE parent_code = :c "
                         "ORDER BY code",
       soci::use(code));
  for (const soci::row& r : rows) {
    out.push_back(
        Division{store::Text(r, 0), store::Text(r, 1), static_cast<int>(store::Int64(r, 2)), code});
  }
  return out;
}

}  // namespace mingjing::org
