#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/platform.h"
#include "ledger/notary.h"
#include "ledger/verify.h"

namespace mingjing::app {
namespace {

void VerifyCommand(const Config& config, bool restored) {
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  auto public_key = ledger::LoadLedgerPublicKey(config.data_dir);
  if (!public_key) {
    spdlog::warn("{}; checking hashes only, not tree head signatures", public_key.error().message);
  }
  ledger::VerifyOptions options;
  options.public_key = public_key ? &*public_key : nullptr;
  auto anchor = ledger::ReadTreeHeadAnchor(ledger::TreeHeadAnchorPath(config.data_dir));
  if (!anchor) {
    spdlog::error("{}", anchor.error().message);
    throw CLI::RuntimeError(1);
  }
  options.anchor_heads = std::move(*anchor);
  options.restored_from_backup = restored;
  options.now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                       platform->clock.Now().time_since_epoch())
                       .count();
  auto report = ledger::VerifyLedger(*platform->db, platform->ledger->hasher(), options);
  if (!report.ok()) {
    fmt::print(stderr, "ledger verification FAILED: {} (entry {}): {}\n",
               ledger::LedgerProblemName(report.problem->kind), report.problem->seq,
               report.problem->message);
    throw CLI::RuntimeError(1);
  }
  fmt::print("ledger verified: {} entries, {} signed tree heads, root {}\n", report.entries,
             report.tree_heads, report.root_hash_hex);
}

void SignCommand(const Config& config) {
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  auto key = ledger::LoadOrCreateLedgerKey(config.data_dir);
  if (!key) {
    spdlog::error("{}", key.error().message);
    throw CLI::RuntimeError(2);
  }
  auto head = ledger::Notary(*platform->db, platform->ledger->hasher(), *key, platform->clock,
                             ledger::TreeHeadAnchorPath(config.data_dir))
                  .SignCurrentHead();
  if (head) {
    fmt::print("signed the tree head at size {}\n", head->tree_size);
  } else {
    fmt::print("nothing new to sign\n");
  }
}

}  // namespace

void RegisterLedger(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("ledger", "Check the tamper-evident audit ledger");
  cmd->require_subcommand(1);
  auto* verify = cmd->add_subcommand(
      "verify", "Recompute every entry and signed head; exit 1 naming the first tampered entry");
  verify->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  verify->add_option("--data-dir", config.data_dir, "folder holding ledger-sm2.pub.pem");
  auto restored = std::make_shared<bool>(false);
  verify->add_flag("--restored", *restored,
                   "the database was restored from a backup: signed heads newer than it are "
                   "expected to be missing");
  verify->callback([&config, restored] { VerifyCommand(config, *restored); });

  auto* sign = cmd->add_subcommand("sign", "Sign a tree head for the current ledger now");
  sign->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  sign->add_option("--data-dir", config.data_dir, "folder holding ledger-sm2.pem");
  sign->callback([&config] { SignCommand(config); });
}

}  // namespace mingjing::app
