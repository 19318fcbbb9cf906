// One database handle over SQLite and PostgreSQL through SOCI. Callers lease a session from the
// pool for one unit of work and write SQL that both dialects accept. Schema files mark the few
// type differences with tokens (migrations.h), and code checks Lease::backend() for the rest.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>

#include "common/error.h"
#include "store/database_url.h"

namespace mingjing::store {

class Database;

// A pooled session, returned to the pool when the Lease is destroyed. Never acquire a second
// Lease while holding one: with every connection of the pool held that way, threads wait on each
// other for ever. Tests run with a pool of one connection so that such nesting hangs at once.
class Lease {
 public:
  Lease(Lease&&) = delete;
  ~Lease() { session_.reset(); }
  soci::session& operator*() { return *session_; }
  soci::session* operator->() { return session_.get(); }
  Backend backend() const { return backend_; }

  // Returns the session to the pool early. The Lease must not be used afterwards.
  void Release() { session_.reset(); }

 private:
  friend class Database;
  Lease(soci::connection_pool& pool, Backend backend)
      : session_(std::make_unique<soci::session>(pool)), backend_(backend) {}
  std::unique_ptr<soci::session> session_;
  Backend backend_;
};

class Database {
 public:
  // Opens `pool_size` connections. SQLite connections use WAL with synchronous=FULL so that an
  // acknowledged commit survives power loss, a 10 s busy timeout, and foreign keys on. The
  // SQLite file's folder is created if missing.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, size_t pool_size = 4);

  ~Database();

  Lease Acquire() { return Lease(*pool_, url_.backend); }
  Backend backend() const { return url_.backend; }
  const DatabaseUrl& url() const { return url_; }
  size_t pool_size() const { return pool_size_; }

  // Runs a trivial query; used by /readyz.
  bool Ping();

 private:
  Database(DatabaseUrl url, size_t pool_size);
  DatabaseUrl url_;
  size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// True when `e` is a unique-constraint violation in either backend.
bool IsUniqueViolation(const soci::soci_error& e);

}  // namespace mingjing::store
