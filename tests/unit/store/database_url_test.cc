#include "store/database_url.h"

#include <gtest/gtest.h>

namespace mingjing::store {
namespace {

TEST(ParseDatabaseUrl, AcceptsSqlitePaths) {
  auto url = ParseDatabaseUrl("sqlite:var/mingjing.db");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->backend, Backend::kSqlite);
  EXPECT_EQ(url->sqlite_path, "var/mingjing.db");

  auto absolute = ParseDatabaseUrl("sqlite:///tmp/x.db");
  ASSERT_TRUE(absolute.has_value());
  EXPECT_EQ(absolute->sqlite_path, "/tmp/x.db");
}

TEST(ParseDatabaseUrl, AcceptsPostgresUris) {
  auto url = ParseDatabaseUrl("postgresql://mingjing@127.0.0.1:5432/mingjing");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->backend, Backend::kPostgres);
  EXPECT_EQ(url->postgres_uri, "postgresql://mingjing@127.0.0.1:5432/mingjing");
}

TEST(ParseDatabaseUrl, RejectsOtherSchemesNamingTheField) {
  for (const char* text : {"mysql://x", "sqlite:", "", "var/mingjing.db"}) {
    auto url = ParseDatabaseUrl(text);
    ASSERT_FALSE(url.has_value()) << text;
    EXPECT_EQ(url.error().field, "database") << text;
  }
}

}  // namespace
}  // namespace mingjing::store
