#include "procurement/ini_file.h"

#include <gtest/gtest.h>

namespace mingjing::procurement {
namespace {

TEST(ParseIni, KeepsEmptySectionsAndGlobalKeys) {
  auto document = ParseIni("currency = USD\n[R024]\n[R038]\nthreshold = 0.5\n", "s.ini");
  ASSERT_TRUE(document) << document.error().message;
  ASSERT_EQ(document->sections.size(), 3u);
  EXPECT_EQ(document->sections[0].name, "");
  ASSERT_EQ(document->sections[0].entries.size(), 1u);
  EXPECT_EQ(document->sections[0].entries[0].value, "USD");
  EXPECT_EQ(document->sections[1].name, "R024");
  EXPECT_TRUE(document->sections[1].entries.empty());
  EXPECT_EQ(document->sections[2].entries[0].key, "threshold");
  EXPECT_EQ(document->sections[2].entries[0].line, 4);
}

TEST(ParseIni, StripsComments) {
  auto document = ParseIni(
      "; a comment\n# another\n[R038]\nminimum_submitted_bids = 2 # default\n"
      "key = a#b\n",
      "s.ini");
  ASSERT_TRUE(document) << document.error().message;
  const auto& entries = document->sections[1].entries;
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].value, "2");
  EXPECT_EQ(entries[1].value, "a#b");
}

TEST(ParseIni, AcceptsWindowsLineEnds) {
  auto document = ParseIni("[R024]\r\nthreshold = 0.05\r\n", "s.ini");
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(document->sections[1].entries[0].value, "0.05");
}

TEST(ParseIni, RejectsUnclosedSection) {
  auto document = ParseIni("[R024\n", "s.ini");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().field, "s.ini:1");
  EXPECT_NE(document.error().message.find("']'"), std::string::npos);
}

TEST(ParseIni, RejectsLineWithoutEquals) {
  auto document = ParseIni("[R024]\nthreshold 0.05\n", "s.ini");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().field, "s.ini:2");
}

TEST(ParseIni, RejectsMissingKey) {
  auto document = ParseIni("[R024]\n= 0.05\n", "s.ini");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().field, "s.ini:2");
}

TEST(ParseIni, RejectsDuplicateSection) {
  auto document = ParseIni("[R024]\n[R024]\n", "s.ini");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().field, "s.ini:2");
}

TEST(ParseIni, RejectsDuplicateKey) {
  auto document = ParseIni("[R024]\nthreshold = 1\nthreshold = 2\n", "s.ini");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().field, "s.ini:3");
  EXPECT_NE(document.error().message.find("duplicate key 'threshold'"), std::string::npos);
}

}  // namespace
}  // namespace mingjing::procurement
