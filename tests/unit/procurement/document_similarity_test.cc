#include "procurement/document_similarity.h"

#include <gtest/gtest.h>

#include <string>

namespace mingjing::procurement {
namespace {

// A deterministic text of `words` distinct tokens starting at `first`.
std::string Words(int first, int words) {
  std::string text;
  for (int i = first; i < first + words; ++i) {
    text += "w" + std::to_string(i) + " ";
  }
  return text;
}

TEST(ShingleText, IgnoresWhitespace) {
  EXPECT_EQ(ShingleText("投标 文件\n第一章"), ShingleText("投标文件第一章"));
  EXPECT_EQ(ShingleText("投标\u3000文件第一章"), ShingleText("投标文件第一章"));
}

TEST(ShingleText, CountsCodePointsNotBytes) {
  // Seven Chinese characters give three 5-character shingles.
  EXPECT_EQ(ShingleText("投标文件第一章").size(), 3u);
  EXPECT_EQ(ShingleText("abc").size(), 1u);  // shorter than k: the whole text
  EXPECT_TRUE(ShingleText(" \n").empty());
}

TEST(ComputeMinHash, EmptySetHasNoSignature) { EXPECT_FALSE(ComputeMinHash({})); }

TEST(EstimateJaccard, IdenticalAndDisjointTexts) {
  auto a = ComputeMinHash(ShingleText(Words(0, 400)));
  auto b = ComputeMinHash(ShingleText(Words(0, 400)));
  auto c = ComputeMinHash(ShingleText(Words(5000, 400)));
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  ASSERT_TRUE(c);

  EXPECT_DOUBLE_EQ(EstimateJaccard(*a, *b), 1.0);
  EXPECT_LT(EstimateJaccard(*a, *c), 0.1);
}

TEST(EstimateJaccard, TracksTrueSimilarity) {
  auto a_shingles = ShingleText(Words(0, 1000));
  auto b_shingles = ShingleText(Words(100, 1000));  // 900 of 1,000 words shared
  std::vector<uint64_t> both;
  std::set_intersection(a_shingles.begin(), a_shingles.end(), b_shingles.begin(), b_shingles.end(),
                        std::back_inserter(both));
  double jaccard = static_cast<double>(both.size()) /
                   static_cast<double>(a_shingles.size() + b_shingles.size() - both.size());

  double estimate = EstimateJaccard(*ComputeMinHash(a_shingles), *ComputeMinHash(b_shingles));

  // The standard error with 128 hashes is √(J(1 − J)/128) ≈ 0.04 here.
  EXPECT_NEAR(estimate, jaccard, 0.15);
}

TEST(SignatureHex, RoundTrips) {
  auto signature = ComputeMinHash(ShingleText(Words(0, 50)));
  std::string hex = SignatureToHex(*signature);

  EXPECT_EQ(hex.size(), 1024u);
  EXPECT_EQ(SignatureFromHex(hex), signature);
  EXPECT_FALSE(SignatureFromHex(hex.substr(1)));
  EXPECT_FALSE(SignatureFromHex(std::string(1024, 'g')));
}

TEST(SimilarityIndex, FindsNearDuplicateAmongMany) {
  SimilarityIndex index;
  for (int i = 0; i < 500; ++i) {
    index.Add(i, *ComputeMinHash(ShingleText(Words(i * 1000, 100))));
  }
  // Document 123 with its last few words changed.
  auto query = ComputeMinHash(ShingleText(Words(123 * 1000, 97) + "changed tail"));

  auto similar = index.FindSimilar(*query, 0.8);

  ASSERT_EQ(similar.size(), 1u);
  EXPECT_EQ(similar[0].id, 123);
  EXPECT_GE(similar[0].similarity, 0.8);
}

TEST(SimilarityIndex, SkipsTheQueryItself) {
  SimilarityIndex index;
  auto signature = *ComputeMinHash(ShingleText(Words(0, 300)));
  index.Add(7, signature);

  EXPECT_TRUE(index.FindSimilar(signature, 0.8, 7).empty());
  EXPECT_EQ(index.FindSimilar(signature, 0.8).size(), 1u);
}

}  // namespace
}  // namespace mingjing::procurement
