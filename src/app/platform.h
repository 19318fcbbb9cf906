// The long-lived parts every command shares: the configuration, the clock, the database and the
// ledger. Commands open a Platform, do their work, and let it close.
#pragma once

#include <memory>

#include "app/config.h"
#include "common/clock.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::app {

struct Platform {
  // Signs a tree head over what the command appended, when the ledger key exists in data_dir,
  // so that no ledger entry stays uncovered after a command ends.
  ~Platform();

  Config config;
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<ledger::Ledger> ledger;
};

// Opens the database named in `config` and checks that its schema is current (or migrates it
// when `migrate` is true). Throws CLI::RuntimeError with exit code 2 after logging the reason.
std::unique_ptr<Platform> OpenPlatform(const Config& config, bool migrate, size_t pool_size = 4);

// The ledger actor for a command run from the shell: "cli:<login name>".
ledger::Actor CommandLineActor();

}  // namespace mingjing::app
