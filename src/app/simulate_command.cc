// `mingjing simulate`: sends realistic case traffic to a running server through the public
// exchange interface, as a business system would, until the duration ends or Ctrl-C.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>

#include "app/commands.h"
#include "app/exchange_key_options.h"
#include "demo/simulator.h"

namespace mingjing::app {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void RequestStop(int) { stop_requested.store(true); }

void PrintSummary(const demo::SimulationSummary& s) {
  fmt::print("Cases sent by kind:\n");
  for (demo::CaseKind kind : demo::AllCaseKinds()) {
    auto it = s.cases.find(kind);
    fmt::print("  {:<26} {}\n", demo::CaseKindName(kind), it == s.cases.end() ? 0 : it->second);
  }
  fmt::print(
      "{} requests ({} failed): {} events accepted, {} duplicates, {} new versions, {} "
      "rejected, {} tamper alarms\n",
      s.requests, s.failed_requests, s.accepted, s.duplicates, s.new_versions, s.rejected,
      s.alarms);
  for (demo::CaseKind kind : s.skipped_kinds) {
    fmt::print("No catalogue item suits {} cases, so none were sent.\n", demo::CaseKindName(kind));
  }
  if (!s.samples.empty()) {
    fmt::print("Try the public progress lookup with:\n");
    for (const auto& [number, code] : s.samples) {
      fmt::print("  case number {}  query code {}\n", number, code);
    }
  }
}

void SimulateCommand(const ExchangeKeyOptions& key, const demo::SimulatorOptions& options) {
  if (options.cases_per_second <= 0) {
    spdlog::error("--rate must be above 0 cases a second");
    throw CLI::RuntimeError(2);
  }
  SystemClock clock;
  exchange::SignedClient client = OpenExchangeClient(key, clock);
  demo::Simulator simulator(client, options, clock);
  if (auto loaded = simulator.LoadCatalogue(); !loaded) {
    spdlog::error("the simulator cannot start: {}", loaded.error().message);
    throw CLI::RuntimeError(1);
  }

  std::signal(SIGINT, RequestStop);
  std::signal(SIGTERM, RequestStop);
  spdlog::info("simulator: sending {} cases a second to {}{}", options.cases_per_second, key.url,
               options.duration_seconds > 0 ? fmt::format(" for {} s", options.duration_seconds)
                                            : std::string(" until Ctrl-C"));
  demo::SimulationSummary summary = simulator.Run(stop_requested);
  PrintSummary(summary);
  if (summary.requests > 0 && summary.failed_requests == summary.requests) {
    throw CLI::RuntimeError(1);
  }
}

}  // namespace

void RegisterSimulate(CLI::App& cli, Config&) {
  auto* cmd = cli.add_subcommand(
      "simulate",
      "Send realistic case traffic (on-time, late, skipped-step, overcharged, corrected, "
      "returned, refused and altered cases) to a server through the exchange interface");
  auto key = std::make_shared<ExchangeKeyOptions>();
  auto options = std::make_shared<demo::SimulatorOptions>();
  AddExchangeKeyOptions(*cmd, *key);
  cmd->add_option("--rate", options->cases_per_second, "cases a second")->capture_default_str();
  cmd->add_option("--duration", options->duration_seconds, "seconds to run; 0 runs until Ctrl-C")
      ->capture_default_str();
  cmd->add_option("--cases", options->max_cases, "cases to send; 0 sends until the duration ends")
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "seed of the random choices of items and kinds")
      ->capture_default_str();
  cmd->add_option("--run-id", options->run_id,
                  "prefix of the case numbers (SIM-<run-id>-00001); random when omitted");
  cmd->add_option("--ack-log", options->ack_log,
                  "file to which the event id of every event a 2xx response stored is appended");
  cmd->callback([key, options] { SimulateCommand(*key, *options); });
}

}  // namespace mingjing::app
