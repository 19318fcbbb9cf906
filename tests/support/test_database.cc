#include "support/test_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/migrations.h"

namespace mingjing::testing {
namespace {

std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  return std::to_string(getpid()) + "_" + std::to_string(gen() % 1'000'000'000);
}

// Appends a libpq option that sets search_path to `schema` to a postgresql:// URI.
std::string WithSearchPath(const std::string& uri, const std::string& schema) {
  std::string sep = uri.find('?') == std::string::npos ? "?" : "&";
  return uri + sep + "options=-csearch_path%3D" + schema;
}

}  // namespace

bool UsingPostgres() {
  const char* url = std::getenv("MINGJING_TEST_POSTGRES_URL");
  return url != nullptr && *url != '\0';
}

TestDatabase::TestDatabase() {
  std::string suffix = RandomSuffix();
  scratch_dir_ = (std::filesystem::temp_directory_path() / ("mingjing_test_" + suffix)).string();
  std::filesystem::create_directories(scratch_dir_);

  if (UsingPostgres()) {
    pg_admin_url_ = std::getenv("MINGJING_TEST_POSTGRES_URL");
    pg_schema_ = "t_" + suffix;
    auto admin = store::Database::Open(pg_admin_url_, 1);
    if (!admin) {
      ADD_FAILURE() << "cannot reach test PostgreSQL: " << admin.error().message;
      return;
    }
    auto lease = (*admin)->Acquire();
    *lease << ("CREATE SCHEMA " + pg_schema_);
    url_ = WithSearchPath(pg_admin_url_, pg_schema_);
  } else {
    url_ = "sqlite:" + scratch_dir_ + "/test.db";
  }

  auto db = store::Database::Open(url_, 1);
  if (!db) {
    ADD_FAILURE() << "cannot open test database " << url_ << ": " << db.error().message;
    return;
  }
  db_ = std::move(*db);
  auto migrated = store::Migrate(*db_);
  if (!migrated) ADD_FAILURE() << "migration failed: " << migrated.error().message;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!pg_schema_.empty()) {
    if (auto admin = store::Database::Open(pg_admin_url_, 1)) {
      auto lease = (*admin)->Acquire();
      *lease << ("DROP SCHEMA " + pg_schema_ + " CASCADE");
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(scratch_dir_, ignored);
}

}  // namespace mingjing::testing
