// R028 identical bid prices: different tenderers submitted bids of exactly the same amount. The
// process and those tenderers are flagged, because a leaked or agreed price is the usual cause.
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {
namespace {

class IdenticalBidPrices : public Indicator {
 public:
  std::string_view code() const override { return "R028"; }

  void Add(const ContractingProcess& process, const IndicatorContext& context,
           IndicatorResults& results) override {
    if (!context.PricesComparable(process) || !context.BidAmountsInMainCurrency(process)) return;

    // The distinct tenderer groups (a consortium is one group, in any order) bidding each amount.
    std::map<double, std::set<std::vector<std::string>>> groups_by_amount;
    for (const Bid& bid : process.bids) {
      if (!IsSubmitted(bid.status) || !bid.amount || bid.tenderer_ids.empty()) continue;
      if (bid.tenderer_without_id) return;
      std::vector<std::string> group = bid.tenderer_ids;
      std::sort(group.begin(), group.end());
      group.erase(std::unique(group.begin(), group.end()), group.end());
      groups_by_amount[*bid.amount].insert(std::move(group));
    }

    for (const auto& [amount, groups] : groups_by_amount) {
      if (groups.size() < 2) continue;
      results.Set(ResultGroup::kOcid, process.ocid, code(), 1.0);
      for (const auto& group : groups) {
        for (const std::string& tenderer : group) {
          results.Set(ResultGroup::kTenderer, tenderer, code(), 1.0);
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Indicator> MakeR028() { return std::make_unique<IdenticalBidPrices>(); }

}  // namespace mingjing::procurement
