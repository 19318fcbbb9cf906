#include "procurement/indicator_engine.h"

namespace mingjing::procurement {

IndicatorEngine::IndicatorEngine(IndicatorSettings settings)
    : settings_(std::move(settings)), context_(settings_), indicators_(MakeIndicators(settings_)) {}

IndicatorEngine::~IndicatorEngine() = default;

void IndicatorEngine::AddRelease(const boost::json::object& compiled_release) {
  Add(ExtractContractingProcess(compiled_release));
}

bool IndicatorEngine::IsExcluded(const ContractingProcess& process) const {
  if (!process.ocid_is_string) return true;
  if (process.tender_status == "cancelled") return true;
  const OptionalText& details = process.procurement_method_details;
  return details.present && settings_.excluded_procurement_method_details.contains(details.text);
}

void IndicatorEngine::Add(const ContractingProcess& process) {
  ++processes_added_;
  if (IsExcluded(process)) {
    ++processes_excluded_;
    return;
  }
  context_.ObserveCurrencies(process);
  for (auto& indicator : indicators_) indicator->Add(process, context_, results_);
}

IndicatorResults IndicatorEngine::Finish() {
  for (auto& indicator : indicators_) indicator->Finish(results_);
  return std::move(results_);
}

}  // namespace mingjing::procurement
