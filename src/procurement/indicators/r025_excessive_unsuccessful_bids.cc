// R025 excessive unsuccessful bids: a tenderer among the most active ones (its number of
// processes with a valid bid reaches the given percentile) wins unusually rarely (its wins per
// process are at or below the lower fence). Colluding bidders mimic competition by submitting
// deliberately losing bids where a partner is meant to win.
#include <algorithm>
#include <map>
#include <vector>

#include "procurement/indicators/award_checks.h"
#include "procurement/indicators/indicator_factories.h"
#include "procurement/outlier_fences.h"

namespace mingjing::procurement {
namespace {

struct BidRecord {
  int64_t processes = 0;  // processes in which the tenderer made a valid bid
  int64_t wins = 0;       // of those, processes it won
};

class ExcessiveUnsuccessfulBids : public Indicator {
 public:
  explicit ExcessiveUnsuccessfulBids(const R025Settings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R025"; }

  void Add(const ContractingProcess& process, const IndicatorContext&, IndicatorResults&) override {
    // A process without one final winner does not show who lost.
    std::optional<std::string> winner = SoleWinner(process);
    if (!winner) return;

    for (const std::string& tenderer : TenderersWithStatus(process, BidStatus::kValid)) {
      BidRecord& record = records_[tenderer];
      ++record.processes;
      if (tenderer == *winner) ++record.wins;
    }
  }

  void Finish(IndicatorResults& results) override {
    if (records_.empty()) return;

    std::vector<double> ratios;
    std::vector<double> counts;
    for (const auto& [tenderer, record] : records_) {
      ratios.push_back(Ratio(record));
      counts.push_back(static_cast<double>(record.processes));
    }

    std::optional<double> lower_fence = settings_.threshold;
    if (!lower_fence) {
      std::optional<Fences> fences = ComputeFences(ratios);
      if (!fences || fences->Degenerate()) return;
      lower_fence = fences->lower;
    }
    std::sort(counts.begin(), counts.end());
    double minimum_count = Quantile(counts, static_cast<double>(settings_.percentile) / 100.0);

    for (const auto& [tenderer, record] : records_) {
      double ratio = Ratio(record);
      if (static_cast<double>(record.processes) >= minimum_count && ratio <= *lower_fence) {
        results.Set(ResultGroup::kTenderer, tenderer, code(), ratio);
      }
    }
  }

 private:
  static double Ratio(const BidRecord& record) {
    return static_cast<double>(record.wins) / static_cast<double>(record.processes);
  }

  R025Settings settings_;
  std::map<std::string, BidRecord> records_;  // by tenderer id
};

}  // namespace

std::unique_ptr<Indicator> MakeR025(const R025Settings& settings) {
  return std::make_unique<ExcessiveUnsuccessfulBids>(settings);
}

}  // namespace mingjing::procurement
