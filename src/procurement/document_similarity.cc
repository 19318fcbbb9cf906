#include "procurement/document_similarity.h"

#include <algorithm>
#include <unordered_set>

namespace mingjing::procurement {
namespace {

// SplitMix64 finaliser: a fast, well-mixed 64-bit hash of a 64-bit value.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// FNV-1a over bytes, then mixed, as the hash of one shingle.
uint64_t HashBytes(std::string_view bytes) {
  uint64_t hash = 0xCBF29CE484222325ULL;
  for (unsigned char c : bytes) {
    hash = (hash ^ c) * 0x100000001B3ULL;
  }
  return Mix(hash);
}

// Byte length of the UTF-8 sequence that starts with `lead`; 1 for an invalid lead byte.
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

bool IsWhitespace(std::string_view code_point) {
  if (code_point.size() == 1) {
    char c = code_point[0];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  }
  return code_point == "\u3000";  // ideographic space, common in Chinese documents
}

std::vector<uint64_t> Deduplicate(std::vector<uint64_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

}  // namespace

std::vector<uint64_t> ShingleText(std::string_view text, int k) {
  // Offsets of the code points that remain after whitespace is removed, kept as views.
  std::vector<std::string_view> code_points;
  for (size_t i = 0; i < text.size();) {
    size_t length = std::min(Utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
    std::string_view code_point = text.substr(i, length);
    if (!IsWhitespace(code_point)) {
      code_points.push_back(code_point);
    }
    i += length;
  }

  std::vector<uint64_t> hashes;
  if (code_points.empty()) {
    return hashes;
  }
  size_t width = std::min(code_points.size(), static_cast<size_t>(k));
  std::string shingle;
  for (size_t start = 0; start + width <= code_points.size(); ++start) {
    shingle.clear();
    for (size_t j = start; j < start + width; ++j) {
      shingle.append(code_points[j]);
    }
    hashes.push_back(HashBytes(shingle));
  }
  return Deduplicate(std::move(hashes));
}

std::vector<uint64_t> HashShingles(const std::vector<std::string>& shingles) {
  std::vector<uint64_t> hashes;
  hashes.reserve(shingles.size());
  for (const auto& shingle : shingles) {
    hashes.push_back(HashBytes(shingle));
  }
  return Deduplicate(std::move(hashes));
}

std::optional<MinHashSignature> ComputeMinHash(const std::vector<uint64_t>& shingle_hashes) {
  if (shingle_hashes.empty()) {
    return std::nullopt;
  }
  MinHashSignature signature;
  signature.fill(UINT32_MAX);
  // Hash function i is Mix(shingle ⊕ seed_i): independent enough for MinHash, and cheap.
  std::array<uint64_t, kMinHashSize> seeds;
  for (int i = 0; i < kMinHashSize; ++i) {
    seeds[i] = Mix(0x5EED0000ULL + static_cast<uint64_t>(i));
  }
  for (uint64_t shingle : shingle_hashes) {
    for (int i = 0; i < kMinHashSize; ++i) {
      uint32_t value = static_cast<uint32_t>(Mix(shingle ^ seeds[i]) >> 32);
      signature[i] = std::min(signature[i], value);
    }
  }
  return signature;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  int equal = 0;
  for (int i = 0; i < kMinHashSize; ++i) {
    equal += a[i] == b[i] ? 1 : 0;
  }
  return static_cast<double>(equal) / kMinHashSize;
}

std::array<uint64_t, kLshBands> LshBandKeys(const MinHashSignature& signature) {
  std::array<uint64_t, kLshBands> keys;
  for (int band = 0; band < kLshBands; ++band) {
    uint64_t key = Mix(static_cast<uint64_t>(band));
    for (int row = 0; row < kLshRows; ++row) {
      key = Mix(key ^ signature[band * kLshRows + row]);
    }
    keys[band] = key;
  }
  return keys;
}

std::string SignatureToHex(const MinHashSignature& signature) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(kMinHashSize * 8);
  for (uint32_t value : signature) {
    for (int shift = 28; shift >= 0; shift -= 4) {
      hex.push_back(kDigits[(value >> shift) & 0xF]);
    }
  }
  return hex;
}

std::optional<MinHashSignature> SignatureFromHex(std::string_view hex) {
  if (hex.size() != kMinHashSize * 8) {
    return std::nullopt;
  }
  MinHashSignature signature;
  for (int i = 0; i < kMinHashSize; ++i) {
    uint32_t value = 0;
    for (int j = 0; j < 8; ++j) {
      char c = hex[i * 8 + j];
      int digit = 0;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else {
        return std::nullopt;
      }
      value = value << 4 | static_cast<uint32_t>(digit);
    }
    signature[i] = value;
  }
  return signature;
}

void SimilarityIndex::Add(int64_t id, const MinHashSignature& signature) {
  signatures_[id] = signature;
  for (uint64_t key : LshBandKeys(signature)) {
    buckets_[key].push_back(id);
  }
}

std::vector<SimilarDocument> SimilarityIndex::FindSimilar(const MinHashSignature& signature,
                                                          double threshold,
                                                          std::optional<int64_t> query_id) const {
  std::unordered_set<int64_t> candidates;
  for (uint64_t key : LshBandKeys(signature)) {
    auto bucket = buckets_.find(key);
    if (bucket != buckets_.end()) {
      candidates.insert(bucket->second.begin(), bucket->second.end());
    }
  }

  std::vector<SimilarDocument> similar;
  for (int64_t id : candidates) {
    if (query_id && id == *query_id) {
      continue;
    }
    double similarity = EstimateJaccard(signature, signatures_.at(id));
    if (similarity >= threshold) {
      similar.push_back({id, similarity});
    }
  }
  std::sort(similar.begin(), similar.end(), [](const auto& a, const auto& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
  });
  return similar;
}

}  // namespace mingjing::procurement
