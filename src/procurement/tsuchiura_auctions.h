// Reads the Tsuchiura public-works auctions (Japan, 2007–2013), a labelled set of real bids from
// a cartel case: one CSV row per bid, an auction being one (year, pid, date) group, and the column
// `auction_cartelized` marking the auctions that a later cartel finding covers. The file comes
// from Sylvain Chassang's `missing_bids` repository (MIT licence).
#pragma once

#include <string>
#include <vector>

#include "common/error.h"

namespace mingjing::procurement {

struct LabelledAuction {
  std::string key;           // "year/pid/date", e.g. "2007/15/20070607"
  std::vector<double> bids;  // yen; rows with an empty `bid` are left out
  bool cartelized = false;
};

// Returns the auctions in the order of their first row. Fails when the file cannot be read, a
// required column is missing, or a row has an invalid number; the error names the line.
Result<std::vector<LabelledAuction>> ReadTsuchiuraAuctions(const std::string& path);

}  // namespace mingjing::procurement
