#include "procurement/screen_evaluation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mingjing::procurement {
namespace {

constexpr double kClipStandardDeviations = 5.0;

// Solves the symmetric positive definite system a·x = b by Gaussian elimination with partial
// pivoting. `a` is n×n, row-major. Returns false when a pivot is (numerically) zero.
bool SolveLinearSystem(std::vector<std::vector<double>> a, std::vector<double> b,
                       std::vector<double>& x) {
  size_t n = b.size();
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t row = col + 1; row < n; ++row) {
      if (std::abs(a[row][col]) > std::abs(a[pivot][col])) {
        pivot = row;
      }
    }
    if (std::abs(a[pivot][col]) < 1e-12) {
      return false;
    }
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    for (size_t row = col + 1; row < n; ++row) {
      double factor = a[row][col] / a[col][col];
      for (size_t k = col; k < n; ++k) {
        a[row][k] -= factor * a[col][k];
      }
      b[row] -= factor * b[col];
    }
  }

  x.assign(n, 0);
  for (size_t row = n; row-- > 0;) {
    double sum = b[row];
    for (size_t k = row + 1; k < n; ++k) {
      sum -= a[row][k] * x[k];
    }
    x[row] = sum / a[row][row];
  }
  return true;
}

double Sigmoid(double eta) { return 1.0 / (1.0 + std::exp(-eta)); }

struct Standardizer {
  std::vector<double> mean;
  std::vector<double> deviation;

  std::vector<double> Apply(const std::vector<double>& row) const {
    std::vector<double> out(row.size());
    for (size_t j = 0; j < row.size(); ++j) {
      double z = deviation[j] > 0 ? (row[j] - mean[j]) / deviation[j] : 0.0;
      out[j] = std::clamp(z, -kClipStandardDeviations, kClipStandardDeviations);
    }
    return out;
  }
};

Standardizer FitStandardizer(const std::vector<const std::vector<double>*>& rows) {
  size_t width = rows.front()->size();
  Standardizer standardizer{std::vector<double>(width, 0), std::vector<double>(width, 0)};
  double n = static_cast<double>(rows.size());
  for (const auto* row : rows) {
    for (size_t j = 0; j < width; ++j) {
      standardizer.mean[j] += (*row)[j] / n;
    }
  }
  for (const auto* row : rows) {
    for (size_t j = 0; j < width; ++j) {
      double d = (*row)[j] - standardizer.mean[j];
      standardizer.deviation[j] += d * d / n;
    }
  }
  for (double& deviation : standardizer.deviation) {
    deviation = std::sqrt(deviation);
  }
  return standardizer;
}

// Fold of each row: stratified, the i-th row of its class in input order goes to fold i mod k.
std::vector<int> AssignFolds(const std::vector<bool>& positive, int folds) {
  std::vector<int> fold(positive.size());
  int seen[2] = {0, 0};
  for (size_t i = 0; i < positive.size(); ++i) {
    fold[i] = seen[positive[i] ? 1 : 0]++ % folds;
  }
  return fold;
}

struct Sample {
  std::vector<std::vector<double>> rows;
  std::vector<bool> positive;
};

// Tenders where every screen in `wanted` is defined, with those screens as features.
Sample CollectSample(const std::vector<PriceScreens>& screens, const std::vector<bool>& labels,
                     const std::vector<Screen>& wanted) {
  Sample sample;
  for (size_t i = 0; i < screens.size(); ++i) {
    std::vector<double> row;
    for (Screen screen : wanted) {
      auto value = screens[i].Value(screen);
      if (!value) {
        break;
      }
      row.push_back(*value);
    }
    if (row.size() == wanted.size()) {
      sample.rows.push_back(std::move(row));
      sample.positive.push_back(labels[i]);
    }
  }
  return sample;
}

// The screens of the tenders where every screen in `wanted` is defined, in input order.
std::vector<PriceScreens> OnlyCommon(const std::vector<PriceScreens>& screens,
                                     const std::vector<Screen>& wanted) {
  std::vector<PriceScreens> complete_tenders;
  for (const auto& tender : screens) {
    bool complete = std::all_of(wanted.begin(), wanted.end(),
                                [&](Screen screen) { return tender.Value(screen).has_value(); });
    if (complete) {
      complete_tenders.push_back(tender);
    }
  }
  return complete_tenders;
}

void CountClasses(const std::vector<bool>& positive, ScreenAucRow& row) {
  row.collusive = static_cast<int>(std::count(positive.begin(), positive.end(), true));
  row.competitive = static_cast<int>(positive.size()) - row.collusive;
}

// AUC of a single screen over a sample whose first feature is that screen.
double OrientedAuc(const Sample& sample, Screen screen) {
  std::vector<double> scores;
  scores.reserve(sample.rows.size());
  for (const auto& row : sample.rows) {
    scores.push_back(ScreenCollusionDirection(screen) * row.front());
  }
  return RocAuc(scores, sample.positive);
}

ScreenAucRow EvaluateCombination(const std::vector<PriceScreens>& screens,
                                 const std::vector<bool>& labels,
                                 const std::vector<Screen>& combined, int folds) {
  ScreenAucRow row;
  std::vector<std::string> names;
  for (Screen screen : combined) {
    names.emplace_back(ScreenName(screen));
    row.minimum_bids = std::max(row.minimum_bids, ScreenMinimumBids(screen));
  }
  row.name = fmt::format("logit({})", fmt::join(names, "+"));
  row.direction = "fitted";

  Sample sample = CollectSample(screens, labels, combined);
  CountClasses(sample.positive, row);
  row.auc =
      RocAuc(CrossValidatedProbabilities(sample.rows, sample.positive, folds), sample.positive);
  return row;
}

}  // namespace

double RocAuc(const std::vector<double>& scores, const std::vector<bool>& positive) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });

  // Sum of the midranks of the positives; tied scores share the mean of their ranks.
  double positive_rank_sum = 0;
  double positives = 0;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end < order.size() && scores[order[end]] == scores[order[start]]) {
      ++end;
    }
    double midrank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (size_t k = start; k < end; ++k) {
      if (positive[order[k]]) {
        positive_rank_sum += midrank;
        positives += 1;
      }
    }
    start = end;
  }

  double negatives = static_cast<double>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) {
    return 0.5;
  }
  double u = positive_rank_sum - positives * (positives + 1) / 2.0;
  return u / (positives * negatives);
}

double LogisticModel::Predict(const std::vector<double>& features) const {
  double eta = coefficients.front();
  for (size_t j = 0; j < features.size(); ++j) {
    eta += coefficients[j + 1] * features[j];
  }
  return Sigmoid(eta);
}

LogisticModel FitLogisticRegression(const std::vector<std::vector<double>>& rows,
                                    const std::vector<bool>& positive, double ridge,
                                    int max_iterations) {
  size_t width = rows.empty() ? 1 : rows.front().size() + 1;
  LogisticModel model;
  model.coefficients.assign(width, 0.0);

  for (model.iterations = 0; model.iterations < max_iterations; ++model.iterations) {
    // Normal equations of one Newton step: (XᵀWX + λI′)·Δ = Xᵀ(y − p) − λI′β, where I′ is the
    // identity without its intercept entry and W = diag(p(1 − p)).
    std::vector<std::vector<double>> hessian(width, std::vector<double>(width, 0.0));
    std::vector<double> gradient(width, 0.0);
    std::vector<double> x(width, 1.0);
    for (size_t i = 0; i < rows.size(); ++i) {
      std::copy(rows[i].begin(), rows[i].end(), x.begin() + 1);
      double p = model.Predict(rows[i]);
      double weight = std::max(p * (1 - p), 1e-10);
      double residual = (positive[i] ? 1.0 : 0.0) - p;
      for (size_t a = 0; a < width; ++a) {
        gradient[a] += x[a] * residual;
        for (size_t b = 0; b < width; ++b) {
          hessian[a][b] += weight * x[a] * x[b];
        }
      }
    }
    for (size_t a = 1; a < width; ++a) {
      hessian[a][a] += ridge;
      gradient[a] -= ridge * model.coefficients[a];
    }

    std::vector<double> step;
    if (!SolveLinearSystem(std::move(hessian), std::move(gradient), step)) {
      return model;
    }
    double largest_step = 0;
    for (size_t a = 0; a < width; ++a) {
      model.coefficients[a] += step[a];
      largest_step = std::max(largest_step, std::abs(step[a]));
    }
    if (largest_step < 1e-9) {
      model.converged = true;
      ++model.iterations;
      return model;
    }
  }
  return model;
}

std::vector<double> CrossValidatedProbabilities(const std::vector<std::vector<double>>& rows,
                                                const std::vector<bool>& positive, int folds) {
  std::vector<double> probabilities(rows.size(), 0.5);
  std::vector<int> fold = AssignFolds(positive, folds);

  for (int held_out = 0; held_out < folds; ++held_out) {
    std::vector<const std::vector<double>*> training_rows;
    std::vector<bool> training_labels;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (fold[i] != held_out) {
        training_rows.push_back(&rows[i]);
        training_labels.push_back(positive[i]);
      }
    }
    if (training_rows.empty()) {
      continue;
    }

    Standardizer standardizer = FitStandardizer(training_rows);
    std::vector<std::vector<double>> standardized;
    standardized.reserve(training_rows.size());
    for (const auto* row : training_rows) {
      standardized.push_back(standardizer.Apply(*row));
    }
    LogisticModel model = FitLogisticRegression(standardized, training_labels);

    for (size_t i = 0; i < rows.size(); ++i) {
      if (fold[i] == held_out) {
        probabilities[i] = model.Predict(standardizer.Apply(rows[i]));
      }
    }
  }
  return probabilities;
}

ScreenAucTable EvaluateScreens(const std::vector<LabelledAuction>& auctions, int folds) {
  ScreenAucTable table;
  table.folds = folds;
  table.auctions = static_cast<int>(auctions.size());

  std::vector<PriceScreens> screens;
  std::vector<bool> labels;
  for (const auto& auction : auctions) {
    screens.push_back(ComputePriceScreens(auction.bids));
    labels.push_back(auction.cartelized);
    (auction.cartelized ? table.collusive : table.competitive) += 1;
  }

  std::vector<Screen> all(kAllScreens.begin(), kAllScreens.end());
  Sample common = CollectSample(screens, labels, all);
  table.common_tenders = static_cast<int>(common.rows.size());

  for (size_t j = 0; j < all.size(); ++j) {
    Screen screen = all[j];
    ScreenAucRow row;
    row.name = ScreenName(screen);
    row.direction = ScreenCollusionDirection(screen) > 0 ? "higher" : "lower";
    row.minimum_bids = ScreenMinimumBids(screen);

    Sample sample = CollectSample(screens, labels, {screen});
    CountClasses(sample.positive, row);
    row.auc = OrientedAuc(sample, screen);

    std::vector<double> common_scores;
    for (const auto& features : common.rows) {
      common_scores.push_back(ScreenCollusionDirection(screen) * features[j]);
    }
    row.common_auc = RocAuc(common_scores, common.positive);
    table.rows.push_back(std::move(row));
  }

  std::vector<Screen> pair = {Screen::kCv, Screen::kSpd, Screen::kDiffp};
  ScreenAucRow pair_screens = EvaluateCombination(screens, labels, pair, folds);
  Sample common_pair = CollectSample(OnlyCommon(screens, all), common.positive, pair);
  pair_screens.common_auc =
      RocAuc(CrossValidatedProbabilities(common_pair.rows, common_pair.positive, folds),
             common_pair.positive);
  ScreenAucRow all_screens = EvaluateCombination(screens, labels, all, folds);
  all_screens.common_auc = all_screens.auc;
  table.rows.push_back(std::move(pair_screens));
  table.rows.push_back(std::move(all_screens));
  return table;
}

std::string FormatScreenAucTable(const ScreenAucTable& table) {
  std::string out = fmt::format(
      "{} auctions ({} cartelized, {} competitive); {} have all nine screens defined; "
      "combinations scored by stratified {}-fold cross-validation.\n\n",
      table.auctions, table.collusive, table.competitive, table.common_tenders, table.folds);
  out +=
      "| score | cartel expected | min. bids | cartelized | competitive | ROC AUC | "
      "ROC AUC, all-screen tenders |\n";
  out += "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& row : table.rows) {
    out += fmt::format("| {} | {} | {} | {} | {} | {:.3f} | {:.3f} |\n", row.name, row.direction,
                       row.minimum_bids, row.collusive, row.competitive, row.auc, row.common_auc);
  }
  return out;
}

}  // namespace mingjing::procurement
