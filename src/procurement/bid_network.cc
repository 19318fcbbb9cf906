#include "procurement/bid_network.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "procurement/collusion_rules.h"

namespace mingjing::procurement {

BidderNetwork BuildBidderNetwork(const std::vector<BidSubmission>& bids) {
  BidderNetwork network;
  std::map<std::string, BidderNode> nodes;
  for (const auto& bid : bids) {
    BidderNode& node = nodes[bid.bidder_id];
    node.bidder_id = bid.bidder_id;
    node.bidder_name = bid.bidder_name;
    node.bid_ids.push_back(bid.bid_id);
    if (node.lowest_price_fen == 0 || bid.price_fen < node.lowest_price_fen) {
      node.lowest_price_fen = bid.price_fen;
    }
  }
  for (auto& [id, node] : nodes) {
    network.nodes.push_back(std::move(node));
  }

  // The trace rules already group the bids by each shared value. Every flag on such a group
  // becomes one edge per pair of its bidders.
  TenderBids tender{"", "", 0, bids};
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const ProcurementFlag& flag : JudgeTenderCollusion(tender, {})) {
    const auto* field = flag.evidence.if_contains("field");
    const auto* group = flag.evidence.if_contains("bids");
    if (field == nullptr || group == nullptr || flag.rule.starts_with("price_") ||
        flag.rule == "staff_insured_elsewhere") {
      continue;
    }
    std::set<std::string> bidders;
    for (const auto& entry : group->as_array()) {
      bidders.insert(std::string(entry.at("bidder_id").as_string()));
    }
    std::string level = std::string(FlagLevelName(flag.level));
    for (auto a = bidders.begin(); a != bidders.end(); ++a) {
      for (auto b = std::next(a); b != bidders.end(); ++b) {
        std::string name(field->as_string());
        if (seen.emplace(*a, *b, name).second) {
          network.edges.push_back({*a, *b, name, level});
        }
      }
    }
  }
  std::sort(network.edges.begin(), network.edges.end(), [](const auto& x, const auto& y) {
    return std::tie(x.source, x.target, x.field) < std::tie(y.source, y.target, y.field);
  });
  return network;
}

}  // namespace mingjing::procurement
