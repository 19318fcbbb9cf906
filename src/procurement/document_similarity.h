// Near-duplicate detection of bid documents by shingling, MinHash and locality-sensitive hashing.
// A document becomes the set of its k-character shingles. MinHash signatures estimate the Jaccard
// similarity of two sets. LSH banding finds the candidate pairs without comparing every document
// with every other, so a region's whole tender history stays searchable.
//
// With 128 hash functions in 16 bands of 8 rows, two documents of Jaccard similarity J share at
// least one band with probability 1 − (1 − J⁸)¹⁶: 0.95 at J = 0.8, 0.24 at J = 0.6 and 0.01 at
// J = 0.4. Candidates are then kept only if their estimated similarity reaches the threshold.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mingjing::procurement {

inline constexpr int kShingleLength = 5;  // Unicode code points, whitespace removed
inline constexpr int kMinHashSize = 128;
inline constexpr int kLshBands = 16;
inline constexpr int kLshRows = kMinHashSize / kLshBands;

using MinHashSignature = std::array<uint32_t, kMinHashSize>;

// Hashes of the distinct k-code-point shingles of UTF-8 `text` after removing whitespace, so that
// reflowed or re-indented copies still match. Invalid UTF-8 bytes count as one code point each.
// A text shorter than k gives one shingle of the whole text, and an empty text none.
std::vector<uint64_t> ShingleText(std::string_view text, int k = kShingleLength);

// Hashes of shingles that the sender computed itself (opaque strings), deduplicated.
std::vector<uint64_t> HashShingles(const std::vector<std::string>& shingles);

// The MinHash signature of a shingle set; nothing for an empty set.
std::optional<MinHashSignature> ComputeMinHash(const std::vector<uint64_t>& shingle_hashes);

// The share of equal positions, an unbiased estimate of the Jaccard similarity.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

// One bucket key per band: a hash of the band's rows and of the band number, so that equal rows
// in different bands do not collide.
std::array<uint64_t, kLshBands> LshBandKeys(const MinHashSignature& signature);

// Lower-case hexadecimal text of a signature (1,024 characters) for storage, and back.
std::string SignatureToHex(const MinHashSignature& signature);
std::optional<MinHashSignature> SignatureFromHex(std::string_view hex);

struct SimilarDocument {
  int64_t id = 0;
  double similarity = 0;  // estimated Jaccard similarity
};

// An in-memory LSH index of signatures. Lookup costs grow with the number of documents that share
// a band with the query, not with the size of the index.
class SimilarityIndex {
 public:
  void Add(int64_t id, const MinHashSignature& signature);

  // Documents whose estimated similarity to `signature` is at least `threshold`, most similar
  // first. A document added under the same id as the query is not returned.
  std::vector<SimilarDocument> FindSimilar(const MinHashSignature& signature, double threshold,
                                           std::optional<int64_t> query_id = std::nullopt) const;

  size_t size() const { return signatures_.size(); }

 private:
  std::unordered_map<int64_t, MinHashSignature> signatures_;
  std::unordered_map<uint64_t, std::vector<int64_t>> buckets_;
};

}  // namespace mingjing::procurement
