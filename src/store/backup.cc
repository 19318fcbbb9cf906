#include "store/backup.h"

#include <fmt/format.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <filesystem>
#include <memory>
#include <vector>

extern char** environ;

namespace mingjing::store {
namespace {

using SqliteHandle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Result<SqliteHandle> OpenSqlite(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle handle(raw, &sqlite3_close);
  if (rc != SQLITE_OK) {
    return Error{ErrorCode::kUnavailable,
                 fmt::format("cannot open {}: {}", path, raw ? sqlite3_errmsg(raw) : "no memory"),
                 "database"};
  }
  sqlite3_busy_timeout(raw, 10000);
  return handle;
}

// Copies every page of `from` into `to` in one step, which reads one consistent snapshot.
Result<void> CopySqlite(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    return Error::Internal(fmt::format("backup failed to start: {}", sqlite3_errmsg(to)));
  }
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return Error::Internal(fmt::format("backup failed: {}", sqlite3_errstr(rc)));
  }
  return {};
}

bool HasMingjingSchema(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM schema_migrations", -1, &stmt, nullptr) !=
      SQLITE_OK) {
    return false;
  }
  bool ok = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) > 0;
  sqlite3_finalize(stmt);
  return ok;
}

// Runs a program with arguments (no shell) and waits for it.
Result<void> RunProgram(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return Error{ErrorCode::kUnavailable,
                 fmt::format("cannot run {}: install postgresql-client-15", args[0]),
                 {}};
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error::Internal(fmt::format("{} failed with status {}", args[0], status));
  }
  return {};
}

}  // namespace

Result<void> BackupDatabase(const std::string& url_text, const std::string& path) {
  auto url = ParseDatabaseUrl(url_text);
  if (!url) return url.error();
  std::string partial = path + ".partial";
  std::filesystem::remove(partial);

  if (url->backend == Backend::kPostgres) {
    // NOTE: the URI, with any password in it, is visible in the process list while pg_dump
    // runs; prefer a password file (~/.pgpass) for production databases.
    auto ran = RunProgram({"pg_dump", "--format=custom", "--no-owner", "--file=" + partial,
                           "--dbname=" + url->postgres_uri});
    if (!ran) return ran.error();
  } else {
    if (!std::filesystem::exists(url->sqlite_path)) {
      return Error::InvalidField("database", url->sqlite_path + " does not exist");
    }
    auto from = OpenSqlite(url->sqlite_path, SQLITE_OPEN_READONLY);
    if (!from) return from.error();
    auto to = OpenSqlite(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to) return to.error();
    if (auto copied = CopySqlite(from->get(), to->get()); !copied) return copied.error();
  }
  std::filesystem::rename(partial, path);
  return {};
}

Result<void> RestoreDatabase(const std::string& url_text, const std::string& path) {
  auto url = ParseDatabaseUrl(url_text);
  if (!url) return url.error();
  if (!std::filesystem::exists(path)) {
    return Error::InvalidField("input", path + " does not exist: give a file made by backup");
  }

  if (url->backend == Backend::kPostgres) {
    return RunProgram({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                       "--dbname=" + url->postgres_uri, path});
  }

  auto from = OpenSqlite(path, SQLITE_OPEN_READONLY);
  if (!from) return from.error();
  if (!HasMingjingSchema(from->get())) {
    return Error::InvalidField("input", path + " is not a Mingjing database backup");
  }
  auto parent = std::filesystem::path(url->sqlite_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  auto to = OpenSqlite(url->sqlite_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) return to.error();
  return CopySqlite(from->get(), to->get());
}

}  // namespace mingjing::store
