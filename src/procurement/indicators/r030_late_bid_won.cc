// R030 late bid won: a valid bid dated after the end of the tender period belongs to a supplier of
// an active award. Accepting a late bid lets a favoured bidder see the others first.
#include "procurement/indicators/award_checks.h"
#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {
namespace {

class LateBidWon : public Indicator {
 public:
  std::string_view code() const override { return "R030"; }

  void Add(const ContractingProcess& process, const IndicatorContext&,
           IndicatorResults& results) override {
    if (!process.tender_period_end) return;
    std::set<std::string> suppliers = ActiveAwardSuppliers(process);
    if (suppliers.empty()) return;

    for (const Bid& bid : process.bids) {
      if (bid.status != BidStatus::kValid || !bid.date) continue;
      if (*bid.date <= *process.tender_period_end) continue;
      for (const std::string& tenderer : bid.tenderer_ids) {
        if (!suppliers.contains(tenderer)) continue;
        results.Set(ResultGroup::kOcid, process.ocid, code(), 1.0);
        results.Set(ResultGroup::kTenderer, tenderer, code(), 1.0);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Indicator> MakeR030() { return std::make_unique<LateBidWon>(); }

}  // namespace mingjing::procurement
