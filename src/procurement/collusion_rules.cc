#include "procurement/collusion_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "procurement/personal_data.h"
#include "procurement/screen_rule.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

// Default author names that office software writes when the user never set one. Two bids sharing
// such a name say nothing about who wrote them.
// NOTE: the list holds the defaults we know of and is not exhaustive.
bool IsDefaultAuthor(const std::string& lowered) {
  static const std::set<std::string> kDefaults = {"administrator", "admin",  "user",
                                                  "owner",         "author", "微软用户",
                                                  "微软中国",      "dell",   "lenovo"};
  return kDefaults.contains(lowered);
}

// Lower case (ASCII) and without whitespace, so "Room 5, No.3 Road" matches "room5,no.3road".
std::string Normalize(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

json::object BidJson(const BidSubmission& bid) {
  return {{"bid_id", bid.bid_id}, {"bidder_id", bid.bidder_id}, {"bidder_name", bid.bidder_name}};
}

// A trace value (the key) and the bids that carry it.
using TraceGroups = std::map<std::string, std::vector<const BidSubmission*>>;

// Values, one bid may give several (a creator and a last saver), each counted once per bid.
using TraceOf = std::function<std::vector<std::string>(const BidSubmission&)>;

TraceGroups GroupByTrace(const std::vector<BidSubmission>& bids, const TraceOf& trace_of) {
  TraceGroups groups;
  for (const auto& bid : bids) {
    std::vector<std::string> values = trace_of(bid);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (const auto& value : values) {
      if (!value.empty()) {
        groups[value].push_back(&bid);
      }
    }
  }
  return groups;
}

size_t DistinctBidders(const std::vector<const BidSubmission*>& bids) {
  std::set<std::string> bidders;
  for (const auto* bid : bids) {
    bidders.insert(bid->bidder_id);
  }
  return bidders.size();
}

// The subject of a flag on a group of bids: the rule's field and the sorted bid ids. It is the
// same on every run, so the alert's dedupe key stops a second card for the same group.
std::string GroupSubject(std::string_view field, const std::vector<const BidSubmission*>& bids) {
  std::vector<std::string> ids;
  for (const auto* bid : bids) {
    ids.push_back(bid->bid_id);
  }
  std::sort(ids.begin(), ids.end());
  return fmt::format("{}:{}", field, fmt::join(ids, ","));
}

struct TraceRule {
  std::string rule;
  FlagLevel level;
  std::string field;  // named in the evidence, e.g. "mac_address"
  TraceOf trace_of;
  // Masks a personal value (account, telephone, e-mail, address) in the evidence, because every
  // reader of the alert can read the evidence. nullptr keeps the value as it is.
  std::string (*mask)(std::string_view) = nullptr;
};

void ApplyTraceRule(const TenderBids& tender, const TraceRule& rule,
                    std::vector<ProcurementFlag>& flags) {
  for (const auto& [value, group] : GroupByTrace(tender.bids, rule.trace_of)) {
    if (DistinctBidders(group) < 2) {
      continue;  // one bidder's own bids may share anything
    }
    ProcurementFlag flag;
    flag.rule = rule.rule;
    flag.level = rule.level;
    flag.ocid = tender.tender_number;
    flag.buyer_id = tender.buyer_id;
    flag.subject = GroupSubject(rule.field, group);
    json::array bids;
    for (const auto* bid : group) {
      bids.push_back(BidJson(*bid));
    }
    flag.evidence["field"] = rule.field;
    flag.evidence["value"] = rule.mask != nullptr ? rule.mask(value) : value;
    flag.evidence["bids"] = std::move(bids);
    flags.push_back(std::move(flag));
  }
}

std::vector<TraceRule> TraceRules() {
  auto single = [](std::string BidSubmission::*member, bool normalize) {
    return [member, normalize](const BidSubmission& bid) -> std::vector<std::string> {
      return {normalize ? Normalize(bid.*member) : bid.*member};
    };
  };
  return {
      {"shared_document_creator", FlagLevel::kRed, "document_creator/document_last_saver",
       [](const BidSubmission& bid) {
         std::vector<std::string> authors;
         for (const auto* name : {&bid.document_creator, &bid.document_last_saver}) {
           std::string lowered = Normalize(*name);
           if (!IsDefaultAuthor(lowered)) {
             authors.push_back(lowered);
           }
         }
         return authors;
       }},
      {"shared_mac_address", FlagLevel::kRed, "mac_address",
       single(&BidSubmission::mac_address, false)},
      {"same_machine", FlagLevel::kRed, "cpu_serial+disk_serial",
       [](const BidSubmission& bid) -> std::vector<std::string> {
         if (bid.cpu_serial.empty() || bid.disk_serial.empty()) {
           return {};
         }
         return {Normalize(bid.cpu_serial) + "+" + Normalize(bid.disk_serial)};
       }},
      {"shared_pricing_dongle", FlagLevel::kRed, "dongle_serial",
       single(&BidSubmission::dongle_serial, true)},
      {"shared_bond_account", FlagLevel::kRed, "bond_account",
       single(&BidSubmission::bond_account, true), MaskAccount},
      {"shared_person", FlagLevel::kRed, "staff.person_id",
       [](const BidSubmission& bid) {
         std::vector<std::string> ids;
         for (const auto& member : bid.staff) {
           ids.push_back(Normalize(member.person_id));
         }
         return ids;
       }},
      {"shared_contact", FlagLevel::kYellow, "contact_phone",
       single(&BidSubmission::contact_phone, true), MaskPhone},
      {"shared_contact", FlagLevel::kYellow, "contact_email",
       single(&BidSubmission::contact_email, true), MaskEmail},
      {"shared_contact", FlagLevel::kYellow, "contact_address",
       single(&BidSubmission::contact_address, true), MaskAddress},
      {"shared_ip_address", FlagLevel::kWarning, "submission_ip",
       single(&BidSubmission::submission_ip, true)},
  };
}

void ApplyInsuranceRule(const TenderBids& tender, std::vector<ProcurementFlag>& flags) {
  for (const auto& bid : tender.bids) {
    for (const auto& member : bid.staff) {
      std::string employer = Normalize(member.social_security_employer);
      bool own = employer == Normalize(bid.bidder_id) || employer == Normalize(bid.bidder_name);
      if (employer.empty() || own) {
        continue;
      }
      ProcurementFlag flag;
      flag.rule = "staff_insured_elsewhere";
      flag.level = FlagLevel::kYellow;
      flag.ocid = tender.tender_number;
      flag.buyer_id = tender.buyer_id;
      std::string person = member.person_id.empty() ? member.name : member.person_id;
      flag.subject = fmt::format("bid:{}:staff:{}", bid.bid_id, person);
      flag.evidence["field"] = "staff.social_security_employer";
      flag.evidence["bids"] = json::array{BidJson(bid)};
      flag.evidence["person"] =
          json::object{{"role", member.role},
                       {"name", member.name},
                       {"person_id", member.person_id},
                       {"social_security_employer", member.social_security_employer}};
      flags.push_back(std::move(flag));
    }
  }
}

// One bid per bidder (the lowest) with its price, sorted by price, for the price patterns.
std::vector<const BidSubmission*> LowestBidPerBidder(const std::vector<BidSubmission>& bids) {
  std::map<std::string, const BidSubmission*> lowest;
  for (const auto& bid : bids) {
    if (bid.price_fen <= 0) {
      continue;
    }
    auto [slot, inserted] = lowest.emplace(bid.bidder_id, &bid);
    if (!inserted && bid.price_fen < slot->second->price_fen) {
      slot->second = &bid;
    }
  }
  std::vector<const BidSubmission*> sorted;
  for (const auto& [bidder, bid] : lowest) {
    sorted.push_back(bid);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->price_fen < b->price_fen; });
  return sorted;
}

// True when every step is within `tolerance` (relative) of the steps' mean, which is positive.
bool EqualSteps(const std::vector<double>& steps, double tolerance) {
  double mean = 0;
  for (double step : steps) {
    mean += step / static_cast<double>(steps.size());
  }
  if (mean <= 0) {
    return false;
  }
  return std::all_of(steps.begin(), steps.end(),
                     [&](double step) { return std::abs(step - mean) <= tolerance * mean; });
}

ProcurementFlag PriceFlag(const TenderBids& tender, std::string rule, FlagLevel level,
                          const std::vector<const BidSubmission*>& bids) {
  ProcurementFlag flag;
  flag.rule = std::move(rule);
  flag.level = level;
  flag.ocid = tender.tender_number;
  flag.buyer_id = tender.buyer_id;
  flag.subject = GroupSubject("price_fen", bids);
  json::array evidence_bids;
  for (const auto* bid : bids) {
    json::object entry = BidJson(*bid);
    entry["price_fen"] = bid->price_fen;
    evidence_bids.push_back(std::move(entry));
  }
  flag.evidence["field"] = "price_fen";
  flag.evidence["bids"] = std::move(evidence_bids);
  return flag;
}

}  // namespace

std::vector<ProcurementFlag> JudgePricePatterns(const TenderBids& tender,
                                                const CollusionSettings& settings) {
  std::vector<ProcurementFlag> flags;
  auto bids = LowestBidPerBidder(tender.bids);
  if (static_cast<int>(bids.size()) < settings.minimum_pattern_bids) {
    return flags;
  }

  std::vector<double> gaps;
  std::vector<double> ratios;
  double mean = 0;
  for (size_t i = 0; i < bids.size(); ++i) {
    double price = static_cast<double>(bids[i]->price_fen);
    mean += price / static_cast<double>(bids.size());
    if (i > 0) {
      double previous = static_cast<double>(bids[i - 1]->price_fen);
      gaps.push_back(price - previous);
      ratios.push_back(price / previous - 1);  // the growth per step, so equal ratios compare
    }
  }

  if (EqualSteps(gaps, settings.progression_tolerance)) {
    ProcurementFlag flag =
        PriceFlag(tender, "price_arithmetic_progression", FlagLevel::kYellow, bids);
    flag.evidence["mean_gap_fen"] =
        (bids.back()->price_fen - bids.front()->price_fen) / static_cast<double>(bids.size() - 1);
    flags.push_back(std::move(flag));
  } else if (EqualSteps(ratios, settings.progression_tolerance)) {
    ProcurementFlag flag =
        PriceFlag(tender, "price_geometric_progression", FlagLevel::kYellow, bids);
    flag.evidence["mean_ratio"] = 1 + ratios.front();
    flags.push_back(std::move(flag));
  }

  if (tender.estimate_fen > 0) {
    bool all_round = std::all_of(bids.begin(), bids.end(), [&](const auto* bid) {
      double share = static_cast<double>(bid->price_fen) / static_cast<double>(tender.estimate_fen);
      return std::abs(share * 100 - std::round(share * 100)) <= settings.percentage_tolerance * 100;
    });
    if (all_round) {
      ProcurementFlag flag = PriceFlag(tender, "price_round_percentages", FlagLevel::kYellow, bids);
      flag.evidence["estimate_fen"] = tender.estimate_fen;
      flags.push_back(std::move(flag));
    }
  }

  bool clustered = std::all_of(bids.begin(), bids.end(), [&](const auto* bid) {
    return std::abs(static_cast<double>(bid->price_fen) - mean) <= settings.cluster_band * mean;
  });
  if (clustered) {
    ProcurementFlag flag = PriceFlag(tender, "price_tight_cluster", FlagLevel::kWarning, bids);
    flag.evidence["mean_fen"] = mean;
    flag.evidence["band"] = settings.cluster_band;
    flags.push_back(std::move(flag));
  }
  return flags;
}

std::vector<ProcurementFlag> JudgeTenderCollusion(const TenderBids& tender,
                                                  const std::vector<DocumentMatch>& matches,
                                                  const CollusionSettings& settings) {
  std::vector<ProcurementFlag> flags;
  for (const auto& rule : TraceRules()) {
    ApplyTraceRule(tender, rule, flags);
  }
  ApplyInsuranceRule(tender, flags);
  for (auto& flag : JudgePricePatterns(tender, settings)) {
    flags.push_back(std::move(flag));
  }
  if (auto flag = JudgePriceScreens(tender)) flags.push_back(std::move(*flag));

  for (const auto& match : matches) {
    auto bid = std::find_if(tender.bids.begin(), tender.bids.end(),
                            [&](const auto& b) { return b.bid_id == match.bid_id; });
    bool same_bidder = bid != tender.bids.end() && bid->bidder_id == match.other_bidder_id;
    if (bid == tender.bids.end() || same_bidder ||
        match.similarity < settings.document_similarity) {
      continue;
    }
    bool same_tender = match.other_tender_number == tender.tender_number;
    ProcurementFlag flag;
    flag.rule = "similar_documents";
    flag.level = same_tender ? FlagLevel::kYellow : FlagLevel::kWarning;
    flag.ocid = tender.tender_number;
    flag.buyer_id = tender.buyer_id;
    std::string first = std::min(match.bid_id, match.other_bid_id);
    std::string second = std::max(match.bid_id, match.other_bid_id);
    flag.subject = same_tender ? fmt::format("document:{},{}", first, second)
                               : fmt::format("document:{},{}/{}", match.bid_id,
                                             match.other_tender_number, match.other_bid_id);
    flag.evidence["field"] = "document";
    flag.evidence["similarity"] = match.similarity;
    flag.evidence["bids"] =
        json::array{BidJson(*bid), json::object{{"tender_number", match.other_tender_number},
                                                {"bid_id", match.other_bid_id},
                                                {"bidder_id", match.other_bidder_id}}};
    flags.push_back(std::move(flag));
  }

  // A pair within the tender is found from both sides; keep one flag per subject.
  std::set<std::string> seen;
  std::erase_if(flags, [&](const ProcurementFlag& flag) {
    return !seen.insert(flag.rule + "|" + flag.subject).second;
  });
  return flags;
}

}  // namespace mingjing::procurement
