// R024 price close to winning bid: the second-lowest valid bid is unusually close to the winning
// bid, at or below the lower fence of all such differences. This is a sign of cover bidding, in
// which a colluding bidder submits a deliberately losing bid just above the designated winner.
#include "procurement/indicators/indicator_factories.h"
#include "procurement/indicators/winning_bid_difference.h"

namespace mingjing::procurement {
namespace {

class PriceCloseToWinningBid : public WinningBidDifferenceIndicator {
 public:
  explicit PriceCloseToWinningBid(const BidDifferenceSettings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R024"; }

  void Finish(IndicatorResults& results) override {
    std::optional<double> lower_fence = Fence(settings_.threshold, FenceSide::kLower);
    if (!lower_fence) return;

    for (const auto& [ocid, difference] : differences()) {
      if (difference.ratio > *lower_fence) continue;
      results.Set(ResultGroup::kOcid, ocid, code(), difference.ratio);
      // Both bidders are flagged. Their value only marks them and carries no measure.
      results.Set(ResultGroup::kTenderer, difference.winner, code(), 0.0);
      results.Set(ResultGroup::kTenderer, difference.second_lowest_tenderer, code(), 0.0);
    }
  }

 private:
  BidDifferenceSettings settings_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR024(const BidDifferenceSettings& settings) {
  return std::make_unique<PriceCloseToWinningBid>(settings);
}

}  // namespace mingjing::procurement
