// Buyer risk rules over compiled OCDS releases, modelled on the indicators that Ukraine's State
// Audit Service runs on Prozorro data (repository ProzorroUKR/prozorro-risks, rules sas-3-2 to
// sas-3-6). Each points at the buyer's conduct rather than at the bidders:
//   - all_except_winner_disqualified: every bidder but the winner was disqualified, which leaves
//     the buyer free to choose the winner;
//   - supplier_many_cpv_classes: one buyer awarded one supplier contracts under 4 or more CPV
//     classes in a calendar year, a sign of a favoured supplier;
//   - contract_value_changed_often: two changes of a contract's value less than 90 days apart,
//     which Ukraine's Law on Public Procurement (art. 41(5)(2)) forbids;
//   - award_far_below_estimate: an award 30 % or more below the tender's estimated value, which
//     suggests an inflated estimate.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/error.h"
#include "procurement/ocds_item.h"
#include "procurement/procurement_flag.h"

namespace mingjing::procurement {

struct BuyerRiskSettings {
  int cpv_class_digits = 4;      // a CPV class is the first 4 digits of the code (e.g. 4523)
  int minimum_cpv_classes = 4;   // distinct classes per buyer, supplier and year
  int value_change_days = 90;    // two value changes closer than this are flagged
  double below_estimate = 0.30;  // award ≤ (1 − this) × estimate is flagged
};

// Runs the rules over a stream of compiled releases. Per-process rules flag at once; the CPV rule
// spans processes, so its flags come from Finish().
class BuyerRiskRules {
 public:
  explicit BuyerRiskRules(BuyerRiskSettings settings = {}) : settings_(settings) {}

  // Judges one compiled release and returns the flags of the per-process rules.
  std::vector<ProcurementFlag> Add(const boost::json::object& compiled_release);

  // Returns the flags of the rules that span processes, over everything added so far.
  std::vector<ProcurementFlag> Finish() const;

 private:
  struct SupplierYear {
    std::set<std::string> cpv_classes;
    std::set<std::string> ocids;
    std::string latest_ocid;
  };

  void RecordAwardClasses(const boost::json::object& release, const std::string& ocid,
                          const std::string& buyer_id);

  BuyerRiskSettings settings_;
  // (buyer id, supplier id, award year) → classes awarded.
  std::map<std::tuple<std::string, std::string, int>, SupplierYear> awards_by_year_;
};

// Runs the rules over an OCDS file in any layout the reader accepts, releases merged per ocid
// first. Problems with single lines or items go to `on_issue` and are skipped.
Result<std::vector<ProcurementFlag>> RunBuyerRiskRulesOnFile(const std::string& path,
                                                             const BuyerRiskSettings& settings,
                                                             const ReadIssueSink& on_issue);

// {"rule_code", "level", "ocid", "buyer_id", "subject", "evidence"} of one flag.
boost::json::object FlagToJson(const ProcurementFlag& flag);

}  // namespace mingjing::procurement
