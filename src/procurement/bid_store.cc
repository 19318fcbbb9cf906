#include "procurement/bid_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>

#include "crypto/encoding.h"
#include "crypto/sm3.h"
#include "exchange/event_validation.h"
#include "procurement/document_similarity.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

struct ExistingBid {
  int64_t row_id = 0;
  std::string content_hash;
};

std::optional<int64_t> FindTenderId(soci::session& s, const std::string& system,
                                    const std::string& tender_number, std::string& division_code) {
  soci::rowset<soci::row> rows = (s.prepare << "SELECT id, division_code FROM procurement_tenders "
                                               "WHERE sender_system = :s AND tender_number = :n",
                                  soci::use(system), soci::use(tender_number));
  for (const soci::row& row : rows) {
    division_code = store::Text(row, 1);
    return store::Int64(row, 0);
  }
  return std::nullopt;
}

bool DepartmentInDivision(soci::session& s, const std::string& code,
                          const std::string& division_code) {
  long long n = 0;
  s << "SELECT count(*) FROM departments WHERE code = :c AND division_code = :d", soci::use(code),
      soci::use(division_code), soci::into(n);
  return n > 0;
}

int64_t InsertTender(soci::session& s, const std::string& system, const BidSubmission& bid,
                     int64_t now) {
  long long id = 0;
  long long estimate = bid.estimate_fen;
  long long at = now;
  s << "INSERT INTO procurement_tenders (sender_system, tender_number, title, division_code, "
       "buyer_id, estimate_fen, oversight_department_code, created_at, updated_at) "
       "VALUES (:s, :n, :t, :d, :b, :e, :o, :c, :u) RETURNING id",
      soci::use(system), soci::use(bid.tender_number), soci::use(bid.tender_title),
      soci::use(bid.division_code), soci::use(bid.buyer_id), soci::use(estimate),
      soci::use(bid.oversight_department_code), soci::use(at), soci::use(at), soci::into(id);
  return id;
}

std::optional<ExistingBid> FindBid(soci::session& s, int64_t tender_id, const std::string& bid_id) {
  long long tender = tender_id;
  soci::rowset<soci::row> rows = (s.prepare << "SELECT id, content_hash FROM procurement_bids "
                                               "WHERE tender_id = :t AND bid_id = :b",
                                  soci::use(tender), soci::use(bid_id));
  for (const soci::row& row : rows) {
    return ExistingBid{store::Int64(row, 0), store::Text(row, 1)};
  }
  return std::nullopt;
}

std::optional<MinHashSignature> SignatureOf(const BidSubmission& bid) {
  if (!bid.document_text.empty()) {
    return ComputeMinHash(ShingleText(bid.document_text));
  }
  return ComputeMinHash(HashShingles(bid.document_shingles));
}

void InsertBid(soci::session& s, int64_t tender_id, const BidSubmission& bid,
               const std::string& content_hash, int64_t now) {
  auto signature = SignatureOf(bid);
  std::string signature_hex = signature ? SignatureToHex(*signature) : "";
  long long tender = tender_id;
  long long price = bid.price_fen;
  long long submitted = bid.submitted_at;
  long long received = now;
  long long row_id = 0;
  s << "INSERT INTO procurement_bids (tender_id, bid_id, bidder_id, bidder_name, price_fen, "
       "submitted_at, submission_ip, mac_address, cpu_serial, disk_serial, document_creator, "
       "document_last_saver, dongle_serial, bond_account, contact_phone, contact_email, "
       "contact_address, document_signature, content_hash, received_at) "
       "VALUES (:t, :b, :bi, :bn, :p, :sa, :ip, :mac, :cpu, :disk, :dc, :dl, :dg, :ba, :ph, :em, "
       ":ad, :sg, :h, :r) RETURNING id",
      soci::use(tender), soci::use(bid.bid_id), soci::use(bid.bidder_id),
      soci::use(bid.bidder_name), soci::use(price), soci::use(submitted),
      soci::use(bid.submission_ip), soci::use(bid.mac_address), soci::use(bid.cpu_serial),
      soci::use(bid.disk_serial), soci::use(bid.document_creator),
      soci::use(bid.document_last_saver), soci::use(bid.dongle_serial), soci::use(bid.bond_account),
      soci::use(bid.contact_phone), soci::use(bid.contact_email), soci::use(bid.contact_address),
      soci::use(signature_hex), soci::use(content_hash), soci::use(received), soci::into(row_id);

  for (size_t i = 0; i < bid.staff.size(); ++i) {
    const StaffMember& member = bid.staff[i];
    int position = static_cast<int>(i);
    s << "INSERT INTO procurement_bid_staff (bid_row_id, position, role, name, person_id, "
         "social_security_employer) VALUES (:b, :p, :r, :n, :i, :e)",
        soci::use(row_id), soci::use(position), soci::use(member.role), soci::use(member.name),
        soci::use(member.person_id), soci::use(member.social_security_employer);
  }

  if (signature) {
    auto keys = LshBandKeys(*signature);
    for (int band = 0; band < kLshBands; ++band) {
      long long bucket = static_cast<long long>(keys[band]);
      s << "INSERT INTO procurement_bid_bands (band, bucket, bid_row_id) VALUES (:a, :k, :b)",
          soci::use(band), soci::use(bucket), soci::use(row_id);
    }
  }
}

std::string ContentHash(const json::value& value) {
  return crypto::HexEncode(crypto::Sm3Digest(exchange::CanonicalJson(value)));
}

// Stores one validated bid, or explains why not. Returns the result without its index.
BidResult StoreBid(soci::session& s, const BidSender& sender, const BidSubmission& bid,
                   const json::value& raw, std::string_view path, int64_t now) {
  BidResult result;
  result.tender_number = bid.tender_number;
  result.bid_id = bid.bid_id;

  if (!bid.division_code.starts_with(sender.division_code)) {
    result.errors.push_back(
        {fmt::format("{}.division_code", path),
         fmt::format("invalid: {} lies outside the division {} that this API key may report on",
                     bid.division_code, sender.division_code)});
    return result;
  }

  std::string stored_division;
  auto tender_id = FindTenderId(s, sender.system, bid.tender_number, stored_division);
  if (tender_id && stored_division != bid.division_code) {
    result.errors.push_back(
        {fmt::format("{}.division_code", path),
         fmt::format("invalid: tender {} is stored under division {}; send the same code",
                     bid.tender_number, stored_division)});
    return result;
  }
  if (!bid.oversight_department_code.empty() &&
      !DepartmentInDivision(s, bid.oversight_department_code, bid.division_code)) {
    result.errors.push_back(
        {fmt::format("{}.oversight_department_code", path),
         fmt::format("invalid: no department has code {} in division {}; send the code of the "
                     "department that oversees the tender, or leave the field out",
                     bid.oversight_department_code, bid.division_code)});
    return result;
  }
  if (!tender_id) {
    tender_id = InsertTender(s, sender.system, bid, now);
  } else if (!bid.oversight_department_code.empty()) {
    long long id = *tender_id;
    s << "UPDATE procurement_tenders SET oversight_department_code = :o WHERE id = :i",
        soci::use(bid.oversight_department_code), soci::use(id);
  }
  result.tender_id = *tender_id;

  std::string content_hash = ContentHash(raw);
  if (auto existing = FindBid(s, *tender_id, bid.bid_id)) {
    if (existing->content_hash == content_hash) {
      result.status = BidIngestStatus::kDuplicate;
      return result;
    }
    result.errors.push_back(
        {fmt::format("{}.bid_id", path),
         fmt::format("conflict: bid {} of tender {} is already stored with different content, "
                     "and a submitted bid cannot change",
                     bid.bid_id, bid.tender_number)});
    return result;
  }

  InsertBid(s, *tender_id, bid, content_hash, now);
  result.status = BidIngestStatus::kAccepted;
  return result;
}

TenderSummary TenderOfRow(const soci::row& row) {
  TenderSummary t;
  t.id = store::Int64(row, 0);
  t.sender_system = store::Text(row, 1);
  t.tender_number = store::Text(row, 2);
  t.title = store::Text(row, 3);
  t.division_code = store::Text(row, 4);
  t.buyer_id = store::Text(row, 5);
  t.estimate_fen = store::Int64(row, 6);
  t.created_at = store::Int64(row, 7);
  t.bid_count = store::Int64(row, 8);
  t.warning_flags = store::Int64(row, 9);
  t.yellow_flags = store::Int64(row, 10);
  t.red_flags = store::Int64(row, 11);
  t.oversight_department_code = store::Text(row, 12);
  return t;
}

// A LIKE pattern that matches `text` anywhere, in ASCII lower case, with the pattern characters
// escaped by a backslash.
std::string LikeContains(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      pattern.push_back('\\');
    }
    pattern.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  pattern.push_back('%');
  return pattern;
}

constexpr const char* kTenderColumns =
    "SELECT t.id, t.sender_system, t.tender_number, t.title, t.division_code, t.buyer_id, "
    "t.estimate_fen, t.created_at, "
    "(SELECT count(*) FROM procurement_bids b WHERE b.tender_id = t.id), "
    "(SELECT count(*) FROM procurement_flags f WHERE f.tender_id = t.id AND f.level = 'warning'), "
    "(SELECT count(*) FROM procurement_flags f WHERE f.tender_id = t.id AND f.level = 'yellow'), "
    "(SELECT count(*) FROM procurement_flags f WHERE f.tender_id = t.id AND f.level = 'red'), "
    "t.oversight_department_code "
    "FROM procurement_tenders t ";

// Bids of other tenders in the region whose documents resemble the tender's bids.
std::vector<DocumentMatch> FindDocumentMatches(soci::session& s, const TenderSummary& tender,
                                               const std::vector<StoredBid>& bids,
                                               double threshold) {
  std::vector<DocumentMatch> matches;
  std::string region = tender.division_code.substr(0, kSimilarityRegionDigits) + "%";
  for (const StoredBid& stored : bids) {
    auto signature = SignatureFromHex(stored.document_signature);
    if (!signature) {
      continue;
    }
    std::set<int64_t> candidates;
    auto keys = LshBandKeys(*signature);
    for (int band = 0; band < kLshBands; ++band) {
      long long bucket = static_cast<long long>(keys[band]);
      long long self = stored.row_id;
      soci::rowset<soci::row> rows =
          (s.prepare << "SELECT bid_row_id FROM procurement_bid_bands "
                        "WHERE band = :a AND bucket = :k AND bid_row_id <> :b",
           soci::use(band), soci::use(bucket), soci::use(self));
      for (const soci::row& row : rows) {
        candidates.insert(store::Int64(row, 0));
      }
    }

    for (int64_t candidate : candidates) {
      long long id = candidate;
      soci::rowset<soci::row> rows =
          (s.prepare << "SELECT b.bid_id, b.bidder_id, b.document_signature, t.tender_number "
                        "FROM procurement_bids b JOIN procurement_tenders t ON t.id = b.tender_id "
                        "WHERE b.id = :b AND t.division_code LIKE :r",
           soci::use(id), soci::use(region));
      for (const soci::row& row : rows) {
        auto other = SignatureFromHex(store::Text(row, 2));
        double similarity = other ? EstimateJaccard(*signature, *other) : 0;
        if (similarity >= threshold) {
          matches.push_back({stored.bid.bid_id, store::Text(row, 3), store::Text(row, 0),
                             store::Text(row, 1), similarity});
        }
      }
    }
  }
  return matches;
}

}  // namespace

std::string_view BidIngestStatusName(BidIngestStatus status) {
  switch (status) {
    case BidIngestStatus::kAccepted:
      return "accepted";
    case BidIngestStatus::kDuplicate:
      return "duplicate";
    case BidIngestStatus::kRejected:
      return "rejected";
  }
  return "rejected";
}

Result<BidBatchResult> IngestBids(store::Database& db, ledger::Ledger& ledger,
                                  const ledger::Actor& actor, const BidSender& sender,
                                  std::span<const json::value> bids, const Clock& clock) {
  if (bids.size() > kMaxBidsPerBatch) {
    return Error{ErrorCode::kTooLarge,
                 fmt::format("a batch holds at most {} bids, this one {}: split it",
                             kMaxBidsPerBatch, bids.size()),
                 "bids"};
  }
  int64_t now = clock.NowSeconds();
  BidBatchResult batch;

  auto lease = db.Acquire();
  store::WriteTransaction transaction(lease);
  std::set<int64_t> touched;
  std::set<std::string> tender_numbers;
  for (size_t i = 0; i < bids.size(); ++i) {
    std::string path = fmt::format("bids[{}]", i);
    ValidatedBid validated = ValidateBidSubmission(bids[i], path);
    BidResult result;
    if (validated.bid) {
      result = StoreBid(*lease, sender, *validated.bid, bids[i], path, now);
    } else {
      result.errors = std::move(validated.errors);
    }
    result.index = i;
    if (!result.errors.empty()) {
      result.status = BidIngestStatus::kRejected;
      ++batch.rejected;
    } else if (result.status == BidIngestStatus::kDuplicate) {
      ++batch.duplicates;
    } else {
      ++batch.accepted;
      tender_numbers.insert(result.tender_number);
      if (touched.insert(result.tender_id).second) {
        batch.touched_tenders.push_back(result.tender_id);
      }
    }
    batch.bids.push_back(std::move(result));
  }

  ledger.Append(*lease, actor,
                ledger::Entry{.action = "procurement.bids.ingest",
                              .object_type = "bid_batch",
                              .object_id = sender.system,
                              .division_code = sender.division_code,
                              .detail = {{"accepted", batch.accepted},
                                         {"duplicates", batch.duplicates},
                                         {"rejected", batch.rejected},
                                         {"tender_numbers", json::value_from(tender_numbers)}}});
  transaction.Commit();
  return batch;
}

std::vector<TenderSummary> ListTenders(soci::session& s, const TenderFilter& filter,
                                       int64_t limit, int64_t offset) {
  std::string division = filter.division_prefix + "%";
  std::string level = filter.flag_level;
  std::string level_check = level;
  int has_text = filter.text.empty() ? 0 : 1;
  std::string text = LikeContains(filter.text);
  std::string title_text = text;
  long long lim = limit;
  long long off = offset;
  std::vector<TenderSummary> tenders;
  soci::rowset<soci::row> rows =
      (s.prepare << std::string(kTenderColumns) +
                        "WHERE t.division_code LIKE :d "
                        "AND (:l = '' OR EXISTS (SELECT 1 FROM procurement_flags f "
                        "WHERE f.tender_id = t.id AND f.level = :lc)) "
                        "AND (:has_text = 0 OR lower(t.tender_number) LIKE :qn ESCAPE '\\' "
                        "OR lower(t.title) LIKE :qt ESCAPE '\\') "
                        "ORDER BY t.id DESC LIMIT :lim OFFSET :o",
       soci::use(division), soci::use(level), soci::use(level_check), soci::use(has_text),
       soci::use(text), soci::use(title_text), soci::use(lim), soci::use(off));
  for (const soci::row& row : rows) {
    tenders.push_back(TenderOfRow(row));
  }
  return tenders;
}

std::optional<TenderSummary> FindTender(soci::session& s, int64_t tender_id) {
  long long id = tender_id;
  soci::rowset<soci::row> rows =
      (s.prepare << std::string(kTenderColumns) + "WHERE t.id = :i", soci::use(id));
  for (const soci::row& row : rows) {
    return TenderOfRow(row);
  }
  return std::nullopt;
}

std::vector<StoredBid> ListTenderBids(soci::session& s, int64_t tender_id) {
  long long tender = tender_id;
  std::vector<StoredBid> bids;
  std::map<int64_t, size_t> by_row;
  {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, bid_id, bidder_id, bidder_name, price_fen, submitted_at, "
                      "submission_ip, mac_address, cpu_serial, disk_serial, document_creator, "
                      "document_last_saver, dongle_serial, bond_account, contact_phone, "
                      "contact_email, contact_address, document_signature, received_at "
                      "FROM procurement_bids WHERE tender_id = :t ORDER BY id",
         soci::use(tender));
    for (const soci::row& row : rows) {
      StoredBid stored;
      stored.row_id = store::Int64(row, 0);
      BidSubmission& bid = stored.bid;
      bid.bid_id = store::Text(row, 1);
      bid.bidder_id = store::Text(row, 2);
      bid.bidder_name = store::Text(row, 3);
      bid.price_fen = store::Int64(row, 4);
      bid.submitted_at = store::Int64(row, 5);
      bid.submission_ip = store::Text(row, 6);
      bid.mac_address = store::Text(row, 7);
      bid.cpu_serial = store::Text(row, 8);
      bid.disk_serial = store::Text(row, 9);
      bid.document_creator = store::Text(row, 10);
      bid.document_last_saver = store::Text(row, 11);
      bid.dongle_serial = store::Text(row, 12);
      bid.bond_account = store::Text(row, 13);
      bid.contact_phone = store::Text(row, 14);
      bid.contact_email = store::Text(row, 15);
      bid.contact_address = store::Text(row, 16);
      stored.document_signature = store::Text(row, 17);
      stored.received_at = store::Int64(row, 18);
      by_row[stored.row_id] = bids.size();
      bids.push_back(std::move(stored));
    }
  }

  soci::rowset<soci::row> staff =
      (s.prepare << "SELECT s.bid_row_id, s.role, s.name, s.person_id, "
                    "s.social_security_employer FROM procurement_bid_staff s "
                    "JOIN procurement_bids b ON b.id = s.bid_row_id "
                    "WHERE b.tender_id = :t ORDER BY s.bid_row_id, s.position",
       soci::use(tender));
  for (const soci::row& row : staff) {
    auto slot = by_row.find(store::Int64(row, 0));
    if (slot != by_row.end()) {
      bids[slot->second].bid.staff.push_back(
          {store::Text(row, 1), store::Text(row, 2), store::Text(row, 3), store::Text(row, 4)});
    }
  }
  return bids;
}

std::vector<StoredFlag> ListTenderFlags(soci::session& s, int64_t tender_id) {
  long long tender = tender_id;
  std::vector<StoredFlag> flags;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT id, tender_id, rule_code, level, subject, evidence, alert_id, "
                    "detected_at FROM procurement_flags WHERE tender_id = :t ORDER BY id",
       soci::use(tender));
  for (const soci::row& row : rows) {
    StoredFlag flag;
    flag.id = store::Int64(row, 0);
    flag.tender_id = store::Int64(row, 1);
    flag.rule_code = store::Text(row, 2);
    flag.level = store::Text(row, 3);
    flag.subject = store::Text(row, 4);
    boost::system::error_code ec;
    json::value evidence = json::parse(store::Text(row, 5), ec);
    if (!ec && evidence.is_object()) {
      flag.evidence = std::move(evidence.get_object());
    }
    flag.alert_id = store::Int64(row, 6);
    flag.detected_at = store::Int64(row, 7);
    flags.push_back(std::move(flag));
  }
  return flags;
}

std::vector<StoredFlag> JudgeStoredTender(soci::session& s, int64_t tender_id, int64_t now,
                                          const CollusionSettings& settings) {
  std::vector<StoredFlag> stored_flags;
  auto tender = FindTender(s, tender_id);
  if (!tender) {
    return stored_flags;
  }
  std::vector<StoredBid> bids = ListTenderBids(s, tender_id);

  TenderBids judged{tender->tender_number, tender->buyer_id, tender->estimate_fen, {}};
  for (const auto& stored : bids) {
    judged.bids.push_back(stored.bid);
  }
  auto matches = FindDocumentMatches(s, *tender, bids, settings.document_similarity);

  long long tender_key = tender_id;
  long long at = now;
  for (ProcurementFlag& flag : JudgeTenderCollusion(judged, matches, settings)) {
    StoredFlag row;
    row.tender_id = tender_id;
    row.rule_code = "procurement." + flag.rule;
    row.level = std::string(FlagLevelName(flag.level));
    row.subject = flag.subject;
    row.evidence = std::move(flag.evidence);
    row.detected_at = now;
    std::string evidence_text = json::serialize(row.evidence);

    long long id = 0;
    soci::indicator indicator = soci::i_null;
    s << "INSERT INTO procurement_flags (tender_id, rule_code, level, subject, evidence, "
         "detected_at) VALUES (:t, :r, :l, :s, :e, :d) "
         "ON CONFLICT (tender_id, rule_code, subject) DO NOTHING RETURNING id",
        soci::use(tender_key), soci::use(row.rule_code), soci::use(row.level),
        soci::use(row.subject), soci::use(evidence_text), soci::use(at), soci::into(id, indicator);
    if (indicator != soci::i_ok || !s.got_data()) {
      continue;  // raised before
    }
    row.id = id;
    stored_flags.push_back(std::move(row));
  }
  if (!stored_flags.empty()) {
    spdlog::info("procurement tender judged tender_id={} tender_number={} new_flags={}", tender_id,
                 tender->tender_number, stored_flags.size());
  }
  return stored_flags;
}

void SetFlagAlert(soci::session& s, int64_t flag_id, int64_t alert_id) {
  long long flag = flag_id;
  long long alert = alert_id;
  s << "UPDATE procurement_flags SET alert_id = :a WHERE id = :f", soci::use(alert),
      soci::use(flag);
}

}  // namespace mingjing::procurement
