// Statistical screens of the bids of one tender: measures of the distribution of bid prices that
// shift when bidders collude. Cover bids placed just above an agreed winner narrow the spread of
// the losing bids and widen the gap between the two lowest bids. How well each screen separates
// real cartel tenders is measured in docs/procurement-screens.md.
//
// Notation: the n bids sorted ascending b1 ≤ b2 ≤ … ≤ bn, their mean μ and sample standard
// deviation s (divisor n − 1). Each screen is computed only where it is defined:
//
//   screen  formula                                              minimum bids, other condition
//   CV      s / μ                                                2
//   SPD     (bn − b1) / b1                                       2
//   DIFFP   (b2 − b1) / b1                                       2
//   RD      (b2 − b1) / s(b2 … bn)                               3, losing bids not all equal
//   RDNOR   (b2 − b1) / mean gap of adjacent bids
//           = (b2 − b1)(n − 1) / (bn − b1)                       3, bids not all equal
//   RDALT   (b2 − b1) / mean gap of adjacent losing bids
//           = (b2 − b1)(n − 2) / (bn − b2)                       3, losing bids not all equal
//   SKEW    n / ((n − 1)(n − 2)) · Σ ((bi − μ) / s)³             3, s > 0
//   KURT    n(n + 1) / ((n − 1)(n − 2)(n − 3)) · Σ ((bi − μ) / s)⁴
//           − 3(n − 1)² / ((n − 2)(n − 3))                       4, s > 0
//   KS      sup |F̂(x) − U(x)|, U uniform with the bids' mean and
//           standard deviation, on [μ − √3·s, μ + √3·s]          3, s > 0
//
// SKEW and KURT are the bias-adjusted sample skewness and excess kurtosis (G1 and G2, as in
// spreadsheet SKEW and KURT). NOTE: the reference distribution of KS is our choice, because
// published descriptions of this screen name a uniform distribution without agreed bounds.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace mingjing::procurement {

enum class Screen { kCv, kSpd, kDiffp, kRd, kRdnor, kRdalt, kSkew, kKurt, kKs };

inline constexpr std::array<Screen, 9> kAllScreens = {Screen::kCv,   Screen::kSpd,   Screen::kDiffp,
                                                      Screen::kRd,   Screen::kRdnor, Screen::kRdalt,
                                                      Screen::kSkew, Screen::kKurt,  Screen::kKs};

// Short upper-case name used in tables and JSON, e.g. "DIFFP".
std::string_view ScreenName(Screen screen);

// Minimum number of bids for which the screen is defined (see the table above).
int ScreenMinimumBids(Screen screen);

// Direction in which collusion is expected to move the screen: +1 when cartels raise it, −1 when
// they lower it (CV, SPD and SKEW).
int ScreenCollusionDirection(Screen screen);

struct PriceScreens {
  int bid_count = 0;  // positive, finite bids used
  std::optional<double> cv;
  std::optional<double> spd;
  std::optional<double> diffp;
  std::optional<double> rd;
  std::optional<double> rdnor;
  std::optional<double> rdalt;
  std::optional<double> skew;
  std::optional<double> kurt;
  std::optional<double> ks;

  std::optional<double> Value(Screen screen) const;
};

// Computes the screens of one tender's bid prices, in any order and any currency unit. Bids that
// are not positive and finite are ignored, since they are missing or withdrawn prices.
PriceScreens ComputePriceScreens(std::vector<double> bids);

}  // namespace mingjing::procurement
