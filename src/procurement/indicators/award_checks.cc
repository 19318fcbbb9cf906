#include "procurement/indicators/award_checks.h"

#include <algorithm>

namespace mingjing::procurement {

bool HasPendingOrInvalidAward(const ContractingProcess& process) {
  return std::any_of(process.awards.begin(), process.awards.end(), [](const Award& award) {
    return award.status == AwardStatus::kPending || award.status == AwardStatus::kInvalid;
  });
}

bool HasActiveAward(const ContractingProcess& process) {
  return std::any_of(process.awards.begin(), process.awards.end(),
                     [](const Award& award) { return award.status == AwardStatus::kActive; });
}

bool HasReferenceWithoutId(const ContractingProcess& process) {
  bool bid_without_id = std::any_of(process.bids.begin(), process.bids.end(),
                                    [](const Bid& bid) { return bid.tenderer_without_id; });
  bool award_without_id = std::any_of(process.awards.begin(), process.awards.end(),
                                      [](const Award& award) { return award.supplier_without_id; });
  return bid_without_id || award_without_id;
}

std::set<std::string> TenderersWithStatus(const ContractingProcess& process, BidStatus status) {
  std::set<std::string> tenderers;
  for (const Bid& bid : process.bids) {
    if (bid.status == status) tenderers.insert(bid.tenderer_ids.begin(), bid.tenderer_ids.end());
  }
  return tenderers;
}

std::set<std::string> ActiveAwardSuppliers(const ContractingProcess& process) {
  std::set<std::string> suppliers;
  for (const Award& award : process.awards) {
    if (award.status == AwardStatus::kActive) {
      suppliers.insert(award.supplier_ids.begin(), award.supplier_ids.end());
    }
  }
  return suppliers;
}

std::optional<std::string> SoleWinner(const ContractingProcess& process) {
  if (HasPendingOrInvalidAward(process) || HasReferenceWithoutId(process)) return std::nullopt;

  const Award* winner = nullptr;
  for (const Award& award : process.awards) {
    if (award.status != AwardStatus::kActive) continue;
    if (winner) return std::nullopt;  // several active awards
    winner = &award;
  }
  if (!winner || winner->supplier_ids.size() != 1) return std::nullopt;

  for (const Bid& bid : process.bids) {
    if (IsSubmitted(bid.status) && bid.tenderer_ids.size() > 1) return std::nullopt;
  }
  return winner->supplier_ids.front();
}

}  // namespace mingjing::procurement
