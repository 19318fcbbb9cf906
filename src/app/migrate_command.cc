#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/platform.h"
#include "store/migrations.h"
#include "supervision/rule_set.h"

namespace mingjing::app {

void RegisterMigrate(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  cmd->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  cmd->callback([&config] {
    auto platform = OpenPlatform(config, /*migrate=*/true, 1);
    supervision::EnsureDefaultRules(*platform->db, *platform->ledger, platform->clock);
    spdlog::info("database schema is at version {}", store::LatestSchemaVersion());
  });
}

}  // namespace mingjing::app
