#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/platform.h"
#include "org/division.h"

namespace mingjing::app {
namespace {

void ImportDivisionsCommand(const Config& config, const std::string& dir,
                            const std::string& prefix) {
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  auto summary = org::ImportDivisions(*platform->db, *platform->ledger, CommandLineActor(), dir,
                                      prefix, [](const std::string& file, int64_t done, int64_t) {
                                        fmt::print(stderr, "  {:<14} {:>7} rows\n", file, done);
                                      });
  if (!summary) {
    spdlog::error("division import failed: {}", summary.error().message);
    throw CLI::RuntimeError(1);
  }
  fmt::print("imported {} provinces, {} cities, {} counties, {} townships ({} rows outside {})\n",
             summary->provinces, summary->cities, summary->counties, summary->townships,
             summary->skipped, prefix.empty() ? "the filter" : prefix);
}

}  // namespace

void RegisterImport(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("import", "Import reference data into the database");
  cmd->require_subcommand(1);

  auto* divisions =
      cmd->add_subcommand("divisions",
                          "Load the national division list (provinces.csv, cities.csv, areas.csv, "
                          "streets.csv) from DIR");
  divisions->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  auto dir = std::make_shared<std::string>();
  auto prefix = std::make_shared<std::string>();
  divisions->add_option("DIR", *dir, "folder with the four CSV files")->required();
  divisions->add_option("--prefix", *prefix,
                        "keep only this division code's subtree, e.g. 5116 for Guang'an");
  divisions->callback([&config, dir, prefix] { ImportDivisionsCommand(config, *dir, *prefix); });
  RegisterImportEvents(*cmd, config);
  RegisterImportOcds(*cmd, config);

  RegisterImportCatalog(*cmd, config);
}

}  // namespace mingjing::app
