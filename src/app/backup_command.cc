#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "store/backup.h"

namespace mingjing::app {

void RegisterBackup(CLI::App& cli, Config& config) {
  auto output = std::make_shared<std::string>();
  auto* backup =
      cli.add_subcommand("backup", "Write a consistent snapshot of the database while it serves");
  backup->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  backup->add_option("--output,-o", *output, "snapshot file to write")->required();
  backup->callback([&config, output] {
    if (auto done = store::BackupDatabase(config.database, *output); !done) {
      spdlog::error("backup failed: {}", done.error().message);
      throw CLI::RuntimeError(1);
    }
    fmt::print("backup written to {}\n", *output);
  });

  auto input = std::make_shared<std::string>();
  auto* restore = cli.add_subcommand(
      "restore", "Replace the database with a snapshot made by backup (stop the servers first)");
  restore->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  restore->add_option("--input,-i", *input, "snapshot file to read")->required();
  restore->callback([&config, input] {
    if (auto done = store::RestoreDatabase(config.database, *input); !done) {
      spdlog::error("restore failed: {}", done.error().message);
      throw CLI::RuntimeError(1);
    }
    fmt::print("database restored from {}; run `mingjing ledger verify` to check it\n", *input);
  });
}

}  // namespace mingjing::app
