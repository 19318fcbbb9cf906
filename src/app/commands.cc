#include "app/commands.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string_view>

namespace mingjing::app {
namespace {

// The configuration file must be known before flags are parsed, because flags override it.
std::string FindConfigFile(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--config" && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with("--config=")) return std::string(arg.substr(9));
  }
  if (const char* env = std::getenv("MINGJING_CONFIG")) return env;
  return {};
}

}  // namespace

int RunCommandLine(int argc, char** argv) {
  Config config;
  config.config_file = FindConfigFile(argc, argv);
  try {
    LoadConfig(config);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 2;
  }

  CLI::App cli{"Mingjing (明镜): e-government and electronic supervision platform"};
  cli.require_subcommand(1);
  cli.add_option("--config", config.config_file, "TOML configuration file");
  cli.add_option("--log-level", config.log_level, "trace, debug, info, warn or error");

  RegisterServe(cli, config);
  RegisterMigrate(cli, config);
  RegisterProcurement(cli, config);
  RegisterImport(cli, config);
  RegisterSeed(cli, config);
  RegisterLedger(cli, config);
  RegisterBackup(cli, config);
  RegisterSimulate(cli, config);
  RegisterConformance(cli, config);
  RegisterNotify(cli, config);

  cli.parse_complete_callback(
      [&config] { spdlog::set_level(spdlog::level::from_str(config.log_level)); });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return 0;
}

}  // namespace mingjing::app
