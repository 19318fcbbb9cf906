// A fresh, migrated database for one test, on the backend the test run selects:
// SQLite in a temporary folder by default, or PostgreSQL when MINGJING_TEST_POSTGRES_URL is set
// (scripts/test.sh starts a throwaway server and sets it). On PostgreSQL each test gets its own
// schema, dropped afterwards, so tests never see each other's rows.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace mingjing::testing {

class TestDatabase {
 public:
  // Creates the database and applies every migration; fails the current test on error.
  TestDatabase();
  ~TestDatabase();

  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  store::Backend backend() const { return db_->backend(); }

  // A scratch folder removed with this object (backups, key files and the like).
  const std::string& scratch_dir() const { return scratch_dir_; }

 private:
  std::string url_;
  std::string scratch_dir_;
  std::string pg_schema_;
  std::string pg_admin_url_;
  std::unique_ptr<store::Database> db_;
};

// True when the run targets PostgreSQL.
bool UsingPostgres();

}  // namespace mingjing::testing
