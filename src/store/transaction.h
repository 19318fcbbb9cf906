#pragma once

#include <soci/soci.h>

#include "store/database.h"

namespace mingjing::store {

// A write transaction that rolls back unless Commit() is called. On SQLite it begins with
// BEGIN IMMEDIATE, taking the write lock up front, so that two writers wait on the busy timeout
// rather than failing when a read lock is upgraded.
class WriteTransaction {
 public:
  explicit WriteTransaction(Lease& lease);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void Commit();

 private:
  soci::session& session_;
  bool open_ = true;
};

}  // namespace mingjing::store
