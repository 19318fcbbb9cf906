// R035 all except winner disqualified: one tenderer has valid bids, it is the only supplier of
// the active awards, and at least `threshold` other tenderers were disqualified. Disqualifying
// every competitor is a way to hand the contract to a chosen bidder.
#include "procurement/indicators/award_checks.h"
#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {
namespace {

class AllExceptWinnerDisqualified : public Indicator {
 public:
  explicit AllExceptWinnerDisqualified(const R035Settings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R035"; }

  void Add(const ContractingProcess& process, const IndicatorContext&,
           IndicatorResults& results) override {
    if (HasPendingOrInvalidAward(process) || HasReferenceWithoutId(process)) return;

    std::set<std::string> valid_tenderers = TenderersWithStatus(process, BidStatus::kValid);
    if (valid_tenderers.size() != 1) return;
    if (ActiveAwardSuppliers(process) != valid_tenderers) return;

    const std::string& winner = *valid_tenderers.begin();
    std::set<std::string> disqualified = TenderersWithStatus(process, BidStatus::kDisqualified);
    disqualified.erase(winner);
    auto count = static_cast<int64_t>(disqualified.size());
    if (count < settings_.threshold) return;

    results.Set(ResultGroup::kOcid, process.ocid, code(), static_cast<double>(count));
    results.Set(ResultGroup::kTenderer, winner, code(), 0.0);
  }

 private:
  R035Settings settings_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR035(const R035Settings& settings) {
  return std::make_unique<AllExceptWinnerDisqualified>(settings);
}

}  // namespace mingjing::procurement
