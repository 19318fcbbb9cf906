// The bidders of a tender as a graph: one node per bidder, one edge per trace that two bidders'
// bids share (MAC address, bond account, document author …), for the console's network view.
#pragma once

#include <string>
#include <vector>

#include "procurement/bid_submission.h"

namespace mingjing::procurement {

struct BidderNode {
  std::string bidder_id;
  std::string bidder_name;
  std::vector<std::string> bid_ids;
  int64_t lowest_price_fen = 0;
};

struct BidderEdge {
  std::string source;  // bidder ids, source < target
  std::string target;
  std::string field;  // e.g. "mac_address", "staff.person_id"
  std::string level;  // gravity of the matching rule: "red", "yellow" or "warning"
};

struct BidderNetwork {
  std::vector<BidderNode> nodes;  // ordered by bidder id
  std::vector<BidderEdge> edges;  // ordered by source, target, field
};

// Builds the network of `bids`. Values are compared as the collusion rules compare them: case and
// whitespace ignored, default author names skipped, CPU and disk serials only together.
BidderNetwork BuildBidderNetwork(const std::vector<BidSubmission>& bids);

}  // namespace mingjing::procurement
