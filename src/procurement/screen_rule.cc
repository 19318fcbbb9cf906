#include "procurement/screen_rule.h"

#include <boost/json.hpp>
#include <cmath>

#include "procurement/price_screens.h"

namespace mingjing::procurement {

namespace {

namespace json = boost::json;

// Rounds for the card's message. The evidence's "screens" keeps the full values.
double RoundTo(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace

std::optional<ProcurementFlag> JudgePriceScreens(const TenderBids& tender,
                                                 const ScreenRuleSettings& settings) {
  std::vector<double> prices;
  for (const BidSubmission& bid : tender.bids) prices.push_back(static_cast<double>(bid.price_fen));
  PriceScreens screens = ComputePriceScreens(prices);

  json::object values;
  for (Screen screen : kAllScreens) {
    std::optional<double> value = screens.Value(screen);
    if (!value) return std::nullopt;
    values[ScreenName(screen)] = *value;
  }
  if (!(*screens.cv < settings.maximum_cv && *screens.rd > settings.minimum_rd)) {
    return std::nullopt;
  }

  ProcurementFlag flag;
  flag.rule = "price_screens";
  flag.level = FlagLevel::kWarning;
  flag.ocid = tender.tender_number;
  flag.buyer_id = tender.buyer_id;
  flag.subject = "price_screens";
  flag.evidence["cv"] = RoundTo(*screens.cv, 4);
  flag.evidence["rd"] = RoundTo(*screens.rd, 3);
  flag.evidence["maximum_cv"] = settings.maximum_cv;
  flag.evidence["minimum_rd"] = settings.minimum_rd;
  flag.evidence["bid_count"] = screens.bid_count;
  flag.evidence["screens"] = std::move(values);
  json::array bids;
  for (const BidSubmission& bid : tender.bids) {
    bids.push_back({{"bid_id", bid.bid_id},
                    {"bidder_id", bid.bidder_id},
                    {"bidder_name", bid.bidder_name},
                    {"price_fen", bid.price_fen}});
  }
  flag.evidence["bids"] = std::move(bids);
  return flag;
}

}  // namespace mingjing::procurement
