// The fields of a compiled OCDS release that the red-flag indicators read, copied out of the JSON
// tree so that the tree can be freed as soon as a release has been read.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "procurement/ocds_date.h"

namespace mingjing::procurement {

// OCDS bid status codelist (bid extension). kOther covers a missing or unknown status.
enum class BidStatus { kInvited, kPending, kValid, kDisqualified, kWithdrawn, kOther };

// OCDS award status codelist, plus `invalid`, which some publishers use for annulled awards.
enum class AwardStatus { kPending, kActive, kCancelled, kUnsuccessful, kInvalid, kOther };

// A bid is submitted when its status is pending, valid or disqualified.
bool IsSubmitted(BidStatus status);

// An optional string or integer field of the release; integer identifiers become decimal text.
struct OptionalText {
  bool present = false;  // the field exists and is a string or an integer
  std::string text;
};

struct Bid {
  BidStatus status = BidStatus::kOther;
  std::optional<OcdsTimestamp> date;      // /bids/details[]/date, absent if missing or invalid
  std::vector<std::string> tenderer_ids;  // /bids/details[]/tenderers[]/id, in input order
  bool tenderer_without_id = false;       // a tenderer reference has no usable `id`
  std::optional<double> amount;           // /bids/details[]/value/amount
  std::string currency;                   // /bids/details[]/value/currency, empty if missing
};

struct Award {
  AwardStatus status = AwardStatus::kOther;
  std::vector<std::string> supplier_ids;             // /awards[]/suppliers[]/id
  bool supplier_without_id = false;                  // a supplier reference has no usable `id`
  std::vector<std::string> item_classification_ids;  // /awards[]/items[]/classification/id
};

struct ContractingProcess {
  bool ocid_is_string = false;
  std::string ocid;
  bool has_buyer = false;                            // /buyer exists, with or without an id
  OptionalText buyer_id;                             // /buyer/id
  bool has_procuring_entity = false;                 // /tender/procuringEntity exists
  OptionalText procuring_entity_id;                  // /tender/procuringEntity/id
  std::string tender_status;                         // /tender/status
  OptionalText procurement_method;                   // /tender/procurementMethod
  OptionalText procurement_method_details;           // /tender/procurementMethodDetails
  std::optional<int64_t> number_of_tenderers;        // /tender/numberOfTenderers
  std::optional<OcdsTimestamp> tender_period_start;  // /tender/tenderPeriod/startDate
  std::optional<OcdsTimestamp> tender_period_end;    // /tender/tenderPeriod/endDate
  bool has_bid_details = false;                      // /bids/details is an array
  std::vector<Bid> bids;
  std::vector<Award> awards;
};

// Copies the indicator fields out of a compiled release. Fields of the wrong JSON type are read
// as missing, so a sloppy publisher loses the affected indicator, never the whole file.
ContractingProcess ExtractContractingProcess(const boost::json::object& release);

}  // namespace mingjing::procurement
