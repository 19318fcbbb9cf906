#include <spdlog/spdlog.h>

#include "app/commands.h"

namespace mingjing::app {

void RegisterServe(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("serve", "Serve the JSON API and the web front end");
  cmd->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  cmd->add_option("--listen", config.listen, "HOST:PORT to listen on");
  cmd->add_option("--threads", config.io_threads, "I/O threads, 0 for one per core");
  cmd->callback([&config] {
    spdlog::info("effective configuration: {}", DescribeConfig(config));
    // TODO: start the HTTP server once http/ exists.
  });
}

}  // namespace mingjing::app
