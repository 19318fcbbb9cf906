#include "procurement/release_merger.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace mingjing::procurement {
namespace {

boost::json::object Parse(const char* text) { return boost::json::parse(text).as_object(); }

boost::json::object Merge(std::initializer_list<const boost::json::object*> releases) {
  return MergeReleases(std::vector<const boost::json::object*>(releases));
}

TEST(MergeReleases, LatestDateWinsPerField) {
  auto later = Parse(R"({"ocid":"a","id":"2","date":"2001-01-01T00:00:00Z","tag":["award"],
                         "tender":{"status":"complete"}})");
  auto earlier = Parse(R"({"ocid":"a","id":"1","date":"2000-01-01T00:00:00Z","tag":["tender"],
                           "tender":{"status":"active","title":"Roads"}})");
  // Given out of order on purpose: the date decides, not the input order.
  boost::json::object compiled = Merge({&later, &earlier});
  EXPECT_EQ(compiled.at("tender").at("status"), "complete");
  EXPECT_EQ(compiled.at("tender").at("title"), "Roads");
  EXPECT_EQ(compiled.at("date"), "2001-01-01T00:00:00Z");
}

TEST(MergeReleases, SetsCompiledTagAndId) {
  auto release = Parse(R"({"ocid":"a","id":"1","date":"2000-01-01T00:00:00Z","tag":["tender"]})");
  boost::json::object compiled = Merge({&release});
  EXPECT_EQ(compiled.at("tag"), boost::json::array{"compiled"});
  EXPECT_EQ(compiled.at("id"), "a-2000-01-01T00:00:00Z");
}

TEST(MergeReleases, MergesObjectArraysById) {
  auto first = Parse(R"({"ocid":"a","date":"2000-01-01T00:00:00Z","tag":["award"],
      "awards":[{"id":"1","status":"pending","value":{"amount":5}},{"id":2,"status":"pending"}]})");
  auto second = Parse(R"({"ocid":"a","date":"2000-02-01T00:00:00Z","tag":["awardUpdate"],
      "awards":[{"id":"1","status":"active"},{"id":"3","status":"pending"},
                {"id":"2","status":"cancelled"}]})");
  boost::json::object compiled = Merge({&first, &second});
  const auto& awards = compiled.at("awards").as_array();
  ASSERT_EQ(awards.size(), 3u);
  EXPECT_EQ(awards[0].at("status"), "active");
  EXPECT_EQ(awards[0].at("value").at("amount"), 5);
  // The integer id 2 and the string id "2" are the same item.
  EXPECT_EQ(awards[1].at("status"), "cancelled");
  EXPECT_EQ(awards[2].at("id"), "3");
}

TEST(MergeReleases, ReplacesArraysWithoutIds) {
  auto first = Parse(R"({"ocid":"a","date":"2000-01-01T00:00:00Z","tag":["tender"],
      "tender":{"submissionMethod":["electronicSubmission","written"],
                "milestones":[{"title":"no id"}]}})");
  auto second = Parse(R"({"ocid":"a","date":"2000-02-01T00:00:00Z","tag":["tenderUpdate"],
      "tender":{"submissionMethod":["inPerson"],"milestones":[{"title":"still no id"}]}})");
  boost::json::object compiled = Merge({&first, &second});
  EXPECT_EQ(compiled.at("tender").at("submissionMethod"), boost::json::array{"inPerson"});
  ASSERT_EQ(compiled.at("tender").at("milestones").as_array().size(), 1u);
  EXPECT_EQ(compiled.at("tender").at("milestones").at(0).at("title"), "still no id");
}

TEST(MergeReleases, NullRemovesField) {
  auto first = Parse(R"({"ocid":"a","date":"2000-01-01T00:00:00Z","tag":["tender"],
      "tender":{"title":"Roads","description":"Repair"}})");
  auto second = Parse(R"({"ocid":"a","date":"2000-02-01T00:00:00Z","tag":["tenderUpdate"],
      "tender":{"description":null}})");
  boost::json::object compiled = Merge({&first, &second});
  EXPECT_FALSE(compiled.at("tender").as_object().contains("description"));
  EXPECT_EQ(compiled.at("tender").at("title"), "Roads");
}

TEST(MergeReleases, EqualDatesKeepInputOrder) {
  auto first = Parse(R"({"ocid":"a","date":"2000-01-01T00:00:00Z","tag":["tender"],
      "tender":{"title":"first"}})");
  auto second = Parse(R"({"ocid":"a","date":"2000-01-01T00:00:00Z","tag":["tenderUpdate"],
      "tender":{"title":"second"}})");
  EXPECT_EQ(Merge({&first, &second}).at("tender").at("title"), "second");
  EXPECT_EQ(Merge({&second, &first}).at("tender").at("title"), "first");
}

TEST(MergeReleases, DatesCompareAcrossOffsets) {
  // 08:00+08:00 is midnight UTC, earlier than 01:00Z, although its text sorts later.
  auto utc = Parse(R"({"ocid":"a","date":"2000-01-01T01:00:00Z","tag":["tender"],
      "tender":{"title":"later"}})");
  auto beijing = Parse(R"({"ocid":"a","date":"2000-01-01T08:00:00+08:00","tag":["tender"],
      "tender":{"title":"earlier"}})");
  EXPECT_EQ(Merge({&utc, &beijing}).at("tender").at("title"), "later");
}

}  // namespace
}  // namespace mingjing::procurement
