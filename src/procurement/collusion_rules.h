// Collusion rules over the bids of one tender. Article 40 of the Regulation on the Implementation
// of the Bidding Law deems bids collusive (视为串通投标) when different bidders' documents were
// compiled by the same person, their bidding affairs handled by the same person, they name the
// same project-management member, they are abnormally alike or priced in a regular pattern, or
// their bonds came from the same account. Upload and compilation traces (MAC address, CPU and
// disk serials, pricing-software dongle) show the same computer or the same compiler.
//
//   rule                          level    trace shared by bids of different bidders
//   shared_document_creator       red      author or last saver of the bid files
//   shared_mac_address            red      network card of the uploading computer
//   same_machine                  red      CPU and disk serial together
//   shared_pricing_dongle         red      pricing-software lock serial
//   shared_bond_account           red      account that paid the bid bond
//   shared_person                 red      a named person (project manager, key staff)
//   shared_contact                yellow   telephone, e-mail or address
//   shared_ip_address             warning  IP address alone, which NAT and shared offices explain
//   staff_insured_elsewhere       yellow   key staff insured by another company (licence lending,
//                                          挂靠)
//   price_arithmetic_progression  yellow   sorted prices with equal gaps
//   price_geometric_progression   yellow   sorted prices with equal ratios
//   price_round_percentages       yellow   every price a whole percentage of the control price
//   price_tight_cluster           warning  every price within 3 % of the mean
//   price_screens                 warning  CV below 5 % and RD above 1 (screen_rule.h)
//   similar_documents             yellow   document text nearly identical (same tender), warning
//                                          when the other bid belongs to another tender
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "procurement/bid_submission.h"
#include "procurement/procurement_flag.h"

namespace mingjing::procurement {

struct CollusionSettings {
  double progression_tolerance = 0.02;   // gaps or ratios may differ by 2 % of their mean
  double cluster_band = 0.03;            // all prices within 3 % of the mean
  double percentage_tolerance = 0.0005;  // 0.05 percentage points from a whole percentage
  int minimum_pattern_bids = 3;          // price patterns need at least this many bidders
  double document_similarity = 0.8;      // estimated Jaccard similarity of shingle sets
};

// A bid document of this tender that resembles another bid's, found by the similarity index.
struct DocumentMatch {
  std::string bid_id;  // the bid of this tender
  std::string other_tender_number;
  std::string other_bid_id;
  std::string other_bidder_id;
  double similarity = 0;
};

// The tender judged: its identity, control price and bids.
struct TenderBids {
  std::string tender_number;
  std::string buyer_id;
  int64_t estimate_fen = 0;
  std::vector<BidSubmission> bids;
};

// Judges the bids of one tender. Every flag's evidence names the bids and fields that match.
std::vector<ProcurementFlag> JudgeTenderCollusion(const TenderBids& tender,
                                                  const std::vector<DocumentMatch>& matches,
                                                  const CollusionSettings& settings = {});

// The price-pattern rules alone, over prices in fen (any order).
std::vector<ProcurementFlag> JudgePricePatterns(const TenderBids& tender,
                                                const CollusionSettings& settings = {});

}  // namespace mingjing::procurement
