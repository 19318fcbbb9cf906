#include "procurement/indicators/winning_bid_difference.h"

#include <limits>

#include "procurement/indicators/award_checks.h"
#include "procurement/outlier_fences.h"

namespace mingjing::procurement {

std::optional<WinningBidDifference> ComputeWinningBidDifference(const ContractingProcess& process,
                                                                const IndicatorContext& context) {
  if (!context.PricesComparable(process) || !context.BidAmountsInMainCurrency(process)) {
    return std::nullopt;
  }
  std::optional<std::string> winner = SoleWinner(process);
  if (!winner) return std::nullopt;

  constexpr double kNone = std::numeric_limits<double>::infinity();
  double lowest = kNone;
  double winning = kNone;
  double second_lowest = kNone;
  const std::string* second_lowest_tenderer = nullptr;

  for (const Bid& bid : process.bids) {
    if (bid.status != BidStatus::kValid || !bid.amount) continue;
    double amount = *bid.amount;
    lowest = std::min(lowest, amount);
    if (bid.tenderer_ids.empty()) continue;

    const std::string& tenderer = bid.tenderer_ids.front();
    if (tenderer == *winner) {
      winning = std::min(winning, amount);
    } else if (amount < second_lowest) {
      second_lowest = amount;
      second_lowest_tenderer = &tenderer;
    }
  }

  if (winning == kNone || second_lowest_tenderer == nullptr) return std::nullopt;
  if (lowest < winning || winning == 0) return std::nullopt;
  return WinningBidDifference{(second_lowest - winning) / winning, *winner,
                              *second_lowest_tenderer};
}

void WinningBidDifferenceIndicator::Add(const ContractingProcess& process,
                                        const IndicatorContext& context, IndicatorResults&) {
  if (auto difference = ComputeWinningBidDifference(process, context)) {
    differences_.emplace_back(process.ocid, std::move(*difference));
  }
}

std::optional<double> WinningBidDifferenceIndicator::Fence(std::optional<double> threshold,
                                                           FenceSide side) const {
  if (threshold) return threshold;

  std::vector<double> ratios;
  ratios.reserve(differences_.size());
  for (const auto& entry : differences_) ratios.push_back(entry.second.ratio);
  std::optional<Fences> fences = ComputeFences(std::move(ratios));
  if (!fences || fences->Degenerate()) return std::nullopt;
  return side == FenceSide::kLower ? fences->lower : fences->upper;
}

}  // namespace mingjing::procurement
