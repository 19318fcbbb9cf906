// R018 single bid: only one tenderer took part although the procurement method is competitive,
// which may mean that competition was suppressed.
#include <set>

#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {
namespace {

class SingleBid : public Indicator {
 public:
  explicit SingleBid(const R018Settings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R018"; }

  void Add(const ContractingProcess& process, const IndicatorContext&,
           IndicatorResults& results) override {
    const OptionalText& method = process.procurement_method;
    if (!method.present || !settings_.procurement_methods.contains(method.text)) return;

    std::optional<int64_t> tenderers = CountTenderers(process);
    if (tenderers == 1) results.Set(ResultGroup::kOcid, process.ocid, code(), 1.0);
  }

 private:
  // /tender/numberOfTenderers when published, otherwise the distinct tenderers of the submitted
  // bids. Nothing when neither is known.
  static std::optional<int64_t> CountTenderers(const ContractingProcess& process) {
    if (process.number_of_tenderers) return process.number_of_tenderers;
    if (!process.has_bid_details) return std::nullopt;

    std::set<std::string> tenderers;
    for (const Bid& bid : process.bids) {
      if (!IsSubmitted(bid.status)) continue;
      if (bid.tenderer_without_id) return std::nullopt;
      tenderers.insert(bid.tenderer_ids.begin(), bid.tenderer_ids.end());
    }
    return static_cast<int64_t>(tenderers.size());
  }

  R018Settings settings_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR018(const R018Settings& settings) {
  return std::make_unique<SingleBid>(settings);
}

}  // namespace mingjing::procurement
