#include "procurement/indicator_settings.h"

#include <gtest/gtest.h>

namespace mingjing::procurement {
namespace {

TEST(ParseIndicatorSettings, SectionEnablesIndicator) {
  auto settings = ParseIndicatorSettings("[R024]\n[R048]\ndigits = 4\n", "s.ini");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_TRUE(settings->r024);
  EXPECT_FALSE(settings->r024->threshold);
  ASSERT_TRUE(settings->r048);
  EXPECT_EQ(settings->r048->digits, 4);
  EXPECT_EQ(settings->r048->minimum_contracting_processes, 20);
  EXPECT_FALSE(settings->r003);
  EXPECT_FALSE(settings->r058);
}

TEST(ParseIndicatorSettings, ReadsGlobalSettingsAndExclusions) {
  auto settings = ParseIndicatorSettings(
      "currency = CNY\n"
      "no_price_comparison_procurement_methods = a|b\n"
      "price_comparison_procurement_methods = c\n"
      "[exclusions]\n"
      "procurement_method_details = x|y\n",
      "s.ini");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->currency, "CNY");
  EXPECT_EQ(settings->no_price_comparison_procurement_methods, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(settings->price_comparison_procurement_methods, (std::set<std::string>{"c"}));
  EXPECT_EQ(settings->excluded_procurement_method_details, (std::set<std::string>{"x", "y"}));
}

TEST(ParseIndicatorSettings, ReadsR003Thresholds) {
  auto settings = ParseIndicatorSettings(
      "[R003]\nthreshold = 10\nprocurement_methods = open\n"
      "[R003.procurement_method_details]\nx = 5\ny = 10\n",
      "s.ini");
  ASSERT_TRUE(settings) << settings.error().message;
  ASSERT_TRUE(settings->r003);
  EXPECT_EQ(settings->r003->threshold, 10);
  EXPECT_EQ(settings->r003->procurement_methods, (std::set<std::string>{"open"}));
  EXPECT_EQ(settings->r003->procurement_method_details_thresholds.at("y"), 10);
}

TEST(ParseIndicatorSettings, DetailsSectionAloneEnablesR003) {
  auto settings = ParseIndicatorSettings("[R003.procurement_method_details]\nx = 5\n", "s.ini");
  ASSERT_TRUE(settings) << settings.error().message;
  ASSERT_TRUE(settings->r003);
  EXPECT_EQ(settings->r003->threshold, 15);
}

TEST(ParseIndicatorSettings, RejectsUnknownSection) {
  auto settings = ParseIndicatorSettings("[R999]\n", "s.ini");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().field, "R999");
  EXPECT_NE(settings.error().message.find("s.ini:1"), std::string::npos);
}

TEST(ParseIndicatorSettings, RejectsUnknownKey) {
  auto settings = ParseIndicatorSettings("[R024]\nthreshhold = 0.1\n", "s.ini");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().field, "R024.threshhold");
  EXPECT_NE(settings.error().message.find("s.ini:2"), std::string::npos);
}

TEST(ParseIndicatorSettings, RejectsKeyInEmptyIndicator) {
  auto settings = ParseIndicatorSettings("[R036]\nthreshold = 1\n", "s.ini");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().field, "R036.threshold");
}

TEST(ParseIndicatorSettings, RejectsBadNumbers) {
  struct Case {
    const char* ini;
    const char* field;
  };
  for (const Case& c :
       {Case{"[R024]\nthreshold = abc\n", "R024.threshold"},
        Case{"[R024]\nthreshold = 0.1x\n", "R024.threshold"},
        Case{"[R035]\nthreshold = 1.5\n", "R035.threshold"},
        Case{"[R025]\npercentile = 101\n", "R025.percentile"},
        Case{"[R048]\ndigits = 0\n", "R048.digits"},
        Case{"[R038]\nminimum_submitted_bids = -1\n", "R038.minimum_submitted_bids"},
        Case{"[R003.procurement_method_details]\nx = five\n",
             "R003.procurement_method_details.x"}}) {
    auto settings = ParseIndicatorSettings(c.ini, "s.ini");
    ASSERT_FALSE(settings) << c.ini;
    EXPECT_EQ(settings.error().field, c.field);
    EXPECT_NE(settings.error().message.find("s.ini:2"), std::string::npos)
        << settings.error().message;
  }
}

TEST(ParseIndicatorSettings, RejectsEmptyListItem) {
  auto settings =
      ParseIndicatorSettings("[R018]\nprocurement_methods = open||selective\n", "s.ini");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().field, "R018.procurement_methods");
}

TEST(LoadIndicatorSettings, MissingFileIsNotFound) {
  auto settings = LoadIndicatorSettings("/nonexistent/settings.ini");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::kNotFound);
}

TEST(DefaultIndicatorSettings, EnablesAllEleven) {
  IndicatorSettings settings = DefaultIndicatorSettings();
  EXPECT_TRUE(settings.r003);
  EXPECT_TRUE(settings.r018);
  EXPECT_TRUE(settings.r024);
  EXPECT_TRUE(settings.r025);
  EXPECT_TRUE(settings.r028);
  EXPECT_TRUE(settings.r030);
  EXPECT_TRUE(settings.r035);
  EXPECT_TRUE(settings.r036);
  EXPECT_TRUE(settings.r038);
  EXPECT_TRUE(settings.r048);
  EXPECT_TRUE(settings.r058);
}

}  // namespace
}  // namespace mingjing::procurement
