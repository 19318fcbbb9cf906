// `mingjing procurement indicators [--settings FILE.ini] FILE` runs the OCDS red-flag indicators
// over a file of contracting processes and prints the results as one JSON object on standard
// output. Skipped lines and errors go to standard error, so that the output stays valid JSON.
// `mingjing procurement buyer-risks FILE` prints the buyer risk flags of an OCDS file as a JSON
// array. `mingjing procurement screens-auc PATH` scores the price screens on the labelled Tsuchiura
// auctions and prints the ROC AUC table of docs/procurement-screens.md.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>

#include "app/commands.h"
#include "procurement/buyer_risk_rules.h"
#include "procurement/indicator_run.h"
#include "procurement/indicator_settings.h"
#include "procurement/screen_evaluation.h"

namespace mingjing::app {
namespace {

struct IndicatorsOptions {
  std::string settings_file;
  std::string data_file;
};

void RunIndicatorsCommand(const IndicatorsOptions& options) {
  procurement::IndicatorSettings settings = procurement::DefaultIndicatorSettings();
  if (!options.settings_file.empty()) {
    auto loaded = procurement::LoadIndicatorSettings(options.settings_file);
    if (!loaded) {
      fmt::print(stderr, "error: {}\n", loaded.error().message);
      throw CLI::RuntimeError(2);
    }
    settings = std::move(*loaded);
  }

  auto run = procurement::RunIndicatorsOnFile(
      options.data_file, settings, [](const procurement::ReadIssue& issue) {
        fmt::print(stderr, "warning: {}\n", issue.ToString());
      });
  if (!run) {
    fmt::print(stderr, "error: {}\n", run.error().message);
    throw CLI::RuntimeError(1);
  }

  fmt::print("{}\n", run->results.ToJsonText());
  fmt::print(stderr, "{} contracting processes read, {} excluded, {} lines or items skipped\n",
             run->processes, run->processes_excluded, run->issue_count);
}

void RunBuyerRisksCommand(const std::string& data_file) {
  size_t issues = 0;
  auto flags = procurement::RunBuyerRiskRulesOnFile(
      data_file, {}, [&issues](const procurement::ReadIssue& issue) {
        ++issues;
        fmt::print(stderr, "warning: {}\n", issue.ToString());
      });
  if (!flags) {
    fmt::print(stderr, "error: {}\n", flags.error().message);
    throw CLI::RuntimeError(1);
  }
  boost::json::array out;
  for (const auto& flag : *flags) {
    out.push_back(procurement::FlagToJson(flag));
  }
  fmt::print("{}\n", boost::json::serialize(out));
  fmt::print(stderr, "{} flags, {} lines or items skipped\n", flags->size(), issues);
}

struct ScreensAucOptions {
  std::string path;
  int folds = 10;
};

void RunScreensAucCommand(const ScreensAucOptions& options) {
  std::string file = options.path;
  if (std::filesystem::is_directory(file)) {
    file = (std::filesystem::path(file) / "tsuchiura_data.csv").string();
  }
  auto auctions = procurement::ReadTsuchiuraAuctions(file);
  if (!auctions) {
    fmt::print(stderr, "error: {}\n", auctions.error().message);
    throw CLI::RuntimeError(1);
  }
  fmt::print("{}", procurement::FormatScreenAucTable(
                       procurement::EvaluateScreens(*auctions, options.folds)));
}

}  // namespace

void RegisterProcurement(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("procurement", "Examine public procurement data (OCDS)");
  cmd->require_subcommand(1);

  auto options = std::make_shared<IndicatorsOptions>();
  auto* indicators = cmd->add_subcommand(
      "indicators",
      "Run the red-flag indicators (R003 R018 R024 R025 R028 R030 R035 R036 R038 R048 R058) over "
      "OCDS compiled releases, releases, records or packages, plain or gzip, and print the "
      "flags as JSON");
  indicators
      ->add_option("--settings", options->settings_file,
                   "INI file: a [Rxxx] section enables an indicator and sets its options; "
                   "without it, all eleven run with their defaults")
      ->check(CLI::ExistingFile);
  indicators->add_option("FILE", options->data_file, "OCDS data file, or - for standard input")
      ->required();
  indicators->callback([options] { RunIndicatorsCommand(*options); });

  auto risk_file = std::make_shared<std::string>();
  auto* buyer_risks = cmd->add_subcommand(
      "buyer-risks",
      "Run the buyer risk rules (all but the winner disqualified, one supplier under many CPV "
      "classes, repeated contract value changes, awards far below the estimate) over OCDS data "
      "and print the flags as a JSON array");
  buyer_risks->add_option("FILE", *risk_file, "OCDS data file, or - for standard input")
      ->required();
  buyer_risks->callback([risk_file] { RunBuyerRisksCommand(*risk_file); });

  auto auc_options = std::make_shared<ScreensAucOptions>();
  auto* screens_auc = cmd->add_subcommand(
      "screens-auc",
      "Score the bid-price screens on labelled auctions (the Tsuchiura cartel data) and print "
      "the ROC AUC of each screen and of logistic combinations as a Markdown table");
  screens_auc
      ->add_option("PATH", auc_options->path, "tsuchiura_data.csv, or the folder that contains it")
      ->required()
      ->check(CLI::ExistingPath);
  screens_auc
      ->add_option("--folds", auc_options->folds,
                   "number of cross-validation folds for the combinations")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  screens_auc->callback([auc_options] { RunScreensAucCommand(*auc_options); });
}

}  // namespace mingjing::app
