// Consistent snapshots of the database while the platform serves, and their restoration.
// SQLite uses its online backup API, which copies a consistent state even while other
// connections write. PostgreSQL uses pg_dump's custom format and pg_restore.
#pragma once

#include <string>

#include "common/error.h"
#include "store/database_url.h"

namespace mingjing::store {

// Writes a snapshot of the database at `url` to `path` (created or replaced atomically).
Result<void> BackupDatabase(const std::string& url, const std::string& path);

// Replaces the contents of the database at `url` with the snapshot at `path`. For SQLite the
// snapshot must be a Mingjing database (it must have a schema_migrations table). Stop the
// servers first: a server that keeps running would hold connections to the replaced data.
Result<void> RestoreDatabase(const std::string& url, const std::string& path);

}  // namespace mingjing::store
