// The `mingjing` executable: one binary, one subcommand per task (serve, migrate, seed, import,
// ledger, backup, restore, ...). Each subcommand is registered by its own file in app/.
#include <spdlog/spdlog.h>

#include "app/commands.h"

int main(int argc, char** argv) { return mingjing::app::RunCommandLine(argc, argv); }
