// `mingjing import events`: loads an NDJSON export of a business system that cannot push events
// as they happen, through the same ingest as POST /api/v1/exchange/events.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>

#include "app/commands.h"
#include "app/platform.h"
#include "app/supervision_wiring.h"
#include "auth/api_key.h"
#include "exchange/batch_body.h"
#include "exchange/ingest.h"

namespace mingjing::app {
namespace {

struct ImportTotals {
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t new_versions = 0;
  int64_t rejected = 0;
  int64_t alarms = 0;
};

// The sender whose key id is `key_id`, with that key's region and item types. Without a key id
// the file is stored under the system name "import" with no region limit.
exchange::Sender SenderFor(store::Database& db, const std::string& key_id) {
  if (key_id.empty()) return exchange::Sender{"import", "", {}};
  for (const auto& key : auth::ListApiKeys(db, "")) {
    if (key.key_id != key_id) continue;
    if (key.revoked_at != 0) {
      spdlog::error("API key {} was revoked; issue a new key for the system", key_id);
      throw CLI::RuntimeError(2);
    }
    return exchange::Sender{key.key_id, key.division_code, key.item_types};
  }
  spdlog::error("API key {} not found; list keys with GET /api/v1/api-keys", key_id);
  throw CLI::RuntimeError(2);
}

// Ingests one batch of lines and prints an error line for every rejected event.
void IngestLines(Platform& platform, SupervisionServices& services,
                 const exchange::Sender& sender, std::vector<exchange::BatchLine>& lines,
                 ImportTotals& totals) {
  std::vector<boost::json::value> values;
  for (auto& line : lines) values.push_back(std::move(line.value));
  ledger::Actor actor = CommandLineActor();
  auto result = exchange::IngestEvents(*platform.db, *platform.ledger, actor, sender, values,
                                       platform.clock, /*path=*/"");
  if (!result) {
    spdlog::error("event import failed: {}", result.error().message);
    throw CLI::RuntimeError(1);
  }
  services.runner.JudgeAfterIngest(supervision::TouchedCases(*result));
  for (const auto& r : result->events) {
    const exchange::BatchLine& line = lines[r.index];
    if (!line.parse_error.empty()) {
      fmt::print(stderr, "line {}: {}\n", line.line_number, line.parse_error);
      continue;
    }
    for (const auto& e : r.errors) {
      fmt::print(stderr, "line {}: {}{}{}\n", line.line_number, e.field, e.field.empty() ? "" : " ",
                 e.message);
    }
  }
  totals.accepted += result->accepted;
  totals.duplicates += result->duplicates;
  totals.new_versions += result->new_versions;
  totals.rejected += result->rejected;
  totals.alarms += result->alarms;
  lines.clear();
}

void ImportEventsCommand(const Config& config, const std::string& file, const std::string& key_id) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    spdlog::error("cannot open {}: check the path", file);
    throw CLI::RuntimeError(2);
  }
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  exchange::Sender sender = SenderFor(*platform->db, key_id);
  SupervisionServices services(*platform);

  // Each batch of 1,000 lines is one transaction, so a file is durable batch by batch and an
  // interrupted import can be run again: stored events come back as duplicates.
  ImportTotals totals;
  std::vector<exchange::BatchLine> lines;
  std::string text;
  size_t line_number = 0;
  while (std::getline(in, text)) {
    ++line_number;
    for (auto& parsed : exchange::ParseNdjson(text, line_number))
      lines.push_back(std::move(parsed));
    if (lines.size() == exchange::kMaxEventsPerBatch)
      IngestLines(*platform, services, sender, lines, totals);
  }
  if (!lines.empty()) IngestLines(*platform, services, sender, lines, totals);

  fmt::print(
      "{} lines: {} accepted, {} duplicates, {} new versions, {} rejected, {} tamper "
      "alarms\n",
      line_number, totals.accepted, totals.duplicates, totals.new_versions, totals.rejected,
      totals.alarms);
  if (totals.rejected > 0) throw CLI::RuntimeError(1);
}

}  // namespace

void RegisterImportEvents(CLI::App& import, Config& config) {
  auto* events = import.add_subcommand(
      "events", "Load case events from an NDJSON file (one event a line), 1,000 lines a batch");
  events->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  auto file = std::make_shared<std::string>();
  auto key_id = std::make_shared<std::string>();
  events->add_option("FILE", *file, "NDJSON file exported by the business system")->required();
  events->add_option("--system", *key_id,
                     "API key id (mk_...) of the sending system: its region and item types "
                     "apply, and resends over HTTP are recognised as duplicates");
  events->callback([&config, file, key_id] { ImportEventsCommand(config, *file, *key_id); });
}

}  // namespace mingjing::app
