#include "procurement/ocds_reader.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <fstream>

#include "procurement/package_stream_parser.h"
#include "test_files.h"

namespace mingjing::procurement {
namespace {

struct ReadItem {
  OcdsItemKind kind;
  std::string ocid;
  SourceLocation location;
};

struct ReadOutcome {
  Result<OcdsFileLayout> layout = OcdsFileLayout::kEmpty;
  std::vector<ReadItem> items;
  std::vector<ReadIssue> issues;
};

std::string OcidOf(const boost::json::object& item) {
  if (auto it = item.find("ocid"); it != item.end() && it->value().is_string()) {
    return std::string(it->value().get_string());
  }
  return "?";
}

ReadOutcome ReadFile(const std::string& path) {
  ReadOutcome outcome;
  outcome.layout = ReadOcdsFile(
      path,
      [&](OcdsItemKind kind, const boost::json::object& item, const SourceLocation& location) {
        outcome.items.push_back({kind, OcidOf(item), location});
      },
      [&](const ReadIssue& issue) { outcome.issues.push_back(issue); });
  return outcome;
}

ReadOutcome ReadText(std::string_view text, std::string_view suffix = ".jsonl") {
  testing::TempFile file(suffix);
  file.Write(text);
  return ReadFile(file.path());
}

TEST(ReadOcdsFile, ReadsLineDelimitedReleases) {
  ReadOutcome outcome = ReadText("{\"ocid\":\"a\"}\n\n{\"ocid\":\"b\"}\r\n{\"ocid\":\"c\"}");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  EXPECT_EQ(*outcome.layout, OcdsFileLayout::kLineDelimited);
  ASSERT_EQ(outcome.items.size(), 3u);
  EXPECT_EQ(outcome.items[0].ocid, "a");
  EXPECT_EQ(outcome.items[1].ocid, "b");
  EXPECT_EQ(outcome.items[1].location.line, 3u);
  EXPECT_EQ(outcome.items[2].ocid, "c");  // the last line has no line feed
  EXPECT_EQ(outcome.items[2].location.line, 4u);
  EXPECT_TRUE(outcome.issues.empty());
}

TEST(ReadOcdsFile, ReportsAndSkipsBadLines) {
  ReadOutcome outcome =
      ReadText("{\"ocid\":\"a\"}\n{\"ocid\":\n[1,2]\n{\"ocid\":\"d\"} extra\n{\"ocid\":\"e\"}\n");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  ASSERT_EQ(outcome.items.size(), 2u);
  EXPECT_EQ(outcome.items[0].ocid, "a");
  EXPECT_EQ(outcome.items[1].ocid, "e");

  ASSERT_EQ(outcome.issues.size(), 3u);
  EXPECT_EQ(outcome.issues[0].location.line, 2u);
  EXPECT_NE(outcome.issues[0].message.find("invalid JSON"), std::string::npos);
  EXPECT_EQ(outcome.issues[1].location.line, 3u);
  EXPECT_NE(outcome.issues[1].message.find("found an array"), std::string::npos);
  EXPECT_EQ(outcome.issues[2].location.line, 4u);
  EXPECT_NE(outcome.issues[0].ToString().find(".jsonl:2: invalid JSON"), std::string::npos);
}

TEST(ReadOcdsFile, BrokenFirstLineStaysLineDelimited) {
  ReadOutcome outcome = ReadText("{\"ocid\":\"a\",\n{\"ocid\":\"b\"}\n{\"ocid\":\"c\"}\n");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  EXPECT_EQ(*outcome.layout, OcdsFileLayout::kLineDelimited);
  ASSERT_EQ(outcome.items.size(), 2u);
  ASSERT_EQ(outcome.issues.size(), 1u);
  EXPECT_EQ(outcome.issues[0].location.line, 1u);
}

TEST(ReadOcdsFile, ReadsGzipInput) {
  testing::TempFile file(".jsonl.gz");
  file.WriteGzip("{\"ocid\":\"a\"}\nnot json\n{\"ocid\":\"b\"}\n");
  ReadOutcome outcome = ReadFile(file.path());
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  ASSERT_EQ(outcome.items.size(), 2u);
  EXPECT_EQ(outcome.items[1].ocid, "b");
  ASSERT_EQ(outcome.issues.size(), 1u);
  EXPECT_EQ(outcome.issues[0].location.line, 2u);
}

TEST(ReadOcdsFile, TruncatedGzipIsAnError) {
  testing::TempFile whole(".gz");
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "{\"ocid\":\"ocds-" + std::to_string(i) + "\"}\n";
  whole.WriteGzip(text);

  std::ifstream in(whole.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  testing::TempFile truncated(".gz");
  truncated.Write(std::string_view(bytes).substr(0, bytes.size() / 2));

  ReadOutcome outcome = ReadFile(truncated.path());
  ASSERT_FALSE(outcome.layout);
  EXPECT_EQ(outcome.layout.error().code, ErrorCode::kMalformed);
}

TEST(ReadOcdsFile, StreamsReleasePackage) {
  ReadOutcome outcome = ReadText(R"({
  "uri": "https://example.com/package.json",
  "publishedDate": "2000-01-01T00:00:00Z",
  "releases": [
    {"ocid": "a", "tag": ["tender"]},
    "not an object",
    {"ocid": "b", "tag": ["award"]}
  ],
  "version": "1.1"
}
)",
                                 ".json");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  EXPECT_EQ(*outcome.layout, OcdsFileLayout::kDocument);
  ASSERT_EQ(outcome.items.size(), 2u);
  EXPECT_EQ(outcome.items[0].kind, OcdsItemKind::kRelease);
  EXPECT_EQ(outcome.items[0].location.path, "releases[0]");
  EXPECT_EQ(outcome.items[1].ocid, "b");
  EXPECT_EQ(outcome.items[1].location.path, "releases[2]");
  ASSERT_EQ(outcome.issues.size(), 1u);
  EXPECT_EQ(outcome.issues[0].location.path, "releases[1]");
}

TEST(ReadOcdsFile, StreamsRecordPackage) {
  ReadOutcome outcome = ReadText(R"({
  "records": [
    {"ocid": "a", "compiledRelease": {"ocid": "a"}},
    {"ocid": "b", "releases": [{"ocid": "b", "tag": ["tender"]}]}
  ]
}
)",
                                 ".json");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  ASSERT_EQ(outcome.items.size(), 2u);
  EXPECT_EQ(outcome.items[0].kind, OcdsItemKind::kRecord);
  EXPECT_EQ(outcome.items[1].kind, OcdsItemKind::kRecord);
  EXPECT_EQ(outcome.items[1].location.path, "records[1]");
}

TEST(ReadOcdsFile, ReadsTopLevelArray) {
  ReadOutcome outcome = ReadText("[{\"ocid\":\"a\"},\n {\"ocid\":\"b\"}]\n", ".json");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  EXPECT_EQ(*outcome.layout, OcdsFileLayout::kDocument);
  ASSERT_EQ(outcome.items.size(), 2u);
  EXPECT_EQ(outcome.items[1].location.path, "[1]");
}

TEST(ReadOcdsFile, ReadsSinglePrettyPrintedRelease) {
  ReadOutcome outcome = ReadText("{\n  \"ocid\": \"a\",\n  \"tender\": {\"id\": \"t\"}\n}\n");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  ASSERT_EQ(outcome.items.size(), 1u);
  EXPECT_EQ(outcome.items[0].kind, OcdsItemKind::kRelease);
  EXPECT_EQ(outcome.items[0].ocid, "a");
}

TEST(ReadOcdsFile, ExpandsPackageOnOneLine) {
  ReadOutcome outcome =
      ReadText("{\"releases\":[{\"ocid\":\"a\"},{\"ocid\":\"b\"}]}\n{\"ocid\":\"c\"}\n");
  ASSERT_TRUE(outcome.layout) << outcome.layout.error().message;
  ASSERT_EQ(outcome.items.size(), 3u);
  EXPECT_EQ(outcome.items[1].location.line, 1u);
  EXPECT_EQ(outcome.items[1].location.path, "releases[1]");
  EXPECT_EQ(outcome.items[2].ocid, "c");
}

TEST(ReadOcdsFile, DocumentSyntaxErrorNamesLine) {
  ReadOutcome outcome =
      ReadText("{\n  \"releases\": [\n    {\"ocid\": \"a\"},\n    {\"ocid\" \"b\"}\n", ".json");
  ASSERT_FALSE(outcome.layout);
  EXPECT_NE(outcome.layout.error().message.find(".json:4: invalid JSON"), std::string::npos)
      << outcome.layout.error().message;
  ASSERT_EQ(outcome.items.size(), 1u);  // the release before the error was read
}

TEST(ReadOcdsFile, UnfinishedDocumentIsAnError) {
  ReadOutcome outcome = ReadText("{\n  \"releases\": [\n    {\"ocid\": \"a\"}\n", ".json");
  ASSERT_FALSE(outcome.layout);
  EXPECT_NE(outcome.layout.error().message.find("end of the file"), std::string::npos);
}

TEST(ReadOcdsFile, EmptyFile) {
  ReadOutcome outcome = ReadText(" \n\n");
  ASSERT_TRUE(outcome.layout);
  EXPECT_EQ(*outcome.layout, OcdsFileLayout::kEmpty);
  EXPECT_TRUE(outcome.items.empty());
}

TEST(ReadOcdsFile, MissingFileIsNotFound) {
  ReadOutcome outcome = ReadFile("/nonexistent/data.jsonl");
  ASSERT_FALSE(outcome.layout);
  EXPECT_EQ(outcome.layout.error().code, ErrorCode::kNotFound);
}

TEST(ReadOcdsFile, DirectoryIsRejected) {
  ReadOutcome outcome = ReadFile(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(outcome.layout);
  EXPECT_NE(outcome.layout.error().message.find("directory"), std::string::npos);
}

// Feeding the parser one byte at a time splits every key and string into parts.
TEST(PackageStreamParser, SameItemsWhenFedByteByByte) {
  std::string text = R"({"uri":"x","releases":[{"ocid":"a long ocid value","tender":{"items":[1,
      2.5,true,null,"s"]}},{"ocid":"b"}]} [{"ocid":"c"}] {"ocid":"d"})";
  std::vector<std::string> whole_items;
  std::vector<std::string> byte_items;
  auto collect = [](std::vector<std::string>& out) {
    return [&out](OcdsItemKind, const boost::json::object& item, const SourceLocation&) {
      out.push_back(boost::json::serialize(item));
    };
  };
  auto no_issue = [](const ReadIssue& issue) { ADD_FAILURE() << issue.ToString(); };

  PackageStreamParser whole("whole", collect(whole_items), no_issue);
  ASSERT_FALSE(whole.Write(text));
  ASSERT_FALSE(whole.Finish());

  PackageStreamParser bytes("bytes", collect(byte_items), no_issue);
  for (char c : text) ASSERT_FALSE(bytes.Write(std::string_view(&c, 1)));
  ASSERT_FALSE(bytes.Finish());

  ASSERT_EQ(whole_items.size(), 4u);
  EXPECT_EQ(byte_items, whole_items);
  EXPECT_EQ(whole_items[0],
            R"({"ocid":"a long ocid value","tender":{"items":[1,2.5E0,true,null,"s"]}})");
}

}  // namespace
}  // namespace mingjing::procurement
