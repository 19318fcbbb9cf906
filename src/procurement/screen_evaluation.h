// Measures how well the price screens separate collusive from competitive tenders on labelled
// data: the ROC AUC of each screen alone, and of logistic regressions that combine several,
// scored by stratified k-fold cross-validation so that no tender is scored by a model fitted on it.
#pragma once

#include <string>
#include <vector>

#include "procurement/price_screens.h"
#include "procurement/tsuchiura_auctions.h"

namespace mingjing::procurement {

// Area under the ROC curve: the probability that a randomly chosen positive scores higher than a
// randomly chosen negative, ties counting one half (the Mann–Whitney U statistic divided by the
// number of pairs). Returns 0.5 when either class is empty.
double RocAuc(const std::vector<double>& scores, const std::vector<bool>& positive);

struct LogisticModel {
  std::vector<double> coefficients;  // intercept first, then one per feature
  int iterations = 0;
  bool converged = false;

  // Probability of the positive class for one row of features.
  double Predict(const std::vector<double>& features) const;
};

// Fits a logistic regression by iteratively reweighted least squares (Newton–Raphson on the log
// likelihood). A small ridge penalty `ridge`·Σβ² on the slopes, never the intercept, keeps the
// normal equations solvable when the classes are separable or features collinear.
LogisticModel FitLogisticRegression(const std::vector<std::vector<double>>& rows,
                                    const std::vector<bool>& positive, double ridge = 1e-4,
                                    int max_iterations = 100);

// Out-of-fold probabilities from stratified k-fold cross-validation: within each class, the i-th
// row in input order goes to fold i mod k. Each fold is scored by a model fitted on the other
// folds, after standardizing every feature with the training folds' mean and standard deviation
// and clipping it to ±5 standard deviations, so that a few extreme tenders cannot dominate.
std::vector<double> CrossValidatedProbabilities(const std::vector<std::vector<double>>& rows,
                                                const std::vector<bool>& positive, int folds);

struct ScreenAucRow {
  std::string name;       // a screen name, or "logit(A+B+…)" for a combination
  std::string direction;  // "higher" or "lower" when collusion is expected to move it that way
  int minimum_bids = 0;
  int collusive = 0;    // labelled collusive tenders where the score is defined
  int competitive = 0;  // labelled competitive tenders where the score is defined
  double auc = 0.5;     // with the score oriented so that 1 means perfect separation as expected
  double common_auc = 0.5;  // the same on the tenders where every screen is defined
};

struct ScreenAucTable {
  int auctions = 0;
  int collusive = 0;
  int competitive = 0;
  int common_tenders = 0;  // tenders where every screen is defined
  int folds = 0;
  std::vector<ScreenAucRow> rows;
};

// Scores every screen and two combinations: the screens defined from two bids (CV, SPD, DIFFP),
// and all nine screens on the tenders where all are defined.
ScreenAucTable EvaluateScreens(const std::vector<LabelledAuction>& auctions, int folds = 10);

// The table as Markdown, the form reproduced in the documentation.
std::string FormatScreenAucTable(const ScreenAucTable& table);

}  // namespace mingjing::procurement
