// Runs every red-flag fixture of the shared reference data: each `<name>.jsonl` must give exactly
// `<name>.expected`. The settings come from the file name, e.g. R003-threshold-10 runs R003 with
// threshold = 10 (see FixtureSettingsIni).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>
#include <vector>

#include "procurement/indicator_run.h"
#include "test_files.h"

namespace mingjing::procurement {
namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

// Settings for a fixture, as INI text. The name is the indicator code followed by settings, all
// separated by '-':
//   R024                                       default settings
//   R038-tenderer                              default settings; the last part only names a case
//   R003-threshold-10                          [R003] threshold = 10
//   R003-procurement_methods-open+selective    [R003] procurement_methods = open|selective
//   R003-procurement_method_details-x-5-y-10   [R003.procurement_method_details] x = 5, y = 10
// The fixtures also expect two settings that every one of them shares: processes whose
// procurementMethodDetails is NPC set their prices by the buyer, and EXC is excluded.
std::string FixtureSettingsIni(const std::string& name) {
  std::vector<std::string> parts = Split(name, '-');
  std::string ini =
      "no_price_comparison_procurement_methods = NPC\n"
      "[exclusions]\n"
      "procurement_method_details = EXC\n";
  const std::string& code = parts.front();

  if (parts.size() >= 2 && parts[1] == "procurement_method_details") {
    ini += "[" + code + ".procurement_method_details]\n";
    for (size_t i = 2; i + 1 < parts.size(); i += 2) ini += parts[i] + " = " + parts[i + 1] + "\n";
    return ini;
  }

  ini += "[" + code + "]\n";
  for (size_t i = 1; i + 1 < parts.size(); i += 2) {
    std::string value = parts[i + 1];
    std::replace(value.begin(), value.end(), '+', '|');
    ini += parts[i] + " = " + value + "\n";
  }
  return ini;
}

std::vector<std::string> FixtureNames() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(testing::FixtureDirectory())) {
    if (entry.path().extension() == ".jsonl") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class RedFlagFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(RedFlagFixture, MatchesExpected) {
  const std::string& name = GetParam();
  std::filesystem::path input = testing::FixtureDirectory() / (name + ".jsonl");
  std::filesystem::path expected_path = testing::FixtureDirectory() / (name + ".expected");

  std::string ini = FixtureSettingsIni(name);
  auto settings = ParseIndicatorSettings(ini, name + ".ini");
  ASSERT_TRUE(settings) << settings.error().message;

  auto run = RunIndicatorsOnFile(input.string(), *settings);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->issue_count, 0u);

  boost::json::value expected = boost::json::parse(ReadText(expected_path));
  boost::json::value actual = run->results.ToJson();
  std::string where;
  EXPECT_TRUE(testing::JsonNearlyEqual(actual, expected, where))
      << "first difference at " << where << "\nsettings:\n"
      << ini << "actual:   " << run->results.ToJsonText() << "\nexpected: " << expected;

  // The text output is the same JSON as the object output.
  boost::json::value reparsed = boost::json::parse(run->results.ToJsonText());
  where.clear();
  EXPECT_TRUE(testing::JsonNearlyEqual(reparsed, actual, where)) << where;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RedFlagFixture, ::testing::ValuesIn(FixtureNames()), TestName);

TEST(RedFlagFixtures, DirectoryHasAllElevenIndicators) {
  std::vector<std::string> names = FixtureNames();
  for (const char* code :
       {"R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058"}) {
    bool found = std::any_of(names.begin(), names.end(),
                             [&](const std::string& name) { return name.starts_with(code); });
    EXPECT_TRUE(found) << code;
  }
}

}  // namespace
}  // namespace mingjing::procurement
