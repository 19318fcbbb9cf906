#include "app/platform.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>

#include "ledger/notary.h"
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

Platform::~Platform() {
  if (!db || !ledger) return;
  auto key_file = std::filesystem::path(config.data_dir) / "ledger-sm2.pem";
  if (!std::filesystem::exists(key_file)) return;
  try {
    auto key = crypto::Sm2PrivateKey::LoadFromFile(key_file);
    if (!key) {
      spdlog::warn("not signing the ledger head: {}", key.error().message);
      return;
    }
    ledger::Notary(*db, ledger->hasher(), *key, clock, ledger::TreeHeadAnchorPath(config.data_dir))
        .SignCurrentHead();
  } catch (const std::exception& e) {
    spdlog::error("signing the ledger head at exit failed: {}", e.what());
  }
}

ledger::Actor CommandLineActor() {
  const char* user = std::getenv("USER");
  return ledger::Actor{std::string("cli:") + (user ? user : std::to_string(getuid())), ""};
}

}  // namespace mingjing::app
