// Red-flag indicators over a large OCDS file, against a bare Boost.JSON parse of the same file.
// The ratio of the two times shows what the indicators cost on top of parsing the JSON alone.
//
// The file is made at start-up from the releases of the red-flag fixtures, which are found through
// MINGJING_SHARED_DATA or next to the source tree. They are repeated with new ocids and scaled
// amounts, and their tenderers, buyers and suppliers are drawn from a pool of 400 identifiers.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "procurement/indicator_run.h"
#include "procurement/indicator_settings.h"

namespace {

using mingjing::procurement::DefaultIndicatorSettings;
using mingjing::procurement::RunIndicatorsOnFile;

constexpr int kReleases = 80'000;
constexpr int kOrganisations = 400;

std::filesystem::path FixtureDirectory() {
  if (const char* shared = std::getenv("MINGJING_SHARED_DATA")) {
    return std::filesystem::path(shared) / "ocds-red-flags" / "fixtures";
  }
  // bench/procurement_bench.cc → <project>/../shared/data
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "shared" /
         "data" / "ocds-red-flags" / "fixtures";
}

std::vector<boost::json::object> LoadTemplates() {
  std::vector<boost::json::object> templates;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(FixtureDirectory(), ec)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      templates.push_back(boost::json::parse(line).as_object());
    }
  }
  return templates;
}

bool IsOrganisationReference(std::string_view key) {
  return key == "tenderers" || key == "suppliers" || key == "buyer" || key == "procuringEntity";
}

// Draws every organisation id in `value` from the pool, so that buyers and tenderers recur across
// processes as they do in real data, and scales every amount.
void Vary(boost::json::value& value, std::mt19937& random, double scale, bool in_organisation) {
  if (auto* object = value.if_object()) {
    for (auto& field : *object) {
      if (in_organisation && field.key() == "id") {
        field.value() = "org-" + std::to_string(random() % kOrganisations);
      } else if (field.key() == "amount" && field.value().is_number()) {
        field.value() = field.value().to_number<double>() * scale;
      } else {
        Vary(field.value(), random, scale, IsOrganisationReference(field.key()));
      }
    }
  } else if (auto* array = value.if_array()) {
    for (auto& item : *array) Vary(item, random, scale, in_organisation);
  }
}

class SyntheticFile {
 public:
  SyntheticFile() {
    std::vector<boost::json::object> templates = LoadTemplates();
    if (templates.empty()) return;

    path_ = (std::filesystem::temp_directory_path() /
             ("mingjing_procurement_bench_" + std::to_string(::getpid()) + ".jsonl"))
                .string();
    std::ofstream out(path_, std::ios::binary);
    std::mt19937 random(20240601);
    std::uniform_real_distribution<double> scale(1000.0, 100000.0);
    for (int i = 0; i < kReleases; ++i) {
      boost::json::value release = templates[i % templates.size()];
      Vary(release, random, scale(random), false);
      release.as_object()["ocid"] = "ocds-bench-" + std::to_string(i);
      std::string line = boost::json::serialize(release);
      bytes_ += line.size() + 1;
      out << line << '\n';
    }
  }

  ~SyntheticFile() {
    if (!path_.empty()) std::filesystem::remove(path_);
  }

  const std::string& path() const { return path_; }
  int64_t bytes() const { return static_cast<int64_t>(bytes_); }

 private:
  std::string path_;
  size_t bytes_ = 0;
};

const SyntheticFile& File() {
  static SyntheticFile file;
  return file;
}

// The baseline: read the file line by line and parse each line into a Boost.JSON tree, reusing
// one parser, and nothing else.
void BM_BareBoostJsonParse(benchmark::State& state) {
  const SyntheticFile& file = File();
  if (file.path().empty()) {
    state.SkipWithError("red-flag fixtures not found; set MINGJING_SHARED_DATA");
    return;
  }
  for (auto _ : state) {
    std::ifstream in(file.path(), std::ios::binary);
    boost::json::parser parser;
    int64_t objects = 0;
    for (std::string line; std::getline(in, line);) {
      parser.reset();
      parser.write(line);
      boost::json::value value = parser.release();
      objects += value.is_object();
    }
    benchmark::DoNotOptimize(objects);
  }
  state.SetBytesProcessed(state.iterations() * file.bytes());
  state.SetItemsProcessed(state.iterations() * kReleases);
}

// Reading, compiling and all eleven indicators with their default settings.
void BM_AllElevenIndicators(benchmark::State& state) {
  const SyntheticFile& file = File();
  if (file.path().empty()) {
    state.SkipWithError("red-flag fixtures not found; set MINGJING_SHARED_DATA");
    return;
  }
  auto settings = DefaultIndicatorSettings();
  size_t flagged = 0;
  for (auto _ : state) {
    auto run = RunIndicatorsOnFile(file.path(), settings);
    if (!run) {
      state.SkipWithError(run.error().message.c_str());
      return;
    }
    flagged = run->results.Count(mingjing::procurement::ResultGroup::kOcid);
    benchmark::DoNotOptimize(flagged);
  }
  state.counters["flagged_processes"] = static_cast<double>(flagged);
  state.SetBytesProcessed(state.iterations() * file.bytes());
  state.SetItemsProcessed(state.iterations() * kReleases);
}

BENCHMARK(BM_BareBoostJsonParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AllElevenIndicators)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
