#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "app/commands.h"
#include "app/platform.h"
#include "demo/seed.h"
#include "ledger/notary.h"
#include "supervision/rule_set.h"

namespace mingjing::app {
namespace {

// Writes the demo credentials to a file only the owner can read, so scripts and tests can log in
// without the password appearing in any committed file.
void WriteCredentials(const std::filesystem::path& path, const demo::DemoSeedResult& result) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::trunc);
  out << "password=" << result.password << "\n";
  out << "api_key_id=" << result.api_key_id << "\n";
  out << "api_key_secret=" << result.api_key_secret << "\n";
  for (const auto& a : result.accounts) out << "account=" << a.username << "\n";
  out.close();
  ::chmod(path.c_str(), 0600);
}

void SeedDemoCommand(const Config& config, const std::string& data, const std::string& password) {
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  supervision::EnsureDefaultRules(*platform->db, *platform->ledger, platform->clock);
  demo::DemoSeedOptions options;
  options.data_dir = data;
  options.password = password;
  auto result = demo::SeedDemo(*platform->db, *platform->ledger, platform->clock, options);
  if (!result) {
    spdlog::error("demo seed failed: {}", result.error().message);
    throw CLI::RuntimeError(1);
  }

  auto key = ledger::LoadOrCreateLedgerKey(config.data_dir);
  if (key) {
    ledger::Notary(*platform->db, platform->ledger->hasher(), *key, platform->clock,
                   ledger::TreeHeadAnchorPath(config.data_dir))
        .SignCurrentHead();
  }

  if (result->already_seeded) {
    fmt::print("The demo city is already seeded; its credentials are in {}/demo-credentials.txt\n",
               config.data_dir);
    return;
  }
  auto credentials = std::filesystem::path(config.data_dir) / "demo-credentials.txt";
  WriteCredentials(credentials, *result);

  fmt::print("Seeded Guang'an City (广安市): {} departments.\n\n", result->departments);
  fmt::print("Demo accounts (password for all: {}):\n", result->password);
  for (const auto& a : result->accounts) {
    fmt::print("  {:<20} {:<18} {} {}\n", a.username, a.role, a.division_code, a.department);
  }
  fmt::print("\nAdministrators and supervisors set up TOTP at first login.\n");
  fmt::print("Demo business system API key: {} (secret in {})\n", result->api_key_id,
             credentials.string());
}

}  // namespace

void RegisterSeed(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("seed", "Load seed data");
  cmd->require_subcommand(1);
  auto* demo = cmd->add_subcommand("demo", "Seed the demo city (Guang'an City, Sichuan)");
  demo->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  demo->add_option("--data-dir", config.data_dir, "folder for the ledger key and credentials");
  auto data = std::make_shared<std::string>("data/demo");
  auto password = std::make_shared<std::string>();
  demo->add_option("--demo-data", *data, "folder of the demo city's data files");
  demo->add_option("--password", *password, "password for every demo account; random when omitted")
      ->envname("MINGJING_DEMO_PASSWORD");
  demo->callback([&config, data, password] { SeedDemoCommand(config, *data, *password); });
}

}  // namespace mingjing::app
