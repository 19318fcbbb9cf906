// Constructors of the eleven red-flag indicators; each is defined in its own file here.
#pragma once

#include <memory>

#include "procurement/indicator.h"
#include "procurement/indicator_settings.h"

namespace mingjing::procurement {

std::unique_ptr<Indicator> MakeR003(const R003Settings& settings);  // short submission period
std::unique_ptr<Indicator> MakeR018(const R018Settings& settings);  // single bid
std::unique_ptr<Indicator> MakeR024(const BidDifferenceSettings& settings);  // close to winner
std::unique_ptr<Indicator> MakeR025(const R025Settings& settings);  // excessive unsuccessful bids
std::unique_ptr<Indicator> MakeR028();                              // identical bid prices
std::unique_ptr<Indicator> MakeR030();                              // late bid won
std::unique_ptr<Indicator> MakeR035(
    const R035Settings& settings);      // all except winner disqualified
std::unique_ptr<Indicator> MakeR036();  // lowest bid disqualified
std::unique_ptr<Indicator> MakeR038(const R038Settings& settings);  // excessive disqualified bids
std::unique_ptr<Indicator> MakeR048(const R048Settings& settings);  // heterogeneous supplier
std::unique_ptr<Indicator> MakeR058(const BidDifferenceSettings& settings);  // heavy discount

}  // namespace mingjing::procurement
