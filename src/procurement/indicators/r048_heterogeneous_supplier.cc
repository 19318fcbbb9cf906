// R048 heterogeneous supplier: a supplier's awarded items span unusually many first-level
// classifications (at or above the upper fence). A firm that supplies anything is more often a
// shell or an intermediary than a genuine specialist.
#include <map>
#include <set>
#include <vector>

#include "procurement/indicators/indicator_factories.h"
#include "procurement/outlier_fences.h"

namespace mingjing::procurement {
namespace {

struct SupplierVariety {
  int64_t processes = 0;            // processes with an active award to the supplier
  std::set<std::string> divisions;  // first-level classification codes of the awarded items
};

class HeterogeneousSupplier : public Indicator {
 public:
  explicit HeterogeneousSupplier(const R048Settings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R048"; }

  void Add(const ContractingProcess& process, const IndicatorContext&, IndicatorResults&) override {
    std::set<std::string> suppliers_in_process;
    for (const Award& award : process.awards) {
      // An award to several suppliers does not say who supplies which item.
      if (award.status != AwardStatus::kActive || award.supplier_ids.size() != 1 ||
          award.supplier_without_id || award.item_classification_ids.empty()) {
        continue;
      }
      const std::string& supplier = award.supplier_ids.front();
      SupplierVariety& variety = suppliers_[supplier];
      if (suppliers_in_process.insert(supplier).second) ++variety.processes;
      for (const std::string& id : award.item_classification_ids) {
        variety.divisions.insert(id.substr(0, static_cast<size_t>(settings_.digits)));
      }
    }
  }

  void Finish(IndicatorResults& results) override {
    std::vector<std::pair<const std::string*, double>> counts;
    for (const auto& [supplier, variety] : suppliers_) {
      if (variety.processes < settings_.minimum_contracting_processes) continue;
      counts.emplace_back(&supplier, static_cast<double>(variety.divisions.size()));
    }
    if (counts.empty()) return;

    std::optional<double> upper_fence;
    if (settings_.threshold) {
      upper_fence = static_cast<double>(*settings_.threshold);
    } else {
      std::vector<double> values;
      for (const auto& entry : counts) values.push_back(entry.second);
      std::optional<Fences> fences = ComputeFences(std::move(values));
      if (!fences || fences->Degenerate()) return;
      upper_fence = fences->upper;
    }

    for (const auto& [supplier, count] : counts) {
      if (count >= *upper_fence) results.Set(ResultGroup::kTenderer, *supplier, code(), count);
    }
  }

 private:
  R048Settings settings_;
  std::map<std::string, SupplierVariety> suppliers_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR048(const R048Settings& settings) {
  return std::make_unique<HeterogeneousSupplier>(settings);
}

}  // namespace mingjing::procurement
