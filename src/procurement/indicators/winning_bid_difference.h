// The relative difference between the winning bid and the second-lowest valid bid, which R024
// (too close: cover bidding) and R058 (too far: a heavily discounted winner) compare with fences.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "procurement/contracting_process.h"
#include "procurement/indicator.h"

namespace mingjing::procurement {

struct WinningBidDifference {
  double ratio = 0;                    // (second-lowest valid bid − winning bid) / winning bid
  std::string winner;                  // supplier of the active award
  std::string second_lowest_tenderer;  // tenderer of the second-lowest valid bid
};

// Computes the difference for a price-only process. The winning bid is the winner's lowest valid
// bid, and the second-lowest is the lowest valid bid of any other tenderer. Returns nothing when:
//   - prices are not comparable, or not in the main currency;
//   - the winner is not final or not unique (see SoleWinner);
//   - the winner has no valid bid, or is not the lowest bidder, so the award used other criteria;
//   - no other tenderer made a valid bid, or the winning bid is 0.
std::optional<WinningBidDifference> ComputeWinningBidDifference(const ContractingProcess& process,
                                                                const IndicatorContext& context);

// Base of R024 and R058: collects the difference of every process, and computes its fences.
class WinningBidDifferenceIndicator : public Indicator {
 public:
  void Add(const ContractingProcess& process, const IndicatorContext& context,
           IndicatorResults& results) override;

 protected:
  enum class FenceSide { kLower, kUpper };

  // `threshold` when set, else the chosen fence of all differences. Nothing when there are no
  // differences or the fences are degenerate.
  std::optional<double> Fence(std::optional<double> threshold, FenceSide side) const;

  // Each examined process's ocid with its difference.
  const std::vector<std::pair<std::string, WinningBidDifference>>& differences() const {
    return differences_;
  }

 private:
  std::vector<std::pair<std::string, WinningBidDifference>> differences_;
};

}  // namespace mingjing::procurement
