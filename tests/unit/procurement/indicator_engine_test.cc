// Cases beyond the shared fixtures: settings the fixtures do not exercise, and this project's own
// choices where the reference definitions are silent.
#include "procurement/indicator_engine.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace mingjing::procurement {
namespace {

IndicatorResults RunEngine(const char* ini, std::initializer_list<const char*> releases) {
  auto settings = ParseIndicatorSettings(ini, "test.ini");
  EXPECT_TRUE(settings) << settings.error().message;
  IndicatorEngine engine(*settings);
  for (const char* release : releases) engine.AddRelease(boost::json::parse(release).as_object());
  return engine.Finish();
}

constexpr const char* kLowestDisqualified =
    R"({"ocid":"%s","tender":{"procurementMethodDetails":"%s"},
        "bids":{"details":[{"status":"disqualified","value":{"amount":1,"currency":"%s"}},
                           {"status":"valid","value":{"amount":2,"currency":"%s"}}]},
        "awards":[{"status":"active"}]})";

std::string LowestDisqualified(const std::string& ocid, const std::string& details,
                               const std::string& currency) {
  std::string text = kLowestDisqualified;
  for (const std::string& value : {ocid, details, currency, currency}) {
    text.replace(text.find("%s"), 2, value);
  }
  return text;
}

TEST(IndicatorEngine, R018CountsBidTenderers) {
  IndicatorResults results = RunEngine(
      "[R018]\n", {
                      R"({"ocid":"one","tender":{"procurementMethod":"open"},"bids":{"details":[
          {"status":"valid","tenderers":[{"id":"A"}]},{"status":"withdrawn","tenderers":[{"id":"B"}]}]}})",
                      R"({"ocid":"two","tender":{"procurementMethod":"open"},"bids":{"details":[
          {"status":"valid","tenderers":[{"id":"A"}]},{"status":"pending","tenderers":[{"id":"B"}]}]}})",
                      R"({"ocid":"unknown","tender":{"procurementMethod":"open"}})"});
  EXPECT_NE(results.Find(ResultGroup::kOcid, "one", "R018"), nullptr);
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "two", "R018"), nullptr);
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "unknown", "R018"), nullptr);
}

TEST(IndicatorEngine, PriceComparisonListLimitsR036) {
  std::string listed = LowestDisqualified("listed", "lowest price", "CNY");
  std::string other = LowestDisqualified("other", "best value", "CNY");
  IndicatorResults results =
      RunEngine("price_comparison_procurement_methods = lowest price\n[R036]\n",
                {listed.c_str(), other.c_str()});
  EXPECT_NE(results.Find(ResultGroup::kOcid, "listed", "R036"), nullptr);
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "other", "R036"), nullptr);
}

TEST(IndicatorEngine, FirstCurrencySeenIsMain) {
  std::string usd = LowestDisqualified("usd", "x", "USD");
  std::string cny = LowestDisqualified("cny", "x", "CNY");
  IndicatorResults results = RunEngine("[R036]\n", {usd.c_str(), cny.c_str()});
  EXPECT_NE(results.Find(ResultGroup::kOcid, "usd", "R036"), nullptr);
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "cny", "R036"), nullptr);
}

TEST(IndicatorEngine, CurrencySettingOverridesFirstSeen) {
  std::string usd = LowestDisqualified("usd", "x", "USD");
  std::string cny = LowestDisqualified("cny", "x", "CNY");
  IndicatorResults results = RunEngine("currency = CNY\n[R036]\n", {usd.c_str(), cny.c_str()});
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "usd", "R036"), nullptr);
  EXPECT_NE(results.Find(ResultGroup::kOcid, "cny", "R036"), nullptr);
}

TEST(IndicatorEngine, R048DigitsAndThreshold) {
  // With 4 digits, 1000xxxx and 1001xxxx are different classes. With 2, both are division 10.
  const char* release = R"({"ocid":"p","awards":[{"status":"active","suppliers":[{"id":"S"}],
      "items":[{"classification":{"id":"10000000"}},{"classification":{"id":"10010000"}}]}]})";
  IndicatorResults four = RunEngine(
      "[R048]\ndigits = 4\nthreshold = 2\nminimum_contracting_processes = 1\n", {release});
  const double* value = four.Find(ResultGroup::kTenderer, "S", "R048");
  ASSERT_NE(value, nullptr);
  EXPECT_DOUBLE_EQ(*value, 2.0);

  IndicatorResults two =
      RunEngine("[R048]\nthreshold = 2\nminimum_contracting_processes = 1\n", {release});
  EXPECT_EQ(two.Find(ResultGroup::kTenderer, "S", "R048"), nullptr);
}

TEST(IndicatorEngine, R003SkipsInvalidDatesAndUsesOffsets) {
  IndicatorResults results = RunEngine(
      "[R003]\nthreshold = 1\n",
      {// 23 hours by the offsets, although the dates differ by one day.
       R"({"ocid":"short","tender":{"tenderPeriod":{"startDate":"2000-01-01T00:00:00+08:00",
          "endDate":"2000-01-01T23:00:00+08:00"}}})",
       R"({"ocid":"day","tender":{"tenderPeriod":{"startDate":"2000-01-01T00:00:00+08:00",
          "endDate":"2000-01-01T16:00:00Z"}}})",
       R"({"ocid":"no end","tender":{"tenderPeriod":{"startDate":"2000-01-01T00:00:00Z"}}})"});
  EXPECT_NE(results.Find(ResultGroup::kOcid, "short", "R003"), nullptr);
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "day", "R003"), nullptr);
  EXPECT_EQ(results.Find(ResultGroup::kOcid, "no end", "R003"), nullptr);
}

TEST(IndicatorEngine, ExcludedDetailsSkipEveryIndicator) {
  IndicatorResults results =
      RunEngine("[exclusions]\nprocurement_method_details = framework\n[R018]\n",
                {
                    R"({"ocid":"p","tender":{"procurementMethod":"open","numberOfTenderers":1,
          "procurementMethodDetails":"framework"}})"});
  EXPECT_EQ(results.Count(ResultGroup::kOcid), 0u);
}

}  // namespace
}  // namespace mingjing::procurement
