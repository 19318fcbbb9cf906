#include "store/transaction.h"

#include <gtest/gtest.h>

#include "support/test_database.h"

namespace mingjing::store {
namespace {

int CountDivisions(Database& db) {
  auto lease = db.Acquire();
  int n = 0;
  *lease << "SELECT COUNT(*) FROM divisions", soci::into(n);
  return n;
}

TEST(WriteTransaction, CommitKeepsRows) {
  testing::TestDatabase t;
  {
    auto lease = t.db().Acquire();
    WriteTransaction tx(lease);
    *lease << "INSERT INTO divisions (code, name, level) VALUES ('51', '四川省', 1)";
    tx.Commit();
  }
  EXPECT_EQ(CountDivisions(t.db()), 1);
}

TEST(WriteTransaction, DestructionWithoutCommitRollsBack) {
  testing::TestDatabase t;
  {
    auto lease = t.db().Acquire();
    WriteTransaction tx(lease);
    *lease << "INSERT INTO divisions (code, name, level) VALUES ('51', '四川省', 1)";
  }
  EXPECT_EQ(CountDivisions(t.db()), 0);
}

TEST(Database, DuplicateKeyIsUniqueViolation) {
  testing::TestDatabase t;
  auto lease = t.db().Acquire();
  *lease << "INSERT INTO divisions (code, name, level) VALUES ('51', '四川省', 1)";
  try {
    *lease << "INSERT INTO divisions (code, name, level) VALUES ('51', '四川省', 1)";
    FAIL() << "second insert should fail";
  } catch (const soci::soci_error& e) {
    EXPECT_TRUE(IsUniqueViolation(e)) << e.what();
  }
}

TEST(Database, PingSucceeds) {
  testing::TestDatabase t;
  EXPECT_TRUE(t.db().Ping());
}

}  // namespace
}  // namespace mingjing::store

namespace mingjing::store {
namespace {

TEST(Database, ForeignKeysAreEnforced) {
  testing::TestDatabase t;
  auto lease = t.db().Acquire();
  EXPECT_THROW(*lease << "INSERT INTO departments (division_code, name, created_at) "
                         "VALUES ('999999', 'nowhere', 0)",
               soci::soci_error);
}

}  // namespace
}  // namespace mingjing::store
