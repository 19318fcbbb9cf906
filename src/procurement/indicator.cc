#include "procurement/indicator.h"

#include "procurement/indicators/indicator_factories.h"

namespace mingjing::procurement {

IndicatorContext::IndicatorContext(const IndicatorSettings& settings)
    : no_price_comparison_methods_(settings.no_price_comparison_procurement_methods),
      price_comparison_methods_(settings.price_comparison_procurement_methods),
      main_currency_(settings.currency) {}

void IndicatorContext::ObserveCurrencies(const ContractingProcess& process) {
  if (main_currency_) return;
  for (const Bid& bid : process.bids) {
    if (!bid.currency.empty()) {
      main_currency_ = bid.currency;
      return;
    }
  }
}

bool IndicatorContext::PricesComparable(const ContractingProcess& process) const {
  const OptionalText& details = process.procurement_method_details;
  if (price_comparison_methods_) {
    if (!details.present || !price_comparison_methods_->contains(details.text)) return false;
  }
  return !(details.present && no_price_comparison_methods_.contains(details.text));
}

bool IndicatorContext::BidAmountsInMainCurrency(const ContractingProcess& process) const {
  for (const Bid& bid : process.bids) {
    if (!bid.amount) continue;
    if (!main_currency_ || bid.currency != *main_currency_) return false;
  }
  return true;
}

std::vector<std::unique_ptr<Indicator>> MakeIndicators(const IndicatorSettings& settings) {
  std::vector<std::unique_ptr<Indicator>> indicators;
  if (settings.r003) indicators.push_back(MakeR003(*settings.r003));
  if (settings.r018) indicators.push_back(MakeR018(*settings.r018));
  if (settings.r024) indicators.push_back(MakeR024(*settings.r024));
  if (settings.r025) indicators.push_back(MakeR025(*settings.r025));
  if (settings.r028) indicators.push_back(MakeR028());
  if (settings.r030) indicators.push_back(MakeR030());
  if (settings.r035) indicators.push_back(MakeR035(*settings.r035));
  if (settings.r036) indicators.push_back(MakeR036());
  if (settings.r038) indicators.push_back(MakeR038(*settings.r038));
  if (settings.r048) indicators.push_back(MakeR048(*settings.r048));
  if (settings.r058) indicators.push_back(MakeR058(*settings.r058));
  return indicators;
}

}  // namespace mingjing::procurement
