// A finding is what one rule concludes about one case at one moment: "this case passed its
// promised limit", "this fee was charged on a free item". Findings are plain values; the alert
// service turns each new one into an alert (card) and leaves a known one alone.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mingjing::supervision {

// 预警 (warning), 黄牌 (yellow card), 红牌 (red card), in rising order of gravity.
enum class Level { kWarning, kYellow, kRed };

std::string_view LevelName(Level level);  // "warning", "yellow", "red"

struct Finding {
  std::string rule_code;  // e.g. "time.promised"
  int rule_version = 0;
  Level level = Level::kWarning;
  // What was judged inside the case: "" for the whole case, a step name, a receipt number, an
  // event id. Together with rule, case and level it forms the alert's dedupe key, so a rule that
  // fires again on the same subject never raises a second card.
  std::string subject;
  // Values for the rule's message template: {case_number}, {item_name}, {limit}, {overdue} …
  boost::json::object vars;
  // The facts that raised the finding, shown to the supervisor as evidence: event ids, dates,
  // amounts, the deadline's explanation.
  boost::json::object evidence;
  bool needs_confirmation = false;  // the rule is in "confirm" mode
};

// What the rules say about one case: the findings now, and the next moment at which a finding
// could appear without any new event (a deadline threshold), or 0 when none can.
struct Judgement {
  std::vector<Finding> findings;
  int64_t next_check_at = 0;  // Unix seconds
};

// "rule_code|case_id|subject|level": the alerts.dedupe_key of a case finding.
std::string DedupeKey(const Finding& finding, int64_t case_id);

}  // namespace mingjing::supervision
