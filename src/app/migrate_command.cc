#include <spdlog/spdlog.h>

#include "app/commands.h"

namespace mingjing::app {

void RegisterMigrate(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  cmd->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  cmd->callback([&config] {
    // TODO: run store migrations once store/ exists.
  });
}

}  // namespace mingjing::app
