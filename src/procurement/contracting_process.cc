#include "procurement/contracting_process.h"

#include <string_view>

namespace mingjing::procurement {
namespace {

const boost::json::object* FindObject(const boost::json::object& parent, std::string_view key) {
  auto it = parent.find(key);
  if (it == parent.end()) return nullptr;
  return it->value().if_object();
}

const boost::json::array* FindArray(const boost::json::object& parent, std::string_view key) {
  auto it = parent.find(key);
  if (it == parent.end()) return nullptr;
  return it->value().if_array();
}

std::string_view FindString(const boost::json::object& parent, std::string_view key) {
  auto it = parent.find(key);
  if (it == parent.end()) return {};
  const boost::json::string* s = it->value().if_string();
  return s ? std::string_view(*s) : std::string_view();
}

// OCDS identifiers may be strings or integers.
OptionalText FindIdentifier(const boost::json::object& parent, std::string_view key) {
  OptionalText result;
  auto it = parent.find(key);
  if (it == parent.end()) return result;
  const boost::json::value& v = it->value();
  if (v.is_string()) {
    result.present = true;
    result.text = v.get_string();
  } else if (v.is_int64()) {
    result.present = true;
    result.text = std::to_string(v.get_int64());
  } else if (v.is_uint64()) {
    result.present = true;
    result.text = std::to_string(v.get_uint64());
  }
  return result;
}

std::optional<double> FindNumber(const boost::json::object& parent, std::string_view key) {
  auto it = parent.find(key);
  if (it == parent.end()) return std::nullopt;
  const boost::json::value& v = it->value();
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return std::nullopt;
}

std::optional<OcdsTimestamp> FindDate(const boost::json::object& parent, std::string_view key) {
  std::string_view text = FindString(parent, key);
  if (text.empty()) return std::nullopt;
  return ParseOcdsDate(text);
}

BidStatus ParseBidStatus(std::string_view s) {
  if (s == "valid") return BidStatus::kValid;
  if (s == "disqualified") return BidStatus::kDisqualified;
  if (s == "pending") return BidStatus::kPending;
  if (s == "invited") return BidStatus::kInvited;
  if (s == "withdrawn") return BidStatus::kWithdrawn;
  return BidStatus::kOther;
}

AwardStatus ParseAwardStatus(std::string_view s) {
  if (s == "active") return AwardStatus::kActive;
  if (s == "pending") return AwardStatus::kPending;
  if (s == "cancelled") return AwardStatus::kCancelled;
  if (s == "unsuccessful") return AwardStatus::kUnsuccessful;
  if (s == "invalid") return AwardStatus::kInvalid;
  return AwardStatus::kOther;
}

// Reads the `id` of every organisation reference in `references`.
void ReadReferenceIds(const boost::json::array& references, std::vector<std::string>& ids,
                      bool& reference_without_id) {
  for (const boost::json::value& reference : references) {
    const boost::json::object* object = reference.if_object();
    OptionalText id = object ? FindIdentifier(*object, "id") : OptionalText{};
    if (id.present) {
      ids.push_back(std::move(id.text));
    } else {
      reference_without_id = true;
    }
  }
}

Bid ExtractBid(const boost::json::object& detail) {
  Bid bid;
  bid.status = ParseBidStatus(FindString(detail, "status"));
  bid.date = FindDate(detail, "date");
  if (const boost::json::array* tenderers = FindArray(detail, "tenderers")) {
    ReadReferenceIds(*tenderers, bid.tenderer_ids, bid.tenderer_without_id);
  }
  if (const boost::json::object* value = FindObject(detail, "value")) {
    bid.amount = FindNumber(*value, "amount");
    bid.currency = FindString(*value, "currency");
  }
  return bid;
}

Award ExtractAward(const boost::json::object& award_object) {
  Award award;
  award.status = ParseAwardStatus(FindString(award_object, "status"));
  if (const boost::json::array* suppliers = FindArray(award_object, "suppliers")) {
    ReadReferenceIds(*suppliers, award.supplier_ids, award.supplier_without_id);
  }
  if (const boost::json::array* items = FindArray(award_object, "items")) {
    for (const boost::json::value& item : *items) {
      const boost::json::object* item_object = item.if_object();
      if (!item_object) continue;
      const boost::json::object* classification = FindObject(*item_object, "classification");
      if (!classification) continue;
      OptionalText id = FindIdentifier(*classification, "id");
      if (id.present) award.item_classification_ids.push_back(std::move(id.text));
    }
  }
  return award;
}

void ExtractTender(const boost::json::object& tender, ContractingProcess& process) {
  process.tender_status = FindString(tender, "status");
  process.procurement_method = FindIdentifier(tender, "procurementMethod");
  process.procurement_method_details = FindIdentifier(tender, "procurementMethodDetails");
  if (auto it = tender.find("numberOfTenderers"); it != tender.end()) {
    const boost::json::value& v = it->value();
    if (v.is_int64()) process.number_of_tenderers = v.get_int64();
    if (v.is_uint64()) process.number_of_tenderers = static_cast<int64_t>(v.get_uint64());
  }
  if (const boost::json::object* entity = FindObject(tender, "procuringEntity")) {
    process.has_procuring_entity = true;
    process.procuring_entity_id = FindIdentifier(*entity, "id");
  }
  if (const boost::json::object* period = FindObject(tender, "tenderPeriod")) {
    process.tender_period_start = FindDate(*period, "startDate");
    process.tender_period_end = FindDate(*period, "endDate");
  }
}

}  // namespace

bool IsSubmitted(BidStatus status) {
  return status == BidStatus::kPending || status == BidStatus::kValid ||
         status == BidStatus::kDisqualified;
}

ContractingProcess ExtractContractingProcess(const boost::json::object& release) {
  ContractingProcess process;
  if (auto it = release.find("ocid"); it != release.end() && it->value().is_string()) {
    process.ocid_is_string = true;
    process.ocid = it->value().get_string();
  }

  if (const boost::json::object* buyer = FindObject(release, "buyer")) {
    process.has_buyer = true;
    process.buyer_id = FindIdentifier(*buyer, "id");
  }

  if (const boost::json::object* tender = FindObject(release, "tender")) {
    ExtractTender(*tender, process);
  }

  if (const boost::json::object* bids = FindObject(release, "bids")) {
    if (const boost::json::array* details = FindArray(*bids, "details")) {
      process.has_bid_details = true;
      process.bids.reserve(details->size());
      for (const boost::json::value& detail : *details) {
        if (const boost::json::object* detail_object = detail.if_object()) {
          process.bids.push_back(ExtractBid(*detail_object));
        }
      }
    }
  }

  if (const boost::json::array* awards = FindArray(release, "awards")) {
    process.awards.reserve(awards->size());
    for (const boost::json::value& award : *awards) {
      if (const boost::json::object* award_object = award.if_object()) {
        process.awards.push_back(ExtractAward(*award_object));
      }
    }
  }
  return process;
}

}  // namespace mingjing::procurement
