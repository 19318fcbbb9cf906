#include "store/database_url.h"

namespace mingjing::store {

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& text) {
  DatabaseUrl url;
  if (text.starts_with("sqlite:")) {
    url.backend = Backend::kSqlite;
    url.sqlite_path = text.substr(7);
    if (url.sqlite_path.starts_with("//")) url.sqlite_path = url.sqlite_path.substr(2);
    if (url.sqlite_path.empty()) {
      return Error::InvalidField("database", "sqlite URL has no path: use sqlite:var/mingjing.db");
    }
    return url;
  }
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    url.backend = Backend::kPostgres;
    url.postgres_uri = text;
    return url;
  }
  return Error::InvalidField(
      "database", "unsupported database URL: use sqlite:PATH or postgresql://USER@HOST/DB");
}

}  // namespace mingjing::store
