// R003 short submission period: the tender period, in whole days, is shorter than the threshold
// for the procurement method. A short period favours bidders who knew of the tender in advance.
#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {
namespace {

class ShortSubmissionPeriod : public Indicator {
 public:
  explicit ShortSubmissionPeriod(const R003Settings& settings) : settings_(settings) {}

  std::string_view code() const override { return "R003"; }

  void Add(const ContractingProcess& process, const IndicatorContext&,
           IndicatorResults& results) override {
    const OptionalText& method = process.procurement_method;
    if (settings_.procurement_methods &&
        (!method.present || !settings_.procurement_methods->contains(method.text))) {
      return;
    }
    if (!process.tender_period_start || !process.tender_period_end) return;

    // Whole days, truncated toward zero: 14 days and 23 hours count as 14.
    int64_t days =
        (*process.tender_period_end - *process.tender_period_start) / kMicrosecondsPerDay;
    if (days < ThresholdFor(process)) {
      results.Set(ResultGroup::kOcid, process.ocid, code(), 1.0);
    }
  }

 private:
  int64_t ThresholdFor(const ContractingProcess& process) const {
    const OptionalText& details = process.procurement_method_details;
    if (details.present) {
      auto it = settings_.procurement_method_details_thresholds.find(details.text);
      if (it != settings_.procurement_method_details_thresholds.end()) return it->second;
    }
    return settings_.threshold;
  }

  R003Settings settings_;
};

}  // namespace

std::unique_ptr<Indicator> MakeR003(const R003Settings& settings) {
  return std::make_unique<ShortSubmissionPeriod>(settings);
}

}  // namespace mingjing::procurement
