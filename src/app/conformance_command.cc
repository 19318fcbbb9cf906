// `mingjing conformance`: the conformance kit. A vendor runs it with its own API key against a
// server to check its signing and the interface's answers; it prints a checklist and exits 1 when
// any check fails.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/exchange_key_options.h"
#include "exchange/conformance.h"

namespace mingjing::app {
namespace {

void ConformanceCommand(const ExchangeKeyOptions& key) {
  SystemClock clock;
  exchange::SignedClient client = OpenExchangeClient(key, clock);
  std::vector<exchange::ConformanceCheck> checks = exchange::RunConformance(client, clock);

  int failed = 0;
  for (const auto& check : checks) {
    fmt::print("{}  {}\n", check.passed ? "PASS" : "FAIL", check.name);
    if (!check.passed) {
      ++failed;
      fmt::print("      {}\n", check.detail);
    }
  }
  fmt::print("{} of {} checks passed\n", checks.size() - failed, checks.size());
  if (failed > 0) throw CLI::RuntimeError(1);
}

}  // namespace

void RegisterConformance(CLI::App& cli, Config&) {
  auto* cmd = cli.add_subcommand(
      "conformance",
      "Check a business system's key and signing against a server: valid, invalid, duplicate, "
      "altered, out-of-order and oversized events, NDJSON, bad signatures and replays");
  auto key = std::make_shared<ExchangeKeyOptions>();
  AddExchangeKeyOptions(*cmd, *key);
  cmd->callback([key] { ConformanceCommand(*key); });
}

}  // namespace mingjing::app
