#include "procurement/screen_evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace mingjing::procurement {
namespace {

TEST(RocAuc, PerfectSeparation) {
  EXPECT_DOUBLE_EQ(RocAuc({1, 2, 3, 4}, {false, false, true, true}), 1.0);
  EXPECT_DOUBLE_EQ(RocAuc({4, 3, 2, 1}, {false, false, true, true}), 0.0);
}

TEST(RocAuc, TiesCountHalf) {
  // Pairs (positive, negative): (2,1) win, (2,2) tie, (3,1) win, (3,2) win → 3.5 / 4.
  EXPECT_DOUBLE_EQ(RocAuc({1, 2, 2, 3}, {false, false, true, true}), 0.875);
  EXPECT_DOUBLE_EQ(RocAuc({5, 5, 5}, {true, false, true}), 0.5);
}

TEST(RocAuc, OneClassGivesOneHalf) { EXPECT_DOUBLE_EQ(RocAuc({1, 2}, {true, true}), 0.5); }

// With one binary feature the maximum-likelihood fit reproduces the two group rates exactly:
// 1 of 4 positive at x = 0 and 3 of 4 at x = 1, so β0 = logit(1/4) = −ln 3 and β1 = 2 ln 3.
TEST(FitLogisticRegression, MatchesGroupRates) {
  std::vector<std::vector<double>> rows = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}};
  std::vector<bool> positive = {true, false, false, false, true, true, true, false};

  LogisticModel model = FitLogisticRegression(rows, positive, /*ridge=*/0.0);

  EXPECT_TRUE(model.converged);
  ASSERT_EQ(model.coefficients.size(), 2u);
  EXPECT_NEAR(model.coefficients[0], -std::log(3.0), 1e-9);
  EXPECT_NEAR(model.coefficients[1], 2 * std::log(3.0), 1e-9);
  EXPECT_NEAR(model.Predict({1}), 0.75, 1e-9);
}

TEST(FitLogisticRegression, RidgeKeepsSeparableDataFinite) {
  std::vector<std::vector<double>> rows = {{-2}, {-1}, {1}, {2}};
  std::vector<bool> positive = {false, false, true, true};

  LogisticModel model = FitLogisticRegression(rows, positive, /*ridge=*/0.1);

  EXPECT_TRUE(model.converged);
  EXPECT_TRUE(std::isfinite(model.coefficients[1]));
  EXPECT_GT(model.coefficients[1], 0.0);
}

TEST(CrossValidatedProbabilities, ScoresEveryRowOutOfFold) {
  std::vector<std::vector<double>> rows;
  std::vector<bool> positive;
  for (int i = 0; i < 40; ++i) {
    rows.push_back({static_cast<double>(i % 10) + (i % 2 == 0 ? 3.0 : 0.0)});
    positive.push_back(i % 2 == 0);
  }

  std::vector<double> probabilities = CrossValidatedProbabilities(rows, positive, 5);

  ASSERT_EQ(probabilities.size(), rows.size());
  for (double p : probabilities) {
    EXPECT_GT(p, 0.0);
    EXPECT_LT(p, 1.0);
  }
  EXPECT_GT(RocAuc(probabilities, positive), 0.5);
}

TEST(EvaluateScreens, OrientsScreensByExpectedDirection) {
  // Collusive tenders: tight cover bids just above the winner, so low CV and high DIFFP.
  std::vector<LabelledAuction> auctions;
  for (int i = 0; i < 20; ++i) {
    double base = 1000 + i;
    auctions.push_back(
        {"c" + std::to_string(i), {base, base * 1.05, base * 1.06, base * 1.07}, true});
    auctions.push_back(
        {"k" + std::to_string(i), {base, base * 1.01, base * 1.2, base * 1.4}, false});
  }

  ScreenAucTable table = EvaluateScreens(auctions, 5);

  EXPECT_EQ(table.collusive, 20);
  EXPECT_EQ(table.competitive, 20);
  EXPECT_EQ(table.common_tenders, 40);
  ASSERT_EQ(table.rows.size(), kAllScreens.size() + 2);
  EXPECT_EQ(table.rows[0].name, "CV");
  EXPECT_DOUBLE_EQ(table.rows[0].auc, 1.0);
  EXPECT_EQ(table.rows[2].name, "DIFFP");
  EXPECT_DOUBLE_EQ(table.rows[2].auc, 1.0);
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The documented table is the output of `mingjing procurement screens-auc` on the shared data.
TEST(EvaluateScreens, TsuchiuraTableMatchesDocumentation) {
  auto auctions =
      ReadTsuchiuraAuctions(std::string(MINGJING_SHARED_DATA) + "/bid-rigging/tsuchiura_data.csv");
  ASSERT_TRUE(auctions) << auctions.error().message;
  ASSERT_EQ(auctions->size(), 1565u);

  ScreenAucTable table = EvaluateScreens(*auctions);

  EXPECT_EQ(table.collusive, 941);
  EXPECT_EQ(table.competitive, 624);
  for (const auto& row : table.rows) {
    EXPECT_GE(row.auc, 0.0) << row.name;
    EXPECT_LE(row.auc, 1.0) << row.name;
    EXPECT_GE(row.common_auc, 0.0) << row.name;
    EXPECT_LE(row.common_auc, 1.0) << row.name;
  }

  std::string doc =
      ReadWholeFile(std::string(MINGJING_SOURCE_DIR) + "/docs/procurement-screens.md");
  std::string begin_mark = "<!-- screens-auc:begin -->\n";
  size_t begin = doc.find(begin_mark);
  size_t end = doc.find("<!-- screens-auc:end -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  std::string documented = doc.substr(begin + begin_mark.size(), end - begin - begin_mark.size());
  EXPECT_EQ(documented, FormatScreenAucTable(table));
}

TEST(ReadTsuchiuraAuctions, MissingFileIsNotFound) {
  auto auctions = ReadTsuchiuraAuctions("/nonexistent/tsuchiura.csv");
  ASSERT_FALSE(auctions);
  EXPECT_EQ(auctions.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace mingjing::procurement
