// Versioned schema migrations shared by SQLite and PostgreSQL. A schema file may use these
// tokens for the few types the dialects spell differently:
//   @ID@    auto-increment primary key column type
//   @BLOB@  binary column type (avoid: store hashes and keys as hex text)
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "store/database.h"

namespace mingjing::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations compiled into this binary, in version order.
const std::vector<Migration>& EmbeddedMigrations();

// Highest version compiled into this binary.
int LatestSchemaVersion();

// Version recorded in the database, or 0 for an empty database.
Result<int> CurrentSchemaVersion(Database& db);

// Applies every migration above the current version, each in its own transaction.
// Rejects a database whose schema is newer than this binary (kConflict) so that an old server
// never writes to a schema it does not know.
Result<int> Migrate(Database& db);

// Succeeds only when the database schema is exactly the one this binary expects.
Result<void> CheckSchemaCurrent(Database& db);

// Rewrites the dialect tokens of `sql` for `backend`.
std::string TranslateDialect(const std::string& sql, Backend backend);

}  // namespace mingjing::store
