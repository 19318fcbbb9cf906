// The interface every red-flag indicator implements, and the run-wide facts it may consult.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "procurement/contracting_process.h"
#include "procurement/indicator_results.h"
#include "procurement/indicator_settings.h"

namespace mingjing::procurement {

// Run-wide facts: the main currency and which processes allow price comparison.
class IndicatorContext {
 public:
  explicit IndicatorContext(const IndicatorSettings& settings);

  // Takes the main currency from the first bid currency seen, unless the settings name one.
  void ObserveCurrencies(const ContractingProcess& process);

  const std::optional<std::string>& main_currency() const { return main_currency_; }

  // False when the buyer sets the prices (by /tender/procurementMethodDetails), so that equal or
  // ordered prices mean nothing.
  bool PricesComparable(const ContractingProcess& process) const;

  // True when every bid amount is in the main currency. A bid amount without a currency fails,
  // because it cannot be compared with the others.
  bool BidAmountsInMainCurrency(const ContractingProcess& process) const;

 private:
  std::set<std::string> no_price_comparison_methods_;
  std::optional<std::set<std::string>> price_comparison_methods_;
  std::optional<std::string> main_currency_;
};

class Indicator {
 public:
  virtual ~Indicator() = default;

  // The indicator's code, e.g. "R024".
  virtual std::string_view code() const = 0;

  // Examines one process that passed the exclusions shared by all indicators. Indicators that
  // judge a process on its own record their flags here.
  virtual void Add(const ContractingProcess& process, const IndicatorContext& context,
                   IndicatorResults& results) = 0;

  // Records the flags that need every process first: the outlier-based indicators.
  virtual void Finish(IndicatorResults& results) {}
};

// The indicators enabled in `settings`, in code order.
std::vector<std::unique_ptr<Indicator>> MakeIndicators(const IndicatorSettings& settings);

}  // namespace mingjing::procurement
