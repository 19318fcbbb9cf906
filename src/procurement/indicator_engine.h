// Runs the enabled red-flag indicators over compiled releases, one contracting process at a time.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <vector>

#include "procurement/contracting_process.h"
#include "procurement/indicator.h"
#include "procurement/indicator_results.h"
#include "procurement/indicator_settings.h"

namespace mingjing::procurement {

class IndicatorEngine {
 public:
  explicit IndicatorEngine(IndicatorSettings settings);
  ~IndicatorEngine();

  // Extracts the process from a compiled release and adds it.
  void AddRelease(const boost::json::object& compiled_release);

  // Leaves the process out when its ocid is not a string, its tender is cancelled, or its
  // /tender/procurementMethodDetails is excluded in the settings; otherwise passes it to every
  // enabled indicator.
  void Add(const ContractingProcess& process);

  // Finishes the outlier-based indicators and returns all results. Call once.
  IndicatorResults Finish();

  uint64_t processes_added() const { return processes_added_; }
  uint64_t processes_excluded() const { return processes_excluded_; }

 private:
  bool IsExcluded(const ContractingProcess& process) const;

  IndicatorSettings settings_;
  IndicatorContext context_;
  std::vector<std::unique_ptr<Indicator>> indicators_;
  IndicatorResults results_;
  uint64_t processes_added_ = 0;
  uint64_t processes_excluded_ = 0;
};

}  // namespace mingjing::procurement
