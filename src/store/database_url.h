#pragma once

#include <string>

#include "common/error.h"

namespace mingjing::store {

enum class Backend { kSqlite, kPostgres };

// A parsed --database value: `sqlite:PATH` (PATH may be relative) or `postgresql://...` (any
// libpq connection URI; `postgres://` is accepted too).
struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  std::string sqlite_path;   // for kSqlite
  std::string postgres_uri;  // for kPostgres, passed to libpq unchanged
};

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& text);

}  // namespace mingjing::store
