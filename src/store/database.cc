#include "store/database.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>

namespace mingjing::store {
namespace {

void ConfigureSqlite(soci::session& s) {
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA synchronous=FULL";
  s << "PRAGMA foreign_keys=ON";
  s << "PRAGMA busy_timeout=10000";
}

// SOCI's PostgreSQL backend mangles URIs, so the URI is turned into libpq's key='value' form,
// which both SOCI and libpq read unchanged.
Result<std::string> ToKeywordConninfo(const std::string& uri) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(uri.c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string message = error ? error : "unparseable URI";
    PQfreemem(error);
    return Error::InvalidField("database", "invalid PostgreSQL URI: " + message);
  }
  std::string out;
  for (PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    out += std::string(o->keyword) + "='" + value + "' ";
  }
  return out;
}

}  // namespace

Database::Database(DatabaseUrl url, size_t pool_size)
    : url_(std::move(url)),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& text, size_t pool_size) {
  auto url = ParseDatabaseUrl(text);
  if (!url) return url.error();
  if (pool_size == 0) pool_size = 1;

  std::unique_ptr<Database> db(new Database(*url, pool_size));
  try {
    for (size_t i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (url->backend == Backend::kSqlite) {
        auto parent = std::filesystem::path(url->sqlite_path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
        // SOCI splits its connect string on spaces, so the path is quoted.
        s.open(soci::sqlite3, "db=\"" + url->sqlite_path + "\" timeout=10");
        ConfigureSqlite(s);
      } else {
        auto conninfo = ToKeywordConninfo(url->postgres_uri);
        if (!conninfo) return conninfo.error();
        s.open(soci::postgresql, *conninfo);
      }
    }
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUnavailable, std::string("cannot open database: ") + e.what(),
                 "database"};
  }
  return db;
}

bool Database::Ping() {
  try {
    auto lease = Acquire();
    int one = 0;
    *lease << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    spdlog::warn("database ping failed: {}", e.what());
    return false;
  }
}

bool IsUniqueViolation(const soci::soci_error& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    // SQLITE_CONSTRAINT is 19; the extended codes for UNIQUE and PRIMARY KEY share it.
    return (lite->result() & 0xff) == 19;
  }
  return false;
}

}  // namespace mingjing::store
