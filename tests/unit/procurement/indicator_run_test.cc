#include "procurement/indicator_run.h"

#include <gtest/gtest.h>

#include "procurement/indicator_engine.h"
#include "test_files.h"

namespace mingjing::procurement {
namespace {

IndicatorSettings OnlyR035() {
  auto settings = ParseIndicatorSettings("[R035]\n", "test.ini");
  EXPECT_TRUE(settings);
  return *settings;
}

// The bids arrive in one release and the active award in a later one. Only the merged process
// shows that every bidder except the winner was disqualified.
TEST(RunIndicatorsOnFile, MergesReleasesOfOneProcess) {
  testing::TempFile file(".json");
  file.Write(R"({"releases": [
    {"ocid": "p", "id": "2", "date": "2000-02-01T00:00:00Z", "tag": ["award"],
     "awards": [{"id": "a1", "status": "active", "suppliers": [{"id": "V"}]}]},
    {"ocid": "p", "id": "1", "date": "2000-01-01T00:00:00Z", "tag": ["tender"],
     "bids": {"details": [{"id": "b1", "status": "valid", "tenderers": [{"id": "V"}]},
                          {"id": "b2", "status": "disqualified", "tenderers": [{"id": "D"}]}]},
     "awards": [{"id": "a1", "status": "pending"}]}
  ]})");
  auto run = RunIndicatorsOnFile(file.path(), OnlyR035());
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->processes, 1u);
  // The later release turned the pending award active; without the merge it stays pending.
  const double* value = run->results.Find(ResultGroup::kOcid, "p", "R035");
  ASSERT_NE(value, nullptr);
  EXPECT_DOUBLE_EQ(*value, 1.0);
}

TEST(RunIndicatorsOnFile, UsesCompiledReleaseOfRecord) {
  testing::TempFile file(".json");
  file.Write(R"({"records": [{"ocid": "p", "compiledRelease": {"ocid": "p",
     "bids": {"details": [{"status": "valid", "tenderers": [{"id": "V"}]},
                          {"status": "disqualified", "tenderers": [{"id": "D"}]}]},
     "awards": [{"status": "active", "suppliers": [{"id": "V"}]}]}}]})");
  auto run = RunIndicatorsOnFile(file.path(), OnlyR035());
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_NE(run->results.Find(ResultGroup::kOcid, "p", "R035"), nullptr);
  EXPECT_NE(run->results.Find(ResultGroup::kTenderer, "V", "R035"), nullptr);
}

TEST(RunIndicatorsOnFile, BadLineIsSkippedAndCounted) {
  testing::TempFile file(".jsonl.gz");
  file.WriteGzip(
      "{\"ocid\":\"p\",\"bids\":{\"details\":[{\"status\":\"valid\",\"tenderers\":[{\"id\":\"V\"}]}"
      ","
      "{\"status\":\"disqualified\",\"tenderers\":[{\"id\":\"D\"}]}]},"
      "\"awards\":[{\"status\":\"active\",\"suppliers\":[{\"id\":\"V\"}]}]}\n"
      "{broken\n");
  std::vector<std::string> reported;
  auto run = RunIndicatorsOnFile(file.path(), OnlyR035(), [&](const ReadIssue& issue) {
    reported.push_back(issue.ToString());
  });
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->issue_count, 1u);
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].find(":2: invalid JSON"), std::string::npos) << reported[0];
  EXPECT_NE(run->results.Find(ResultGroup::kOcid, "p", "R035"), nullptr);
}

TEST(IndicatorEngine, ExcludesNonStringOcidAndCancelledTender) {
  IndicatorEngine engine(OnlyR035());
  ContractingProcess numeric_ocid;
  ContractingProcess cancelled;
  cancelled.ocid_is_string = true;
  cancelled.ocid = "c";
  cancelled.tender_status = "cancelled";
  engine.Add(numeric_ocid);
  engine.Add(cancelled);
  EXPECT_EQ(engine.processes_added(), 2u);
  EXPECT_EQ(engine.processes_excluded(), 2u);
}

TEST(IndicatorResults, TextWritesDecimals) {
  IndicatorResults results;
  results.Set(ResultGroup::kTenderer, "T\"1", "R025", 0.2);
  results.Set(ResultGroup::kOcid, "o", "R018", 1.0);
  EXPECT_EQ(results.ToJsonText(),
            R"({"OCID":{"o":{"R018":1.0}},"Tenderer":{"T\"1":{"R025":0.2}}})");
  EXPECT_EQ(IndicatorResults().ToJsonText(), "{}");
}

}  // namespace
}  // namespace mingjing::procurement
