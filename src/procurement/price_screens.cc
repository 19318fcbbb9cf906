#include "procurement/price_screens.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mingjing::procurement {
namespace {

double Mean(const std::vector<double>& values, size_t first) {
  double sum = std::accumulate(values.begin() + first, values.end(), 0.0);
  return sum / static_cast<double>(values.size() - first);
}

// Sample standard deviation (divisor n − 1) of values[first…]; needs at least two values.
double SampleStandardDeviation(const std::vector<double>& values, size_t first) {
  double mean = Mean(values, first);
  double squares = 0;
  for (size_t i = first; i < values.size(); ++i) {
    squares += (values[i] - mean) * (values[i] - mean);
  }
  return std::sqrt(squares / static_cast<double>(values.size() - first - 1));
}

// Sum of ((b − mean) / s)^power over all bids.
double StandardizedMomentSum(const std::vector<double>& bids, double mean, double s, int power) {
  double sum = 0;
  for (double bid : bids) {
    sum += std::pow((bid - mean) / s, power);
  }
  return sum;
}

// Kolmogorov–Smirnov distance between the bids' empirical distribution and the uniform
// distribution with the same mean and standard deviation. `sorted` is ascending.
double UniformKsStatistic(const std::vector<double>& sorted, double mean, double s) {
  double lower = mean - std::sqrt(3.0) * s;
  double width = 2 * std::sqrt(3.0) * s;
  double n = static_cast<double>(sorted.size());
  double distance = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    double uniform = std::clamp((sorted[i] - lower) / width, 0.0, 1.0);
    // The empirical distribution jumps from i/n to (i + 1)/n at the (i + 1)-th bid.
    distance = std::max(distance, (static_cast<double>(i) + 1) / n - uniform);
    distance = std::max(distance, uniform - static_cast<double>(i) / n);
  }
  return distance;
}

}  // namespace

std::string_view ScreenName(Screen screen) {
  switch (screen) {
    case Screen::kCv:
      return "CV";
    case Screen::kSpd:
      return "SPD";
    case Screen::kDiffp:
      return "DIFFP";
    case Screen::kRd:
      return "RD";
    case Screen::kRdnor:
      return "RDNOR";
    case Screen::kRdalt:
      return "RDALT";
    case Screen::kSkew:
      return "SKEW";
    case Screen::kKurt:
      return "KURT";
    case Screen::kKs:
      return "KS";
  }
  return "?";
}

int ScreenMinimumBids(Screen screen) {
  switch (screen) {
    case Screen::kCv:
    case Screen::kSpd:
    case Screen::kDiffp:
      return 2;
    case Screen::kKurt:
      return 4;
    default:
      return 3;
  }
}

int ScreenCollusionDirection(Screen screen) {
  switch (screen) {
    case Screen::kCv:
    case Screen::kSpd:
    case Screen::kSkew:
      return -1;
    default:
      return 1;
  }
}

std::optional<double> PriceScreens::Value(Screen screen) const {
  switch (screen) {
    case Screen::kCv:
      return cv;
    case Screen::kSpd:
      return spd;
    case Screen::kDiffp:
      return diffp;
    case Screen::kRd:
      return rd;
    case Screen::kRdnor:
      return rdnor;
    case Screen::kRdalt:
      return rdalt;
    case Screen::kSkew:
      return skew;
    case Screen::kKurt:
      return kurt;
    case Screen::kKs:
      return ks;
  }
  return std::nullopt;
}

PriceScreens ComputePriceScreens(std::vector<double> bids) {
  std::erase_if(bids, [](double bid) { return !std::isfinite(bid) || bid <= 0; });
  std::sort(bids.begin(), bids.end());

  PriceScreens screens;
  screens.bid_count = static_cast<int>(bids.size());
  double n = static_cast<double>(bids.size());
  if (bids.size() < 2) {
    return screens;
  }

  double mean = Mean(bids, 0);
  double s = SampleStandardDeviation(bids, 0);
  double lowest_gap = bids[1] - bids[0];
  screens.cv = s / mean;
  screens.spd = (bids.back() - bids.front()) / bids.front();
  screens.diffp = lowest_gap / bids.front();
  if (bids.size() < 3) {
    return screens;
  }

  double losing_range = bids.back() - bids[1];
  if (losing_range > 0) {
    screens.rd = lowest_gap / SampleStandardDeviation(bids, 1);
    screens.rdalt = lowest_gap * (n - 2) / losing_range;
  }
  if (s > 0) {
    screens.rdnor = lowest_gap * (n - 1) / (bids.back() - bids.front());
    screens.skew = n / ((n - 1) * (n - 2)) * StandardizedMomentSum(bids, mean, s, 3);
    screens.ks = UniformKsStatistic(bids, mean, s);
  }
  if (bids.size() >= 4 && s > 0) {
    screens.kurt =
        n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * StandardizedMomentSum(bids, mean, s, 4) -
        3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3));
  }
  return screens;
}

}  // namespace mingjing::procurement
