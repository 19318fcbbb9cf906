// R036 lowest bid disqualified: an award was made, and the lowest submitted bid was disqualified.
// Where price decides, disqualifying the cheapest bid is a way to favour a dearer bidder.
#include <algorithm>
#include <limits>

#include "procurement/indicators/award_checks.h"
#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {
namespace {

class LowestBidDisqualified : public Indicator {
 public:
  std::string_view code() const override { return "R036"; }

  void Add(const ContractingProcess& process, const IndicatorContext& context,
           IndicatorResults& results) override {
    if (!context.PricesComparable(process) || !context.BidAmountsInMainCurrency(process)) return;
    if (!HasActiveAward(process)) return;

    bool valid_bid_has_amount = false;
    double lowest = std::numeric_limits<double>::infinity();
    for (const Bid& bid : process.bids) {
      if (!IsSubmitted(bid.status) || !bid.amount) continue;
      lowest = std::min(lowest, *bid.amount);
      if (bid.status == BidStatus::kValid) valid_bid_has_amount = true;
    }
    if (!valid_bid_has_amount) return;

    // On a tie for the lowest amount, a disqualified bid among them is enough.
    bool lowest_disqualified =
        std::any_of(process.bids.begin(), process.bids.end(), [lowest](const Bid& bid) {
          return bid.status == BidStatus::kDisqualified && bid.amount && *bid.amount == lowest;
        });
    if (lowest_disqualified) results.Set(ResultGroup::kOcid, process.ocid, code(), 1.0);
  }
};

}  // namespace

std::unique_ptr<Indicator> MakeR036() { return std::make_unique<LowestBidDisqualified>(); }

}  // namespace mingjing::procurement
