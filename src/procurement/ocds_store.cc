#include "procurement/ocds_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "crypto/encoding.h"
#include "crypto/sm3.h"
#include "exchange/event_validation.h"
#include "org/division_code.h"
#include "procurement/ocds_date.h"
#include "procurement/release_merger.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

const json::string* StringMember(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? &value->get_string() : nullptr;
}

std::string BuyerId(const json::object& release) {
  const json::value* buyer = release.if_contains("buyer");
  if (buyer == nullptr || !buyer->is_object()) return {};
  const json::string* id = StringMember(buyer->get_object(), "id");
  return id != nullptr ? std::string(*id) : std::string();
}

// The division that holds `ocid`, or "" when no release of it is stored yet.
std::string DivisionOfOcid(soci::session& s, const std::string& ocid) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT division_code FROM ocds_compiled_releases WHERE ocid = :o",
       soci::use(ocid));
  for (const soci::row& row : rows) return store::Text(row, 0);
  return {};
}

// Stores one valid release, or explains why not. Returns the result without its index.
ReleaseResult StoreRelease(soci::session& s, const OcdsSender& sender, const json::value& value,
                           std::string_view path, int64_t now) {
  const json::object& release = value.get_object();
  ReleaseResult result;
  result.ocid = std::string(*StringMember(release, "ocid"));
  result.release_id = std::string(*StringMember(release, "id"));

  std::string holder = DivisionOfOcid(s, result.ocid);
  if (!holder.empty() && !org::DivisionContains(sender.division_code, holder)) {
    result.errors.push_back(
        {fmt::format("{}.ocid", path),
         fmt::format("ocid {} is held by division {}, outside the sending system's division {}: "
                     "send it from that division's system",
                     result.ocid, holder, sender.division_code)});
    return result;
  }

  std::string content_hash =
      crypto::HexEncode(crypto::Sm3Digest(exchange::CanonicalJson(value)));
  int latest_version = 0;
  std::string latest_hash;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT version, content_hash FROM ocds_releases "
                    "WHERE ocid = :o AND release_id = :r ORDER BY version DESC LIMIT 1",
       soci::use(result.ocid), soci::use(result.release_id));
  for (const soci::row& row : rows) {
    latest_version = static_cast<int>(store::Int64(row, 0));
    latest_hash = store::Text(row, 1);
  }
  if (latest_version != 0 && latest_hash == content_hash) {
    result.status = ReleaseStatus::kDuplicate;
    result.version = latest_version;
    return result;
  }

  result.version = latest_version + 1;
  result.status = result.version == 1 ? ReleaseStatus::kAccepted : ReleaseStatus::kNewVersion;
  int changed = result.version > 1 ? 1 : 0;
  long long release_date = *ParseOcdsDate(*StringMember(release, "date")) / 1'000'000;
  std::string buyer_id = BuyerId(release);
  std::string content = json::serialize(value);
  long long received_at = now;
  s << "INSERT INTO ocds_releases (ocid, release_id, version, sender_system, division_code, "
       "release_date, buyer_id, content_hash, content, changed, received_at) VALUES (:o, :r, :v, "
       ":s, :d, :rd, :b, :h, :c, :ch, :at)",
      soci::use(result.ocid), soci::use(result.release_id), soci::use(result.version),
      soci::use(sender.system), soci::use(sender.division_code), soci::use(release_date),
      soci::use(buyer_id), soci::use(content_hash), soci::use(content), soci::use(changed),
      soci::use(received_at);
  if (changed != 0) {
    spdlog::warn("ocds release changed after it was sent ocid={} release_id={} version={} "
                 "system={}",
                 result.ocid, result.release_id, result.version, sender.system);
  }
  return result;
}

// Rebuilds the compiled release of `ocid` from the latest version of each of its releases and
// returns its buyer id.
std::string Recompile(soci::session& s, const std::string& ocid, const std::string& division,
                      int64_t now) {
  std::map<std::string, json::object> latest;  // release id → latest version
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT release_id, content FROM ocds_releases WHERE ocid = :o "
                    "ORDER BY release_id, version",
       soci::use(ocid));
  for (const soci::row& row : rows) {
    latest[store::Text(row, 0)] = json::parse(store::Text(row, 1)).as_object();
  }
  std::vector<const json::object*> releases;
  for (const auto& [id, release] : latest) releases.push_back(&release);
  json::object compiled = MergeReleases(releases);

  std::string buyer_id = BuyerId(compiled);
  std::string text = json::serialize(compiled);
  long long count = static_cast<long long>(latest.size());
  long long updated_at = now;
  s << "INSERT INTO ocds_compiled_releases (ocid, division_code, buyer_id, release_count, "
       "compiled, updated_at) VALUES (:o, :d, :b, :n, :c, :t) ON CONFLICT (ocid) DO UPDATE SET "
       "buyer_id = excluded.buyer_id, release_count = excluded.release_count, "
       "compiled = excluded.compiled, updated_at = excluded.updated_at",
      soci::use(ocid), soci::use(division), soci::use(buyer_id), soci::use(count),
      soci::use(text), soci::use(updated_at);
  return buyer_id;
}

CompiledReleaseRow CompiledOfRow(const soci::row& row) {
  CompiledReleaseRow c;
  c.ocid = store::Text(row, 0);
  c.division_code = store::Text(row, 1);
  c.buyer_id = store::Text(row, 2);
  c.release_count = store::Int64(row, 3);
  c.compiled = json::parse(store::Text(row, 4)).as_object();
  c.updated_at = store::Int64(row, 5);
  return c;
}

constexpr const char* kCompiledColumns =
    "SELECT ocid, division_code, buyer_id, release_count, compiled, updated_at "
    "FROM ocds_compiled_releases ";

}  // namespace

std::string_view ReleaseStatusName(ReleaseStatus status) {
  switch (status) {
    case ReleaseStatus::kAccepted:
      return "accepted";
    case ReleaseStatus::kDuplicate:
      return "duplicate";
    case ReleaseStatus::kNewVersion:
      return "new_version";
    case ReleaseStatus::kRejected:
      return "rejected";
  }
  return "rejected";
}

std::vector<ReleaseFieldError> ValidateRelease(const json::value& value, std::string_view path) {
  std::vector<ReleaseFieldError> errors;
  if (!value.is_object()) {
    errors.push_back({std::string(path), "must be a JSON object: send one OCDS release"});
    return errors;
  }
  const json::object& release = value.get_object();
  for (std::string_view name : {"ocid", "id"}) {
    const json::string* text = StringMember(release, name);
    if (text == nullptr || text->empty()) {
      errors.push_back({fmt::format("{}.{}", path, name),
                        fmt::format("missing: every release needs a non-empty string {}", name)});
    } else if (text->size() > 200) {
      errors.push_back({fmt::format("{}.{}", path, name),
                        fmt::format("{} is {} bytes long; the maximum is 200", name,
                                    text->size())});
    }
  }
  const json::string* date = StringMember(release, "date");
  if (date == nullptr) {
    errors.push_back({fmt::format("{}.date", path),
                      "missing: give the release date as RFC 3339, e.g. 2026-03-09T09:30:00+08:00"});
  } else if (!ParseOcdsDate(*date)) {
    errors.push_back({fmt::format("{}.date", path),
                      fmt::format("\"{}\" is not an RFC 3339 date-time with an offset, e.g. "
                                  "2026-03-09T09:30:00+08:00",
                                  std::string_view(*date))});
  }
  if (const json::value* tag = release.if_contains("tag")) {
    bool strings = tag->is_array();
    if (strings) {
      for (const json::value& t : tag->get_array()) strings = strings && t.is_string();
    }
    if (!strings) {
      errors.push_back({fmt::format("{}.tag", path),
                        "must be an array of release tags, e.g. [\"tender\"]"});
    }
  }
  if (const json::value* buyer = release.if_contains("buyer")) {
    const json::value* id = buyer->is_object() ? buyer->get_object().if_contains("id") : nullptr;
    if (!buyer->is_object() || (id != nullptr && !id->is_string())) {
      errors.push_back({fmt::format("{}.buyer", path),
                        "must be an object whose id is a string (the buyer's organisation id)"});
    }
  }
  return errors;
}

ReleaseBatchResult StoreReleases(soci::session& session, const OcdsSender& sender,
                                 std::span<const json::value> releases, std::string_view path,
                                 int64_t now) {
  ReleaseBatchResult batch;
  std::set<std::string> touched;
  for (size_t i = 0; i < releases.size(); ++i) {
    std::string item_path = fmt::format("{}[{}]", path, i);
    ReleaseResult result;
    std::vector<ReleaseFieldError> errors = ValidateRelease(releases[i], item_path);
    if (errors.empty()) {
      result = StoreRelease(session, sender, releases[i], item_path, now);
    } else {
      result.errors = std::move(errors);
      if (releases[i].is_object()) {
        const json::object& o = releases[i].get_object();
        if (const json::string* ocid = StringMember(o, "ocid")) result.ocid = std::string(*ocid);
        if (const json::string* id = StringMember(o, "id")) result.release_id = std::string(*id);
      }
    }
    result.index = i;
    if (!result.errors.empty()) {
      result.status = ReleaseStatus::kRejected;
      ++batch.rejected;
    } else if (result.status == ReleaseStatus::kDuplicate) {
      ++batch.duplicates;
    } else {
      ++(result.status == ReleaseStatus::kAccepted ? batch.accepted : batch.new_versions);
      if (touched.insert(result.ocid).second) batch.touched_ocids.push_back(result.ocid);
    }
    batch.releases.push_back(std::move(result));
  }

  std::set<std::string> buyers;
  for (const std::string& ocid : batch.touched_ocids) {
    std::string holder = DivisionOfOcid(session, ocid);
    std::string buyer =
        Recompile(session, ocid, holder.empty() ? sender.division_code : holder, now);
    if (!buyer.empty() && buyers.insert(buyer).second) batch.touched_buyers.push_back(buyer);
  }
  return batch;
}

Result<ReleaseBatchResult> IngestReleases(store::Database& db, ledger::Ledger& ledger,
                                          const ledger::Actor& actor, const OcdsSender& sender,
                                          std::span<const json::value> releases,
                                          std::string_view action, const Clock& clock) {
  if (releases.size() > kMaxReleasesPerBatch) {
    return Error{ErrorCode::kTooLarge,
                 fmt::format("a batch holds at most {} releases, this one {}: split it",
                             kMaxReleasesPerBatch, releases.size()),
                 "releases"};
  }
  auto lease = db.Acquire();
  store::WriteTransaction transaction(lease);
  ReleaseBatchResult batch =
      StoreReleases(*lease, sender, releases, "releases", clock.NowSeconds());
  ledger.Append(*lease, actor,
                ledger::Entry{.action = std::string(action),
                              .object_type = "ocds_batch",
                              .object_id = sender.system,
                              .division_code = sender.division_code,
                              .detail = {{"accepted", batch.accepted},
                                         {"duplicates", batch.duplicates},
                                         {"new_versions", batch.new_versions},
                                         {"rejected", batch.rejected},
                                         {"ocids", json::value_from(batch.touched_ocids)}}});
  transaction.Commit();
  return batch;
}

std::optional<CompiledReleaseRow> FindCompiledRelease(soci::session& session,
                                                      const std::string& ocid) {
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kCompiledColumns) + "WHERE ocid = :o", soci::use(ocid));
  for (const soci::row& row : rows) return CompiledOfRow(row);
  return std::nullopt;
}

std::vector<CompiledReleaseRow> ListBuyerCompiledReleases(soci::session& session,
                                                          const std::string& buyer_id) {
  std::vector<CompiledReleaseRow> out;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kCompiledColumns) + "WHERE buyer_id = :b ORDER BY ocid",
       soci::use(buyer_id));
  for (const soci::row& row : rows) out.push_back(CompiledOfRow(row));
  return out;
}

std::vector<CompiledReleaseRow> ListDivisionCompiledReleases(soci::session& session,
                                                             const std::string& division_code) {
  std::vector<CompiledReleaseRow> out;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kCompiledColumns) + "WHERE division_code = :d ORDER BY ocid",
       soci::use(division_code));
  for (const soci::row& row : rows) out.push_back(CompiledOfRow(row));
  return out;
}

}  // namespace mingjing::procurement
