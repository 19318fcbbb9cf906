#pragma once

#include <CLI/CLI.hpp>

#include "app/config.h"

namespace mingjing::app {

// Parses the command line, loads the configuration and runs the chosen subcommand.
// Returns the process exit code.
int RunCommandLine(int argc, char** argv);

// Each Register* adds one subcommand to `cli`. The subcommand reads `config` after parsing.
void RegisterServe(CLI::App& cli, Config& config);
void RegisterMigrate(CLI::App& cli, Config& config);
void RegisterProcurement(CLI::App& cli, Config& config);
void RegisterImport(CLI::App& cli, Config& config);
void RegisterImportEvents(CLI::App& import, Config& config);  // under `import`
void RegisterImportOcds(CLI::App& import, Config& config);    // under `import`
// Adds `items` and `calendar` under the `import` subcommand.
void RegisterImportCatalog(CLI::App& import, Config& config);
void RegisterSeed(CLI::App& cli, Config& config);
void RegisterLedger(CLI::App& cli, Config& config);
void RegisterBackup(CLI::App& cli, Config& config);
void RegisterSimulate(CLI::App& cli, Config& config);
void RegisterConformance(CLI::App& cli, Config& config);
void RegisterNotify(CLI::App& cli, Config& config);

}  // namespace mingjing::app
