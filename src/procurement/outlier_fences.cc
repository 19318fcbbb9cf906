#include "procurement/outlier_fences.h"

#include <algorithm>
#include <cmath>

namespace mingjing::procurement {

double Quantile(const std::vector<double>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  const double h = (n + 1.0 / 3.0) * p + 1.0 / 3.0;
  const double floor_h = std::floor(h);
  if (floor_h < 1) return sorted.front();
  if (floor_h >= n) return sorted.back();

  // Order statistics are 1-based in the definition.
  const size_t index = static_cast<size_t>(floor_h);
  const double below = sorted[index - 1];
  const double above = sorted[index];
  return below + (h - floor_h) * (above - below);
}

std::optional<Fences> ComputeFences(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());

  Fences fences;
  fences.q1 = Quantile(values, 0.25);
  fences.q3 = Quantile(values, 0.75);
  const double iqr = fences.q3 - fences.q1;
  // A fused multiply-add rounds once, as the reference implementation does.
  fences.lower = std::fma(iqr, -1.5, fences.q1);
  fences.upper = std::fma(iqr, 1.5, fences.q3);
  return fences;
}

}  // namespace mingjing::procurement
