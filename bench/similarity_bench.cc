// Near-duplicate search over synthetic bid documents: MinHash signatures with LSH banding against
// comparing every pair of signatures. The LSH search should grow about linearly with the number of
// documents, the pairwise comparison quadratically.
//
// Each document is 80 words drawn from a vocabulary of 50,000, and every twentieth document is a
// copy of an earlier one with 4 of its words replaced, as a bid prepared from another bidder's
// file would be. Signatures are computed once per size, outside the timed loop.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "procurement/document_similarity.h"

namespace {

using mingjing::procurement::ComputeMinHash;
using mingjing::procurement::EstimateJaccard;
using mingjing::procurement::MinHashSignature;
using mingjing::procurement::ShingleText;
using mingjing::procurement::SimilarityIndex;

constexpr int kWordsPerDocument = 80;
constexpr int kVocabulary = 50'000;
constexpr int kCopyEvery = 20;
constexpr int kChangedWords = 4;
constexpr double kThreshold = 0.8;

std::vector<std::string> MakeDocuments(int count) {
  std::mt19937 random(20261204);
  std::uniform_int_distribution<int> word(0, kVocabulary - 1);
  std::vector<std::vector<int>> words;
  std::vector<std::string> documents;
  for (int i = 0; i < count; ++i) {
    std::vector<int> text;
    if (i > 0 && i % kCopyEvery == 0) {
      text = words[std::uniform_int_distribution<int>(0, i - 1)(random)];
      for (int k = 0; k < kChangedWords; ++k) {
        text[std::uniform_int_distribution<int>(0, kWordsPerDocument - 1)(random)] = word(random);
      }
    } else {
      for (int k = 0; k < kWordsPerDocument; ++k) text.push_back(word(random));
    }
    std::string document;
    for (int w : text) document += "词" + std::to_string(w) + " ";
    documents.push_back(std::move(document));
    words.push_back(std::move(text));
  }
  return documents;
}

// Signatures of `count` documents, computed once per size and kept for later runs.
const std::vector<MinHashSignature>& Signatures(int count) {
  static std::map<int, std::vector<MinHashSignature>> cache;
  auto found = cache.find(count);
  if (found != cache.end()) return found->second;
  std::vector<MinHashSignature> signatures;
  for (const auto& document : MakeDocuments(count)) {
    signatures.push_back(*ComputeMinHash(ShingleText(document)));
  }
  return cache.emplace(count, std::move(signatures)).first->second;
}

// Indexes every document, then looks each one up, as a region's history is searched when each
// new bid arrives.
void BM_LshSearchAll(benchmark::State& state) {
  const auto& signatures = Signatures(static_cast<int>(state.range(0)));
  int64_t pairs = 0;
  for (auto _ : state) {
    SimilarityIndex index;
    pairs = 0;
    for (size_t i = 0; i < signatures.size(); ++i) {
      pairs += static_cast<int64_t>(
          index.FindSimilar(signatures[i], kThreshold, static_cast<int64_t>(i)).size());
      index.Add(static_cast<int64_t>(i), signatures[i]);
    }
    benchmark::DoNotOptimize(pairs);
  }
  state.counters["similar_pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_LshSearchAll)->Arg(10'000)->Arg(30'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Compares every pair of signatures.
void BM_PairwiseSearchAll(benchmark::State& state) {
  const auto& signatures = Signatures(static_cast<int>(state.range(0)));
  int64_t pairs = 0;
  for (auto _ : state) {
    pairs = 0;
    for (size_t i = 0; i < signatures.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        pairs += EstimateJaccard(signatures[i], signatures[j]) >= kThreshold ? 1 : 0;
      }
    }
    benchmark::DoNotOptimize(pairs);
  }
  state.counters["similar_pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_PairwiseSearchAll)->Arg(2'500)->Arg(5'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

// Signature cost per document, which is linear and paid once per bid on arrival.
void BM_MinHashOneDocument(benchmark::State& state) {
  std::string document = MakeDocuments(1).front();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeMinHash(ShingleText(document)));
  }
}
BENCHMARK(BM_MinHashOneDocument)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
