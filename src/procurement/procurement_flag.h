// A procurement flag: one rule's conclusion about one tender, buyer or group of bids, with the
// evidence a supervisor needs to check it. Flags are plain values; the supervision bridge turns
// them into alerts under the rule code "procurement.<rule>".
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace mingjing::procurement {

// Gravity of a flag, mapped one to one onto supervision levels: 预警 warning, 黄牌 yellow card,
// 红牌 red card.
enum class FlagLevel { kWarning, kYellow, kRed };

// "warning", "yellow" or "red", as alerts.level spells it.
std::string_view FlagLevelName(FlagLevel level);

struct ProcurementFlag {
  std::string rule;  // e.g. "shared_mac_address"; the alert rule code is "procurement." + rule
  FlagLevel level = FlagLevel::kWarning;
  std::string ocid;  // the contracting process (tender) flagged, or the latest one involved
  std::string buyer_id;
  // Part of the process judged: "" for the whole process, else e.g. "award:a1" or a bid pair.
  // With rule and ocid it identifies the flag, so a repeated run raises nothing new.
  std::string subject;
  boost::json::object evidence;  // which bids, fields, values, dates and amounts match
};

}  // namespace mingjing::procurement
