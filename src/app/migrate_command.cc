#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/platform.h"
#include "store/migrations.h"

namespace mingjing::app {

void RegisterMigrate(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  cmd->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  cmd->add_option("--data-dir", config.data_dir, "folder for the ledger key");
  cmd->callback([&config] {
    // The default rules are installed by `seed` and `serve`, not here: they append ledger
    // entries, whose signed head must use the key of the folder the server will run with.
    auto platform = OpenPlatform(config, /*migrate=*/true, 1);
    spdlog::info("database schema is at version {}", store::LatestSchemaVersion());
  });
}

}  // namespace mingjing::app
