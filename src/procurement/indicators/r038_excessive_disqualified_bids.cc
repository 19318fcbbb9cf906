// R038 excessive disqualified bids: the share of submitted bids that were disqualified is at or
// above the upper fence, per buyer, per procuring entity and per tenderer. A buyer can steer a
// contract by disqualifying bids, and a colluding bidder can mimic competition with bids meant to
// be disqualified.
#include <map>
#include <vector>

#include "procurement/indicators/indicator_factories.h"
#include "procurement/outlier_fences.h"

namespace mingjing::procurement {
namespace {

struct BidTally {
  int64_t disqualified = 0;
  int64_t submitted = 0;
};

using Tallies = std::map<std::string, BidTally>;  // by organisation id

class ExcessiveDisqualifiedBids : public Indicator {
 public:
  explicit ExcessiveDisqualifiedBids(const R038Settings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R038"; }

  void Add(const ContractingProcess& process, const IndicatorContext&, IndicatorResults&) override {
    BidTally process_tally;
    for (const Bid& bid : process.bids) {
      if (!IsSubmitted(bid.status)) continue;
      int64_t disqualified = bid.status == BidStatus::kDisqualified ? 1 : 0;
      process_tally.disqualified += disqualified;
      ++process_tally.submitted;
      for (const std::string& tenderer : bid.tenderer_ids) {
        BidTally& tally = tenderers_[tenderer];
        tally.disqualified += disqualified;
        ++tally.submitted;
      }
    }
    if (process_tally.submitted == 0) return;

    if (process.buyer_id.present) AddTally(buyers_[process.buyer_id.text], process_tally);
    if (process.procuring_entity_id.present) {
      AddTally(procuring_entities_[process.procuring_entity_id.text], process_tally);
    }
  }

  void Finish(IndicatorResults& results) override {
    Flag(buyers_, settings_.minimum_contracting_processes, ResultGroup::kBuyer, results);
    Flag(procuring_entities_, settings_.minimum_contracting_processes,
         ResultGroup::kProcuringEntity, results);
    Flag(tenderers_, settings_.minimum_submitted_bids, ResultGroup::kTenderer, results);
  }

 private:
  static void AddTally(BidTally& total, const BidTally& part) {
    total.disqualified += part.disqualified;
    total.submitted += part.submitted;
  }

  // Flags the organisations with at least `minimum_submitted` submitted bids whose ratio reaches
  // the upper fence of the ratios of those organisations.
  void Flag(const Tallies& tallies, int64_t minimum_submitted, ResultGroup group,
            IndicatorResults& results) const {
    std::vector<std::pair<const std::string*, double>> ratios;
    for (const auto& [id, tally] : tallies) {
      if (tally.submitted < minimum_submitted || tally.submitted == 0) continue;
      double ratio = static_cast<double>(tally.disqualified) / static_cast<double>(tally.submitted);
      ratios.emplace_back(&id, ratio);
    }
    if (ratios.empty()) return;

    std::optional<double> upper_fence = settings_.threshold;
    if (!upper_fence) {
      std::vector<double> values;
      for (const auto& entry : ratios) values.push_back(entry.second);
      std::optional<Fences> fences = ComputeFences(std::move(values));
      if (!fences || fences->Degenerate()) return;
      upper_fence = fences->upper;
    }

    for (const auto& [id, ratio] : ratios) {
      if (ratio >= *upper_fence) results.Set(group, *id, code(), ratio);
    }
  }

  R038Settings settings_;
  Tallies buyers_;
  Tallies procuring_entities_;
  Tallies tenderers_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR038(const R038Settings& settings) {
  return std::make_unique<ExcessiveDisqualifiedBids>(settings);
}

}  // namespace mingjing::procurement
