#include "procurement/tsuchiura_auctions.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <unordered_map>

#include "common/csv.h"

namespace mingjing::procurement {
namespace {

struct Columns {
  size_t year = 0;
  size_t pid = 0;
  size_t date = 0;
  size_t bid = 0;
  size_t cartelized = 0;
};

Result<Columns> FindColumns(const std::vector<std::string>& header) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < header.size(); ++i) {
    index.emplace(header[i], i);
  }
  Columns columns;
  std::pair<const char*, size_t*> wanted[] = {{"year", &columns.year},
                                              {"pid", &columns.pid},
                                              {"date", &columns.date},
                                              {"bid", &columns.bid},
                                              {"auction_cartelized", &columns.cartelized}};
  for (auto [name, slot] : wanted) {
    auto found = index.find(name);
    if (found == index.end()) {
      return Error::InvalidField(name, fmt::format("missing column `{}` in the CSV header", name));
    }
    *slot = found->second;
  }
  return columns;
}

}  // namespace

Result<std::vector<LabelledAuction>> ReadTsuchiuraAuctions(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Error::NotFound(fmt::format("failed to open {}: check the path", path));
  }

  std::string line;
  std::getline(in, line);
  auto header = SplitCsvLine(line);
  if (!header) {
    return header.error();
  }
  auto columns = FindColumns(*header);
  if (!columns) {
    return columns.error();
  }

  std::vector<LabelledAuction> auctions;
  std::unordered_map<std::string, size_t> by_key;
  for (uint64_t line_number = 2; std::getline(in, line); ++line_number) {
    if (line.empty()) {
      continue;
    }
    auto fields = SplitCsvLine(line);
    if (!fields || fields->size() != header->size()) {
      return Error{ErrorCode::kMalformed,
                   fmt::format("{}:{}: expected {} CSV fields", path, line_number, header->size()),
                   ""};
    }
    const auto& row = *fields;
    std::string key =
        fmt::format("{}/{}/{}", row[columns->year], row[columns->pid], row[columns->date]);
    auto [slot, inserted] = by_key.emplace(key, auctions.size());
    if (inserted) {
      auctions.push_back({key, {}, row[columns->cartelized] == "1"});
    }

    const std::string& bid_text = row[columns->bid];
    if (bid_text.empty()) {
      continue;
    }
    double bid = 0;
    auto parsed = std::from_chars(bid_text.data(), bid_text.data() + bid_text.size(), bid);
    if (parsed.ec != std::errc() || parsed.ptr != bid_text.data() + bid_text.size()) {
      return Error{ErrorCode::kMalformed,
                   fmt::format("{}:{}: invalid bid `{}`", path, line_number, bid_text), "bid"};
    }
    auctions[slot->second].bids.push_back(bid);
  }
  return auctions;
}

}  // namespace mingjing::procurement
