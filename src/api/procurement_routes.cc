// Procurement over HTTP: e-bidding systems push signed bid batches with their submission
// metadata, each touched tender is judged by the collusion rules, and new flags become alerts.
// Supervisors read tenders with their flags, screens and the network of linked bidders.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <charconv>

#include "api/guard.h"
#include "api/routes.h"
#include "auth/api_key.h"
#include "procurement/bid_network.h"
#include "procurement/bid_store.h"
#include "procurement/flag_alerts.h"
#include "procurement/personal_data.h"
#include "procurement/price_screens.h"
#include "store/transaction.h"
#include "supervision/judgement_runner.h"
#include "supervision/rule_set.h"

namespace mingjing::api {
namespace {

namespace json = boost::json;
using auth::Role;

// Room for 500 bids of about 4 KiB of metadata each, or fewer with document text.
constexpr uint64_t kMaxBidBodyBytes = 16 * 1024 * 1024;
constexpr int64_t kMaxPageSize = 200;
constexpr size_t kMaxSearchBytes = 200;

Result<std::vector<json::value>> ReadBidBatch(const http::Request& request) {
  if (request.body().empty()) {
    return Error{ErrorCode::kMalformed, "the body is empty: send {\"bids\": [...]}", ""};
  }
  boost::system::error_code ec;
  json::value body = json::parse(request.body(), ec);
  if (ec) {
    return Error{ErrorCode::kMalformed, fmt::format("the body is not valid JSON: {}", ec.message()),
                 ""};
  }
  const json::array* bids = body.if_array();
  if (bids == nullptr && body.is_object()) {
    if (const json::value* inner = body.get_object().if_contains("bids")) {
      bids = inner->if_array();
    }
  }
  if (bids == nullptr || bids->empty()) {
    return Error::InvalidField("bids", "missing: send a non-empty array of bids");
  }
  return std::vector<json::value>(bids->begin(), bids->end());
}

json::object BidResultJson(const procurement::BidResult& r) {
  json::object out{{"index", r.index},
                   {"tender_number", r.tender_number},
                   {"bid_id", r.bid_id},
                   {"status", procurement::BidIngestStatusName(r.status)}};
  if (r.tender_id != 0) out["tender_id"] = r.tender_id;
  if (!r.errors.empty()) {
    json::array errors;
    for (const auto& e : r.errors) errors.push_back({{"field", e.field}, {"message", e.message}});
    out["errors"] = std::move(errors);
  }
  return out;
}

// Issues an alert for each new flag of the tender under the stored rules, and links the flag to
// the alert issued for it.
void IssueTenderFlagAlerts(soci::session& session, const supervision::AlertService& alerts,
                           const procurement::TenderSummary& tender, int64_t department_id,
                           std::vector<procurement::StoredFlag>& flags, int64_t now) {
  std::vector<procurement::FlagForAlert> for_alerts;
  for (const auto& flag : flags) {
    procurement::FlagForAlert f{flag.rule_code,
                                procurement::ParseFlagLevel(flag.level)
                                    .value_or(procurement::FlagLevel::kWarning),
                                flag.subject, flag.evidence};
    f.evidence["tender_id"] = tender.id;
    f.evidence["tender_number"] = tender.tender_number;
    for_alerts.push_back(std::move(f));
  }
  // The tender's oversight department handles its cards; without one, the sending key's.
  if (!tender.oversight_department_code.empty()) {
    long long id = 0;
    soci::indicator found = soci::i_null;
    session << "SELECT id FROM departments WHERE code = :c AND division_code = :d",
        soci::use(tender.oversight_department_code), soci::use(tender.division_code),
        soci::into(id, found);
    if (session.got_data() && found == soci::i_ok) department_id = id;
  }
  procurement::FlagAlertTarget target{fmt::format("tender:{}", tender.id), tender.tender_number,
                                      tender.title, tender.division_code, department_id};
  supervision::RuleSet rules = supervision::LoadRuleSet(session);
  auto alert_ids = procurement::IssueFlagAlerts(session, alerts, rules, target, for_alerts, now);
  for (size_t i = 0; i < flags.size(); ++i) {
    if (alert_ids[i] == 0) continue;
    flags[i].alert_id = alert_ids[i];
    procurement::SetFlagAlert(session, flags[i].id, alert_ids[i]);
  }
}

// Judges each tender in a transaction of its own, once the batch has committed. A failure is
// logged and leaves the tender to the next batch that touches it, because the batch is already
// acknowledged.
int64_t JudgeTenders(ApiContext& ctx, const std::vector<int64_t>& tender_ids,
                     int64_t department_id, const std::string& request_id) {
  int64_t new_flags = 0;
  for (int64_t tender_id : tender_ids) {
    try {
      auto lease = ctx.db.Acquire();
      store::WriteTransaction transaction(lease);
      int64_t now = ctx.clock.NowSeconds();
      auto flags = procurement::JudgeStoredTender(*lease, tender_id, now);
      auto tender = procurement::FindTender(*lease, tender_id);
      if (ctx.supervision != nullptr && tender && !flags.empty()) {
        IssueTenderFlagAlerts(*lease, ctx.supervision->alerts(), *tender, department_id, flags,
                              now);
      }
      transaction.Commit();
      new_flags += static_cast<int64_t>(flags.size());
    } catch (const std::exception& e) {
      spdlog::error("procurement judging failed request_id={} tender_id={} error={}", request_id,
                    tender_id, e.what());
    }
  }
  return new_flags;
}

http::Response PostBids(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireScope(request, auth::kProcurementScope); !ok) {
    return http::ErrorResponse(ok.error());
  }
  const auth::Principal& caller = Caller(request);
  auto bids = ReadBidBatch(request);
  if (!bids) return http::ErrorResponse(bids.error());

  procurement::BidSender sender{std::string(request.Header("X-Mingjing-Key")),
                                caller.division_code};
  auto result =
      procurement::IngestBids(ctx.db, ctx.ledger, ActorOf(request), sender, *bids, ctx.clock);
  if (!result) return http::ErrorResponse(result.error());
  int64_t new_flags =
      JudgeTenders(ctx, result->touched_tenders, caller.department_id, request.request_id());

  json::array statuses;
  for (const auto& r : result->bids) statuses.push_back(BidResultJson(r));
  spdlog::info(
      "procurement bid batch request_id={} system={} bids={} accepted={} duplicates={} "
      "rejected={} new_flags={}",
      request.request_id(), sender.system, result->bids.size(), result->accepted,
      result->duplicates, result->rejected, new_flags);
  return http::Json(json::object{{"accepted", result->accepted},
                                 {"duplicates", result->duplicates},
                                 {"rejected", result->rejected},
                                 {"new_flags", new_flags},
                                 {"bids", std::move(statuses)}});
}

Result<void> RequireProcurementReader(const http::Request& request) {
  return RequireRole(request, {Role::kSupervisor, Role::kPlatformAdmin, Role::kAuditAdmin});
}

Result<int64_t> QueryInt(const http::Request& request, std::string_view name, int64_t fallback,
                         int64_t min, int64_t max) {
  auto text = request.Query(name);
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return Error::InvalidField(
        std::string(name), fmt::format("{} must be a whole number from {} to {}", name, min, max));
  }
  return value;
}

json::object TenderJson(const procurement::TenderSummary& t) {
  return {{"id", t.id},
          {"sender_system", t.sender_system},
          {"tender_number", t.tender_number},
          {"title", t.title},
          {"division_code", t.division_code},
          {"buyer_id", t.buyer_id},
          {"estimate_fen", t.estimate_fen},
          {"oversight_department_code", t.oversight_department_code},
          {"bid_count", t.bid_count},
          {"flags",
           json::object{
               {"warning", t.warning_flags}, {"yellow", t.yellow_flags}, {"red", t.red_flags}}},
          {"created_at", t.created_at}};
}

// The tender with `id` when the caller may read it; 404 for a tender outside the region.
Result<procurement::TenderSummary> ReadableTender(soci::session& session,
                                                  const http::Request& request) {
  if (auto ok = RequireProcurementReader(request); !ok) return ok.error();
  auto id = PathId(request, "id");
  if (!id) return id.error();
  auto tender = procurement::FindTender(session, *id);
  if (!tender || !RequireInRegion(request, tender->division_code, "tender")) {
    return Error::NotFound("tender not found");
  }
  return *tender;
}

// Reads the list filters: flag_level (warning, yellow or red) and q (a tender number or title
// fragment). The division is checked against the caller's region by the caller.
Result<procurement::TenderFilter> ReadTenderFilter(const http::Request& request) {
  procurement::TenderFilter filter;
  if (auto level = request.Query("flag_level"); level && !level->empty()) {
    if (*level != "warning" && *level != "yellow" && *level != "red") {
      return Error::InvalidField("flag_level", "flag_level must be warning, yellow or red");
    }
    filter.flag_level = std::string(*level);
  }
  if (auto text = request.Query("q"); text && !text->empty()) {
    if (text->size() > kMaxSearchBytes) {
      return Error::InvalidField(
          "q", fmt::format("q is longer than {} bytes: search for a shorter part of the tender "
                           "number or title",
                           kMaxSearchBytes));
    }
    filter.text = std::string(*text);
  }
  return filter;
}

http::Response ListTenders(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireProcurementReader(request); !ok) return http::ErrorResponse(ok.error());
  auto limit = QueryInt(request, "limit", 50, 1, kMaxPageSize);
  if (!limit) return http::ErrorResponse(limit.error());
  auto offset = QueryInt(request, "offset", 0, 0, INT64_MAX);
  if (!offset) return http::ErrorResponse(offset.error());
  auto filter = ReadTenderFilter(request);
  if (!filter) return http::ErrorResponse(filter.error());
  filter->division_prefix = Caller(request).division_code;
  if (auto division = request.Query("division_code"); division && !division->empty()) {
    // A narrower division inside the caller's region; anything else matches no tender.
    if (!division->starts_with(filter->division_prefix)) {
      return http::Json(json::object{{"items", json::array{}}, {"next_offset", nullptr}});
    }
    filter->division_prefix = std::string(*division);
  }

  auto lease = ctx.db.Acquire();
  json::array items;
  for (const auto& t : procurement::ListTenders(*lease, *filter, *limit, *offset)) {
    items.push_back(TenderJson(t));
  }
  json::value next = nullptr;
  if (static_cast<int64_t>(items.size()) == *limit) next = *offset + *limit;
  return http::Json(json::object{{"items", std::move(items)}, {"next_offset", next}});
}

// Only supervisors of the tender's region see personal data whole: the contact telephone,
// e-mail and address, and the account that paid the bid bond. Platform and audit administrators
// see them masked, because they administer the platform but do not investigate bidders.
bool ShowsPersonalData(const auth::Principal& caller) { return caller.HasRole(Role::kSupervisor); }

json::object BidJson(const procurement::StoredBid& stored, bool show_personal_data) {
  const procurement::BidSubmission& b = stored.bid;
  auto personal = [show_personal_data](const std::string& value,
                                       std::string (*mask)(std::string_view)) {
    return show_personal_data ? value : mask(value);
  };
  json::array staff;
  for (const auto& m : b.staff) {
    staff.push_back({{"role", m.role},
                     {"name", m.name},
                     {"person_id", m.person_id},
                     {"social_security_employer", m.social_security_employer}});
  }
  return {{"bid_id", b.bid_id},
          {"bidder_id", b.bidder_id},
          {"bidder_name", b.bidder_name},
          {"price_fen", b.price_fen},
          {"submitted_at", b.submitted_at},
          {"submission_ip", b.submission_ip},
          {"mac_address", b.mac_address},
          {"cpu_serial", b.cpu_serial},
          {"disk_serial", b.disk_serial},
          {"document_creator", b.document_creator},
          {"document_last_saver", b.document_last_saver},
          {"dongle_serial", b.dongle_serial},
          {"bond_account", personal(b.bond_account, procurement::MaskAccount)},
          {"contact_phone", personal(b.contact_phone, procurement::MaskPhone)},
          {"contact_email", personal(b.contact_email, procurement::MaskEmail)},
          {"contact_address", personal(b.contact_address, procurement::MaskAddress)},
          {"staff", std::move(staff)},
          {"has_document", !stored.document_signature.empty()},
          {"received_at", stored.received_at}};
}

json::object ScreensJson(const std::vector<procurement::StoredBid>& bids) {
  std::vector<double> prices;
  for (const auto& stored : bids) prices.push_back(static_cast<double>(stored.bid.price_fen));
  procurement::PriceScreens screens = procurement::ComputePriceScreens(prices);
  json::object out{{"bid_count", screens.bid_count}};
  for (procurement::Screen screen : procurement::kAllScreens) {
    auto value = screens.Value(screen);
    out[procurement::ScreenName(screen)] = value ? json::value(*value) : json::value(nullptr);
  }
  return out;
}

http::Response GetTender(ApiContext& ctx, http::Request& request) {
  auto lease = ctx.db.Acquire();
  auto tender = ReadableTender(*lease, request);
  if (!tender) return http::ErrorResponse(tender.error());

  auto bids = procurement::ListTenderBids(*lease, tender->id);
  bool show_personal_data = ShowsPersonalData(Caller(request));
  json::array bid_items;
  for (const auto& b : bids) bid_items.push_back(BidJson(b, show_personal_data));
  json::array flags;
  for (const auto& f : procurement::ListTenderFlags(*lease, tender->id)) {
    json::object flag{
        {"id", f.id},           {"rule_code", f.rule_code}, {"level", f.level},
        {"subject", f.subject}, {"evidence", f.evidence},   {"detected_at", f.detected_at}};
    flag["alert_id"] = f.alert_id != 0 ? json::value(f.alert_id) : json::value(nullptr);
    flags.push_back(std::move(flag));
  }
  json::object out = TenderJson(*tender);
  out["bids"] = std::move(bid_items);
  out["screens"] = ScreensJson(bids);
  out["flag_items"] = std::move(flags);
  out["personal_data_masked"] = !show_personal_data;
  return http::Json(out);
}

http::Response GetTenderNetwork(ApiContext& ctx, http::Request& request) {
  auto lease = ctx.db.Acquire();
  auto tender = ReadableTender(*lease, request);
  if (!tender) return http::ErrorResponse(tender.error());

  std::vector<procurement::BidSubmission> bids;
  for (auto& stored : procurement::ListTenderBids(*lease, tender->id)) {
    bids.push_back(std::move(stored.bid));
  }
  procurement::BidderNetwork network = procurement::BuildBidderNetwork(bids);
  json::array nodes;
  for (const auto& n : network.nodes) {
    nodes.push_back({{"bidder_id", n.bidder_id},
                     {"bidder_name", n.bidder_name},
                     {"bid_ids", json::value_from(n.bid_ids)},
                     {"lowest_price_fen", n.lowest_price_fen}});
  }
  json::array edges;
  for (const auto& e : network.edges) {
    edges.push_back(
        {{"source", e.source}, {"target", e.target}, {"field", e.field}, {"level", e.level}});
  }
  return http::Json(json::object{
      {"tender_id", tender->id}, {"nodes", std::move(nodes)}, {"edges", std::move(edges)}});
}

}  // namespace

void RegisterProcurementRoutes(http::Router& router, ApiContext& ctx) {
  router.Post("/api/v1/exchange/bids", [&ctx](http::Request& r) { return PostBids(ctx, r); },
              {.summary = "Push a batch of up to 500 bids with their submission metadata "
                          "({\"bids\": [...]}); answers a status per bid and judges each "
                          "touched tender",
               .tag = "exchange",
               .auth = http::AuthRequirement::kApiKey,
               .max_body_bytes = kMaxBidBodyBytes});
  router.Get("/api/v1/procurement/tenders",
             [&ctx](http::Request& r) { return ListTenders(ctx, r); },
             {.summary = "Tenders in the caller's region with their flag counts by level, "
                         "filtered by division_code, flag_level and q (number or title)",
              .tag = "procurement"});
  router.Get("/api/v1/procurement/tenders/{id}",
             [&ctx](http::Request& r) { return GetTender(ctx, r); },
             {.summary = "A tender with its bids, price screens and flags with evidence",
              .tag = "procurement"});
  router.Get("/api/v1/procurement/tenders/{id}/network",
             [&ctx](http::Request& r) { return GetTenderNetwork(ctx, r); },
             {.summary = "The tender's bidders linked by the traces their bids share",
              .tag = "procurement"});
}

}  // namespace mingjing::api
