#include <boost/json.hpp>
#include <charconv>

#include "api/guard.h"
#include "api/routes.h"
#include "crypto/encoding.h"
#include "ledger/ledger_reader.h"
#include "ledger/notary.h"
#include "ledger/verify.h"

namespace mingjing::api {
namespace {

using auth::Role;

Result<int64_t> QueryInt(const http::Request& request, std::string_view name, int64_t fallback) {
  auto text = request.Query(name);
  if (!text) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 0) {
    return Error::InvalidField(std::string(name),
                               std::string(name) + " must be a whole number of 0 or more");
  }
  return value;
}

boost::json::array HexList(const ledger::Proof& proof) {
  boost::json::array out;
  for (const auto& h : proof) out.emplace_back(crypto::HexEncode(h));
  return out;
}

Result<void> RequireLedgerReader(const http::Request& request) {
  return RequireRole(
      request, {Role::kAuditAdmin, Role::kSecurityAdmin, Role::kPlatformAdmin, Role::kSupervisor});
}

http::Response Head(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireLedgerReader(request); !ok) return http::ErrorResponse(ok.error());
  auto head = ledger::LatestTreeHead(ctx.db);
  if (!head) return http::ErrorResponse(Error::NotFound("no tree head has been signed yet"));
  return http::Json(boost::json::object{{"tree_size", head->tree_size},
                                        {"root_hash", crypto::HexEncode(head->root_hash)},
                                        {"timestamp_ms", head->timestamp},
                                        {"signature", crypto::Base64Encode(head->signature)},
                                        {"hash_algorithm", ctx.ledger.hasher().Name()},
                                        {"signing_input", ledger::TreeHeadSigningInput(*head)}});
}

http::Response Entries(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kAuditAdmin, Role::kSupervisor}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto before = QueryInt(request, "before", -1);
  if (!before) return http::ErrorResponse(before.error());
  auto limit = QueryInt(request, "limit", 50);
  if (!limit) return http::ErrorResponse(limit.error());

  const auth::Principal& caller = Caller(request);
  ledger::EntryQuery query{.before_seq = request.Query("before") ? *before : -1,
                           .limit = *limit,
                           .division_scope = caller.division_code,
                           .include_unscoped = caller.HasRole(Role::kAuditAdmin),
                           .object_type = std::string(request.Query("object_type").value_or("")),
                           .object_id = std::string(request.Query("object_id").value_or(""))};
  boost::json::array items;
  for (const auto& e : ledger::ListEntries(ctx.db, query)) {
    items.push_back({{"seq", e.seq},
                     {"recorded_at_us", e.recorded_at},
                     {"actor", e.actor.name},
                     {"address", e.actor.address},
                     {"action", e.entry.action},
                     {"object_type", e.entry.object_type},
                     {"object_id", e.entry.object_id},
                     {"division_code", e.entry.division_code},
                     {"outcome", e.entry.outcome},
                     {"detail", e.entry.detail},
                     {"leaf_hash", e.leaf_hash}});
  }
  return http::Json(boost::json::object{{"items", std::move(items)}});
}

http::Response InclusionProof(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireLedgerReader(request); !ok) return http::ErrorResponse(ok.error());
  auto seq = PathId(request, "seq");
  if (request.PathParam("seq") == "0") seq = 0;
  if (!seq) return http::ErrorResponse(seq.error());
  auto head = ledger::LatestTreeHead(ctx.db);
  auto size = QueryInt(request, "tree_size", head ? static_cast<int64_t>(head->tree_size) : 0);
  if (!size) return http::ErrorResponse(size.error());
  auto entry = ledger::FindEntry(ctx.db, *seq);
  if (!entry || !RequireInRegion(request, entry->entry.division_code, "entry")) {
    if (!Caller(request).HasRole(Role::kAuditAdmin)) {
      return http::ErrorResponse(Error::NotFound("entry not found"));
    }
  }
  if (!entry) return http::ErrorResponse(Error::NotFound("entry not found"));
  auto proof = ledger::EntryInclusionProof(ctx.db, ctx.ledger.hasher(), *seq, *size);
  if (!proof) return http::ErrorResponse(proof.error());
  return http::Json(boost::json::object{{"seq", *seq},
                                        {"tree_size", *size},
                                        {"leaf_hash", entry->leaf_hash},
                                        {"proof", HexList(*proof)}});
}

http::Response ConsistencyProof(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireLedgerReader(request); !ok) return http::ErrorResponse(ok.error());
  auto first = QueryInt(request, "first", 0);
  if (!first) return http::ErrorResponse(first.error());
  auto second = QueryInt(request, "second", 0);
  if (!second) return http::ErrorResponse(second.error());
  auto proof = ledger::TreeConsistencyProof(ctx.db, ctx.ledger.hasher(), *first, *second);
  if (!proof) return http::ErrorResponse(proof.error());
  return http::Json(
      boost::json::object{{"first", *first}, {"second", *second}, {"proof", HexList(*proof)}});
}

http::Response Verify(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kAuditAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto report = ledger::VerifyLedger(ctx.db, ctx.ledger.hasher(), ctx.ledger_public_key);
  boost::json::object out{{"ok", report.ok()},
                          {"entries", report.entries},
                          {"tree_heads", report.tree_heads},
                          {"root_hash", report.root_hash_hex}};
  if (report.problem) {
    out["problem"] = {{"kind", ledger::LedgerProblemName(report.problem->kind)},
                      {"seq", report.problem->seq},
                      {"message", report.problem->message}};
  }
  return http::Json(out);
}

}  // namespace

void RegisterLedgerRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/ledger/head", [&ctx](http::Request& r) { return Head(ctx, r); },
             {.summary = "The latest signed tree head of the audit ledger", .tag = "ledger"});
  router.Get("/api/v1/ledger/entries", [&ctx](http::Request& r) { return Entries(ctx, r); },
             {.summary = "Ledger entries in the caller's region, newest first", .tag = "ledger"});
  router.Get("/api/v1/ledger/entries/{seq}/proof",
             [&ctx](http::Request& r) { return InclusionProof(ctx, r); },
             {.summary = "Inclusion proof of one entry (?tree_size=, default the latest head)",
              .tag = "ledger"});
  router.Get(
      "/api/v1/ledger/consistency", [&ctx](http::Request& r) { return ConsistencyProof(ctx, r); },
      {.summary = "Consistency proof between two tree sizes (?first=&second=)", .tag = "ledger"});
  router.Post("/api/v1/ledger/verify", [&ctx](http::Request& r) { return Verify(ctx, r); },
              {.summary = "Recompute the whole ledger and check every signed head (audit "
                          "administrator)",
               .tag = "ledger"});
}

}  // namespace mingjing::api
