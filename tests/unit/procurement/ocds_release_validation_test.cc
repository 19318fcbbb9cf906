#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "procurement/ocds_store.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

std::vector<std::string> Fields(std::string_view release) {
  std::vector<std::string> fields;
  for (const auto& e : ValidateRelease(json::parse(release), "releases[4]")) {
    fields.push_back(e.field);
  }
  return fields;
}

TEST(ValidateRelease, MinimalReleaseIsValid) {
  EXPECT_TRUE(Fields(R"({"ocid":"ocds-1","id":"r1","date":"2026-03-01T09:00:00+08:00"})").empty());
}

TEST(ValidateRelease, EveryBadFieldNamed) {
  auto fields = Fields(R"({"ocid":"","date":"2026-03-01","tag":"tender","buyer":{"id":7}})");

  EXPECT_EQ(fields, (std::vector<std::string>{"releases[4].ocid", "releases[4].id",
                                              "releases[4].date", "releases[4].tag",
                                              "releases[4].buyer"}));
}

TEST(ValidateRelease, NotAnObject) {
  EXPECT_EQ(Fields("[1, 2]"), (std::vector<std::string>{"releases[4]"}));
}

}  // namespace
}  // namespace mingjing::procurement
