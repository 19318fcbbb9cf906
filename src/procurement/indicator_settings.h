// Settings of the red-flag indicators, read from an INI file:
//
//   currency = USD                                  ; main currency, else the first one seen
//   no_price_comparison_procurement_methods = a|b   ; prices set by the buyer: skip price checks
//   price_comparison_procurement_methods = c|d      ; if set, price checks run only for these
//   [exclusions]
//   procurement_method_details = x|y                ; processes left out of every indicator
//   [R024]                                          ; a section enables its indicator
//   threshold = 0.05
//
// The procurement-method lists match /tender/procurementMethodDetails; R003's and R018's
// `procurement_methods` match /tender/procurementMethod. Lists are pipe-separated.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/error.h"

namespace mingjing::procurement {

// R003 short submission period: whole days from tenderPeriod start to end below the threshold.
struct R003Settings {
  int64_t threshold = 15;                                    // days
  std::optional<std::set<std::string>> procurement_methods;  // only these methods, if set
  std::map<std::string, int64_t> procurement_method_details_thresholds;  // days, per method
};

// R018 single bid under a competitive method.
struct R018Settings {
  std::set<std::string> procurement_methods = {"open", "selective"};
};

// R024 and R058: the fence on (second-lowest valid bid − winning bid) / winning bid.
struct BidDifferenceSettings {
  std::optional<double> threshold;  // replaces the computed fence
};

// R025 excessive unsuccessful bids.
struct R025Settings {
  int64_t percentile = 75;          // a tenderer's valid-bid count must reach this percentile
  std::optional<double> threshold;  // replaces the lower fence on wins / valid bids
};

// R035 all bids except the winner's disqualified.
struct R035Settings {
  int64_t threshold = 1;  // minimum number of other tenderers disqualified
};

// R038 excessive disqualified bids.
struct R038Settings {
  std::optional<double> threshold;     // replaces the upper fence on disqualified / submitted
  int64_t minimum_submitted_bids = 2;  // tenderers with fewer submitted bids are left out
  // Buyers and procuring entities below this minimum are left out.
  // NOTE: the minimum is compared with the number of bids submitted to the buyer or procuring
  // entity, not with its number of contracting processes as the key's name suggests. The
  // reference fixtures and the upstream implementation both count bids.
  int64_t minimum_contracting_processes = 2;
};

// R048 heterogeneous supplier.
struct R048Settings {
  std::optional<int64_t> threshold;  // replaces the upper fence on the count of classifications
  int64_t digits = 2;                // length of the first level of the classification code
  int64_t minimum_contracting_processes = 20;  // awarded processes to enter the fence
};

struct EmptySettings {};

struct IndicatorSettings {
  std::optional<std::string> currency;
  std::set<std::string> no_price_comparison_procurement_methods;
  std::optional<std::set<std::string>> price_comparison_procurement_methods;
  std::set<std::string> excluded_procurement_method_details;

  // An indicator runs when its settings are present.
  std::optional<R003Settings> r003;
  std::optional<R018Settings> r018;
  std::optional<BidDifferenceSettings> r024;
  std::optional<R025Settings> r025;
  std::optional<EmptySettings> r028;
  std::optional<EmptySettings> r030;
  std::optional<R035Settings> r035;
  std::optional<EmptySettings> r036;
  std::optional<R038Settings> r038;
  std::optional<R048Settings> r048;
  std::optional<BidDifferenceSettings> r058;
};

// All eleven indicators enabled with their default settings, for runs without a settings file.
IndicatorSettings DefaultIndicatorSettings();

// Parses the INI text of a settings file. Only the indicators with a section are enabled. An
// unknown section or key, or a value of the wrong type, is an error naming the source file, the
// line and the setting.
Result<IndicatorSettings> ParseIndicatorSettings(std::string_view ini_text,
                                                 std::string_view source);

// Reads and parses the settings file at `path`.
Result<IndicatorSettings> LoadIndicatorSettings(const std::string& path);

}  // namespace mingjing::procurement
