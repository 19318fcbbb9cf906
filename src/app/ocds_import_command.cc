// `mingjing import ocds`: loads OCDS releases from a file (JSON, JSON lines, release or record
// packages, plain or gzip) through the same store as POST /api/v1/exchange/ocds. It then runs the
// buyer risk rules over the buyers it touched and the red-flag indicators over the sender's
// division. A bad line or release is reported with its line number and skipped; the rest is
// imported.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "app/commands.h"
#include "app/import_progress.h"
#include "app/platform.h"
#include "app/supervision_wiring.h"
#include "auth/api_key.h"
#include "org/division_code.h"
#include "procurement/indicator_alerts.h"
#include "procurement/ocds_judging.h"
#include "procurement/ocds_reader.h"
#include "procurement/ocds_store.h"

namespace mingjing::app {
namespace {

namespace json = boost::json;

// Each batch of releases is one transaction, so a file is durable batch by batch and an
// interrupted import can be run again: stored releases come back as duplicates.
constexpr size_t kImportBatch = 500;

struct ImportTotals {
  int64_t read = 0;
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t new_versions = 0;
  int64_t rejected = 0;
  int64_t read_issues = 0;
  std::set<std::string> buyers;
};

// The sender of key `key_id`, or the "import" system in `division` when no key is given.
procurement::OcdsSender SenderFor(store::Database& db, const std::string& key_id,
                                  const std::string& division) {
  if (key_id.empty()) {
    if (auto ok = org::ValidateDivisionCode(division, "--division"); !ok) {
      spdlog::error("{}: give --system KEY_ID or --division CODE, e.g. --division 511602",
                    ok.error().message);
      throw CLI::RuntimeError(2);
    }
    return {"import", division, 0};
  }
  for (const auto& key : auth::ListApiKeys(db, "")) {
    if (key.key_id != key_id) continue;
    if (key.revoked_at != 0) {
      spdlog::error("API key {} was revoked; issue a new key for the system", key_id);
      throw CLI::RuntimeError(2);
    }
    return {key.key_id, key.division_code, key.department_id};
  }
  spdlog::error("API key {} not found; list keys with GET /api/v1/api-keys", key_id);
  throw CLI::RuntimeError(2);
}

// A copy of `value` on the default heap. The reader's items live in an arena that is reset after
// each call, and a plain copy of a Boost.JSON value would keep pointing into it.
json::value OwnedCopy(const json::value& value) { return json::value(value, json::storage_ptr()); }

// The releases of a record: its full releases, or its compiled release when it has none (a
// record may list releases only by URL).
std::vector<json::value> ReleasesOfRecord(const json::object& record) {
  std::vector<json::value> out;
  const json::value* releases = record.if_contains("releases");
  if (releases != nullptr && releases->is_array()) {
    for (const json::value& r : releases->get_array()) {
      if (r.is_object() && r.get_object().contains("id") && r.get_object().contains("date")) {
        out.push_back(OwnedCopy(r));
      }
    }
  }
  if (out.empty()) {
    if (const json::value* compiled = record.if_contains("compiledRelease")) {
      out.push_back(OwnedCopy(*compiled));
    }
  }
  return out;
}

struct PendingRelease {
  json::value release;
  procurement::SourceLocation location;
};

class OcdsImport {
 public:
  OcdsImport(Platform& platform, procurement::OcdsSender sender, std::string file,
             ImportProgress& progress)
      : platform_(platform), sender_(std::move(sender)), file_(std::move(file)),
        progress_(progress) {}

  void Add(procurement::OcdsItemKind kind, const json::object& item,
           const procurement::SourceLocation& location) {
    if (kind == procurement::OcdsItemKind::kRecord) {
      for (auto& release : ReleasesOfRecord(item)) {
        pending_.push_back({std::move(release), location});
        progress_.SetItems(++items_read_);
      }
    } else {
      pending_.push_back({json::value(json::object(item, json::storage_ptr())), location});
      progress_.SetItems(++items_read_);
    }
    if (pending_.size() >= kImportBatch) Flush();
  }

  void Issue(const procurement::ReadIssue& issue) {
    ++totals_.read_issues;
    progress_.PrintLine(issue.ToString());
  }

  // Stores the releases read so far.
  void Flush() {
    if (pending_.empty()) return;
    std::vector<json::value> values;
    for (auto& p : pending_) values.push_back(std::move(p.release));
    auto result = procurement::IngestReleases(*platform_.db, *platform_.ledger,
                                              CommandLineActor(), sender_, values,
                                              "procurement.ocds.import", platform_.clock);
    if (!result) {
      spdlog::error("OCDS import failed: {}", result.error().message);
      throw CLI::RuntimeError(1);
    }
    for (const auto& r : result->releases) {
      for (const auto& e : r.errors) progress_.PrintLine(ErrorLine(pending_[r.index].location, e));
    }
    totals_.read += static_cast<int64_t>(values.size());
    totals_.accepted += result->accepted;
    totals_.duplicates += result->duplicates;
    totals_.new_versions += result->new_versions;
    totals_.rejected += result->rejected;
    totals_.buyers.insert(result->touched_buyers.begin(), result->touched_buyers.end());
    pending_.clear();
  }

  const ImportTotals& totals() const { return totals_; }

 private:
  // "file:12: date: message" for a line of JSON lines, "file: releases[3]: date: message" for a
  // release inside a package. The location replaces the batch's own path ("releases[i]").
  std::string ErrorLine(const procurement::SourceLocation& location,
                        const procurement::ReleaseFieldError& error) const {
    std::string field = error.field;
    if (size_t dot = field.find("]."); field.starts_with("releases[") && dot != std::string::npos) {
      field = field.substr(dot + 2);
    } else if (field.starts_with("releases[")) {
      field.clear();
    }
    std::string where = location.line != 0 ? fmt::format("{}:{}", file_, location.line) : file_;
    if (!location.path.empty()) where += ": " + location.path;
    return fmt::format("{}: {}{}{}", where, field, field.empty() ? "" : ": ", error.message);
  }

  Platform& platform_;
  procurement::OcdsSender sender_;
  std::string file_;
  ImportProgress& progress_;
  std::vector<PendingRelease> pending_;
  int64_t items_read_ = 0;  // releases read, stored or not yet
  ImportTotals totals_;
};

uint64_t FileSize(const std::string& path) {
  if (path == "-") return 0;
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

void ImportOcdsCommand(const Config& config, const std::string& file, const std::string& key_id,
                       const std::string& division) {
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  procurement::OcdsSender sender = SenderFor(*platform->db, key_id, division);
  SupervisionServices services(*platform);

  ImportProgress progress(FileSize(file));
  OcdsImport import(*platform, sender, file, progress);
  auto layout = procurement::ReadOcdsFile(
      file,
      [&import](procurement::OcdsItemKind kind, const json::object& item,
                const procurement::SourceLocation& location) { import.Add(kind, item, location); },
      [&import](const procurement::ReadIssue& issue) { import.Issue(issue); },
      [&progress](uint64_t bytes) { progress.SetBytesRead(bytes); });
  // What was read before a fatal error is stored all the same.
  import.Flush();
  progress.Finish();
  if (!layout) {
    spdlog::error("OCDS import of {} stopped: {}", file, layout.error().message);
  }

  const ImportTotals& totals = import.totals();
  std::vector<std::string> buyers(totals.buyers.begin(), totals.buyers.end());
  int64_t alerts = procurement::JudgeBuyers(*platform->db, services.alerts, buyers,
                                            sender.department_id, platform->clock);
  // The sender's division holds every release stored, so it is the one division to examine.
  if (totals.accepted + totals.new_versions > 0) {
    alerts += procurement::JudgeIndicators(*platform->db, services.alerts, {sender.division_code},
                                           sender.department_id, platform->clock);
  }
  fmt::print(
      "{} releases: {} accepted, {} duplicates, {} new versions, {} rejected; {} lines or items "
      "skipped; {} buyers judged, {} alerts issued\n",
      totals.read, totals.accepted, totals.duplicates, totals.new_versions, totals.rejected,
      totals.read_issues, buyers.size(), alerts);
  if (!layout || totals.rejected > 0 || totals.read_issues > 0) throw CLI::RuntimeError(1);
}

}  // namespace

void RegisterImportOcds(CLI::App& import, Config& config) {
  auto* ocds = import.add_subcommand(
      "ocds",
      "Load OCDS 1.1 releases, records or packages (JSON, JSON lines, gzip), run the buyer "
      "risk rules over the buyers they touch and the red-flag indicators over the division");
  ocds->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  auto file = std::make_shared<std::string>();
  auto key_id = std::make_shared<std::string>();
  auto division = std::make_shared<std::string>();
  ocds->add_option("FILE", *file, "OCDS file, plain or gzip; - for standard input")->required();
  auto* system = ocds->add_option(
      "--system", *key_id,
      "API key id (mk_...) of the procurement system that published the file: its division "
      "holds the releases, and resends over HTTP are recognised as duplicates");
  ocds->add_option("--division", *division,
                   "division code that holds the releases when no --system is given, e.g. 511602")
      ->excludes(system);
  ocds->callback(
      [&config, file, key_id, division] { ImportOcdsCommand(config, *file, *key_id, *division); });
}

}  // namespace mingjing::app
