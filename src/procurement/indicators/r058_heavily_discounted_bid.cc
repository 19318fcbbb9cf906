// R058 heavily discounted bid: the winning bid is unusually far below the second-lowest valid bid,
// at or above the upper fence of all such differences. The winner may have known the other prices,
// or may expect to recover the discount later through contract amendments.
#include "procurement/indicators/indicator_factories.h"
#include "procurement/indicators/winning_bid_difference.h"

namespace mingjing::procurement {
namespace {

class HeavilyDiscountedBid : public WinningBidDifferenceIndicator {
 public:
  explicit HeavilyDiscountedBid(const BidDifferenceSettings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R058"; }

  void Finish(IndicatorResults& results) override {
    std::optional<double> upper_fence = Fence(settings_.threshold, FenceSide::kUpper);
    if (!upper_fence) return;

    for (const auto& [ocid, difference] : differences()) {
      if (difference.ratio < *upper_fence) continue;
      results.Set(ResultGroup::kOcid, ocid, code(), difference.ratio);
      results.Set(ResultGroup::kTenderer, difference.winner, code(), 0.0);
    }
  }

 private:
  BidDifferenceSettings settings_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR058(const BidDifferenceSettings& settings) {
  return std::make_unique<HeavilyDiscountedBid>(settings);
}

}  // namespace mingjing::procurement
