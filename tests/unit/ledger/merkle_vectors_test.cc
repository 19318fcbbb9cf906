// Runs every RFC 6962 proof vector of the shared reference data: each happy path must verify and
// each mutation must be rejected. The happy paths also fix the proofs that the generators must
// produce for the same tree.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/encoding.h"
#include "ledger/merkle_tree.h"
#include "reference_tree.h"

namespace mingjing::ledger {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const fs::path kVectorFolder = fs::path(MINGJING_SHARED_DATA) / "merkle-rfc6962";

json::object ReadJson(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return json::parse(text.str()).as_object();
}

// The files under `folder`, in a stable order.
std::vector<fs::path> VectorFiles(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Decodes a Base64 field. A vector may hold an empty string where a hash is expected.
Bytes DecodeField(const json::object& vector, std::string_view key) {
  return crypto::Base64Decode(std::string_view(vector.at(key).as_string())).value();
}

// A missing proof is written as null.
Proof DecodeProof(const json::object& vector) {
  Proof proof;
  const json::value& value = vector.at("proof");
  if (value.is_null()) return proof;
  for (const json::value& hash : value.as_array()) {
    proof.push_back(crypto::Base64Decode(std::string_view(hash.as_string())).value());
  }
  return proof;
}

std::string Relative(const fs::path& path) { return fs::relative(path, kVectorFolder).string(); }

// Counts outcomes and fails the test when a vector's outcome differs from its wantErr.
struct Tally {
  int happy = 0;
  int rejected = 0;

  void Record(const fs::path& path, const json::object& vector, const Result<void>& verified) {
    if (vector.at("wantErr").as_bool()) {
      EXPECT_FALSE(verified.has_value()) << Relative(path) << " was accepted";
      ++rejected;
    } else {
      EXPECT_TRUE(verified.has_value())
          << Relative(path) << " was rejected: " << verified.error().message;
      ++happy;
    }
  }
};

TEST(MerkleVectors, InclusionVectors) {
  Sha256Hasher hasher;
  std::vector<fs::path> files = VectorFiles(kVectorFolder / "inclusion");
  ASSERT_GE(files.size(), 80u) << "inclusion vectors missing under " << kVectorFolder;

  Tally tally;
  for (const fs::path& path : files) {
    json::object vector = ReadJson(path);
    auto verified = VerifyInclusion(hasher, vector.at("leafIdx").to_number<uint64_t>(),
                                    vector.at("treeSize").to_number<uint64_t>(),
                                    DecodeField(vector, "leafHash"), DecodeProof(vector),
                                    DecodeField(vector, "root"));
    tally.Record(path, vector, verified);
  }
  EXPECT_GE(tally.happy, 5);
  EXPECT_GE(tally.rejected, 70);
}

TEST(MerkleVectors, ConsistencyVectors) {
  Sha256Hasher hasher;
  std::vector<fs::path> files = VectorFiles(kVectorFolder / "consistency");
  ASSERT_GE(files.size(), 80u) << "consistency vectors missing under " << kVectorFolder;

  Tally tally;
  for (const fs::path& path : files) {
    json::object vector = ReadJson(path);
    auto verified = VerifyConsistency(hasher, vector.at("size1").to_number<uint64_t>(),
                                      vector.at("size2").to_number<uint64_t>(), DecodeProof(vector),
                                      DecodeField(vector, "root1"), DecodeField(vector, "root2"));
    tally.Record(path, vector, verified);
  }
  EXPECT_GE(tally.happy, 5);
  EXPECT_GE(tally.rejected, 70);
}

// The numbered folders' happy paths are proofs over the reference tree, so the generators must
// reproduce them exactly.
TEST(MerkleVectors, GeneratorsReproduceHappyPaths) {
  Sha256Hasher hasher;
  std::vector<Bytes> leaves = testing::ReferenceLeafHashes(hasher);
  int compared = 0;

  for (const char* kind : {"inclusion", "consistency"}) {
    for (int folder = 0; folder <= 4; ++folder) {
      fs::path path = kVectorFolder / kind / std::to_string(folder) / "happy-path.json";
      if (!fs::exists(path)) continue;
      json::object vector = ReadJson(path);
      Proof expected = DecodeProof(vector);

      Result<Proof> generated;
      if (std::string_view(kind) == "inclusion") {
        auto size = vector.at("treeSize").to_number<uint64_t>();
        auto index = vector.at("leafIdx").to_number<uint64_t>();
        ASSERT_LE(size, leaves.size());
        generated = InclusionProof(hasher, std::span(leaves).first(size), index);
      } else {
        auto old_size = vector.at("size1").to_number<uint64_t>();
        auto new_size = vector.at("size2").to_number<uint64_t>();
        ASSERT_LE(new_size, leaves.size());
        generated = ConsistencyProof(hasher, std::span(leaves).first(new_size), old_size);
      }

      ASSERT_TRUE(generated.has_value()) << Relative(path);
      EXPECT_EQ(*generated, expected) << Relative(path);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 10);
}

}  // namespace
}  // namespace mingjing::ledger
