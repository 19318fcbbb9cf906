// Quartiles and Tukey's fences for the outlier-based indicators (R024, R025, R038, R048, R058).
#pragma once

#include <optional>
#include <vector>

namespace mingjing::procurement {

// The p-quantile (0 ≤ p ≤ 1) of `sorted`, which must be sorted ascending and non-empty, by
// Hyndman and Fan's definition 8 (median-unbiased): h = (n + 1/3)p + 1/3, interpolated between
// the ⌊h⌋-th and the next order statistic. statrs 0.16 uses the same definition, and matching it
// keeps results identical to the published reference fixtures.
double Quantile(const std::vector<double>& sorted, double p);

struct Fences {
  double q1 = 0;
  double q3 = 0;
  double lower = 0;  // Q1 − 1.5·IQR
  double upper = 0;  // Q3 + 1.5·IQR

  // When Q1, Q3 and the IQR are all 0, both fences are 0 and would flag three quarters of the
  // population, so the indicator is skipped instead.
  bool Degenerate() const { return q1 == 0 && q3 == 0; }
};

// Computes the quartiles and fences of `values` (any order). Returns nothing when it is empty.
std::optional<Fences> ComputeFences(std::vector<double> values);

}  // namespace mingjing::procurement
