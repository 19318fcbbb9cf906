#include "app/platform.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "store/migrations.h"

namespace mingjing::app {

std::unique_ptr<Platform> OpenPlatform(const Config& config, bool migrate, size_t pool_size) {
  auto platform = std::make_unique<Platform>();
  platform->config = config;

  auto db = store::Database::Open(config.database, pool_size);
  if (!db) {
    spdlog::error("{}", db.error().message);
    throw CLI::RuntimeError(2);
  }
  platform->db = std::move(*db);

  Result<void> schema = {};
  if (migrate) {
    if (auto version = store::Migrate(*platform->db); !version) schema = version.error();
  } else {
    schema = store::CheckSchemaCurrent(*platform->db);
  }
  if (!schema) {
    spdlog::error("{}", schema.error().message);
    throw CLI::RuntimeError(2);
  }

  platform->ledger =
      std::make_unique<ledger::Ledger>(platform->clock, ledger::MakeHasher(config.ledger_hash));
  return platform;
}

ledger::Actor CommandLineActor() {
  const char* user = std::getenv("USER");
  return ledger::Actor{std::string("cli:") + (user ? user : std::to_string(getuid())), ""};
}

}  // namespace mingjing::app
