#include "store/transaction.h"

#include <spdlog/spdlog.h>

namespace mingjing::store {

WriteTransaction::WriteTransaction(Lease& lease) : session_(*lease) {
  session_ << (lease.backend() == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK";
  } catch (const std::exception& e) {
    spdlog::error("rollback failed: {}", e.what());
  }
}

void WriteTransaction::Commit() {
  session_ << "COMMIT";
  open_ = false;
}

}  // namespace mingjing::store
