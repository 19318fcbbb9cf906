// Storage of the tenders and bids that e-bidding systems push, and the judging of a stored
// tender by the collusion rules. Bids are sealed once submitted: a resend with the same content
// is a duplicate, and one with different content is rejected rather than stored.
#pragma once

#include <soci/soci.h>

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "ledger/ledger.h"
#include "procurement/bid_submission.h"
#include "procurement/collusion_rules.h"
#include "procurement/procurement_flag.h"
#include "store/database.h"

namespace mingjing::procurement {

inline constexpr size_t kMaxBidsPerBatch = 500;

// Similar documents are searched among the bids of tenders whose division code starts with the
// same county-level code (the first 6 digits), so a region's whole history is compared.
inline constexpr size_t kSimilarityRegionDigits = 6;

// The e-bidding system a batch comes from: its API key id and the division it may report on.
struct BidSender {
  std::string system;
  std::string division_code;
};

enum class BidIngestStatus {
  kAccepted,   // stored for the first time
  kDuplicate,  // the same bid with the same content was stored before: nothing changed
  kRejected,   // not stored; `errors` gives the reasons
};

std::string_view BidIngestStatusName(BidIngestStatus status);

struct BidResult {
  size_t index = 0;  // position in the batch
  std::string tender_number;
  std::string bid_id;
  BidIngestStatus status = BidIngestStatus::kRejected;
  int64_t tender_id = 0;  // the platform's tender id, 0 when rejected before one was found
  std::vector<BidFieldError> errors;
};

struct BidBatchResult {
  std::vector<BidResult> bids;
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
  std::vector<int64_t> touched_tenders;  // tenders that gained a bid, in batch order
};

// Validates and stores a batch of at most kMaxBidsPerBatch bids in one transaction, with one
// ledger entry for the batch. A bad bid is rejected on its own and never blocks the others.
// Returns kTooLarge for an oversized batch; throws soci::soci_error when the store fails, with
// nothing committed.
Result<BidBatchResult> IngestBids(store::Database& db, ledger::Ledger& ledger,
                                  const ledger::Actor& actor, const BidSender& sender,
                                  std::span<const boost::json::value> bids, const Clock& clock);

struct TenderSummary {
  int64_t id = 0;
  std::string sender_system;
  std::string tender_number;
  std::string title;
  std::string division_code;
  std::string buyer_id;
  int64_t estimate_fen = 0;
  int64_t bid_count = 0;
  int64_t warning_flags = 0;
  int64_t yellow_flags = 0;
  int64_t red_flags = 0;
  std::string oversight_department_code;  // empty when the sender named none
  int64_t created_at = 0;
};

struct StoredBid {
  int64_t row_id = 0;
  BidSubmission bid;  // document text and shingles are empty: only the signature is stored
  std::string document_signature;
  int64_t received_at = 0;
};

struct StoredFlag {
  int64_t id = 0;
  int64_t tender_id = 0;
  std::string rule_code;
  std::string level;
  std::string subject;
  boost::json::object evidence;
  int64_t alert_id = 0;
  int64_t detected_at = 0;
};

// Filter of a tender list. An empty member does not filter.
struct TenderFilter {
  std::string division_prefix;  // division codes that start with it
  std::string flag_level;       // "warning", "yellow" or "red": at least one flag of that level
  std::string text;             // a substring of the tender number or title, ASCII case ignored
};

// Tenders that pass `filter`, newest first.
std::vector<TenderSummary> ListTenders(soci::session& session, const TenderFilter& filter,
                                       int64_t limit, int64_t offset);

std::optional<TenderSummary> FindTender(soci::session& session, int64_t tender_id);

std::vector<StoredBid> ListTenderBids(soci::session& session, int64_t tender_id);

std::vector<StoredFlag> ListTenderFlags(soci::session& session, int64_t tender_id);

// Judges a stored tender: searches its region's bid history for similar documents, runs the
// collusion rules and stores the flags not raised before. Returns those new flags. Runs within
// the caller's write transaction.
std::vector<StoredFlag> JudgeStoredTender(soci::session& session, int64_t tender_id, int64_t now,
                                          const CollusionSettings& settings = {});

// Links a flag to the alert issued for it.
void SetFlagAlert(soci::session& session, int64_t flag_id, int64_t alert_id);

}  // namespace mingjing::procurement
