#include "procurement/flag_alerts.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>

#include "supervision/rule_finding.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

supervision::Level SupervisionLevel(FlagLevel level) {
  switch (level) {
    case FlagLevel::kRed:
      return supervision::Level::kRed;
    case FlagLevel::kYellow:
      return supervision::Level::kYellow;
    case FlagLevel::kWarning:
      return supervision::Level::kWarning;
  }
  return supervision::Level::kWarning;
}

// Scalars as template text: strings as they are, numbers in decimal (whole amounts without a
// fraction or exponent), and numbers in (0, 1], which are ratios, also as a whole percentage
// under "<name>_percent".
void AddScalarVar(json::object& vars, std::string_view name, const json::value& value) {
  if (value.is_string()) {
    vars[name] = value.get_string();
  } else if (value.is_int64() || value.is_uint64()) {
    vars[name] = value;
  } else if (value.is_double()) {
    double number = value.get_double();
    if (std::abs(number) < 1e15 && number == std::floor(number)) {
      vars[name] = static_cast<int64_t>(number);
    } else {
      vars[name] = fmt::format("{}", number);
    }
    if (number > 0 && number <= 1) {
      vars[fmt::format("{}_percent", name)] = static_cast<int64_t>(std::lround(number * 100));
    }
  }
}

std::string JoinScalars(const json::array& values) {
  std::vector<std::string> parts;
  for (const json::value& v : values) {
    if (v.is_string()) {
      parts.emplace_back(v.get_string());
    } else if (v.is_number()) {
      parts.push_back(json::serialize(v));
    }
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

std::optional<FlagLevel> ParseFlagLevel(std::string_view name) {
  if (name == "red") return FlagLevel::kRed;
  if (name == "yellow") return FlagLevel::kYellow;
  if (name == "warning") return FlagLevel::kWarning;
  return std::nullopt;
}

json::object FlagTemplateVars(const json::object& evidence) {
  json::object vars;
  for (const auto& [name, value] : evidence) {
    if (value.is_array()) {
      vars[name] = JoinScalars(value.get_array());
    } else {
      AddScalarVar(vars, name, value);
    }
  }

  std::vector<std::string> bid_ids;
  std::vector<std::string> bidders;
  if (const json::value* bids = evidence.if_contains("bids"); bids && bids->is_array()) {
    for (const json::value& bid : bids->get_array()) {
      if (!bid.is_object()) continue;
      const json::object& b = bid.get_object();
      if (const auto* id = b.if_contains("bid_id"); id && id->is_string()) {
        bid_ids.emplace_back(id->get_string());
      }
      const json::value* name = b.if_contains("bidder_name");
      if (name == nullptr || !name->is_string() || name->get_string().empty()) {
        name = b.if_contains("bidder_id");
      }
      if (name != nullptr && name->is_string()) bidders.emplace_back(name->get_string());
    }
  }
  vars["bid_ids"] = fmt::format("{}", fmt::join(bid_ids, ", "));
  vars["bidders"] = fmt::format("{}", fmt::join(bidders, ", "));

  if (const json::value* person = evidence.if_contains("person"); person && person->is_object()) {
    const json::object& p = person->get_object();
    if (const auto* n = p.if_contains("name"); n && n->is_string()) vars["person_name"] = *n;
    if (const auto* e = p.if_contains("social_security_employer"); e && e->is_string()) {
      vars["employer"] = *e;
    }
  }
  return vars;
}

std::vector<int64_t> IssueFlagAlerts(soci::session& session,
                                     const supervision::AlertService& alerts,
                                     const supervision::RuleSet& rules,
                                     const FlagAlertTarget& target,
                                     const std::vector<FlagForAlert>& flags, int64_t now) {
  supervision::AlertTarget alert_target{0, target.case_number, "", target.division_code,
                                        target.department_id};
  std::vector<int64_t> alert_ids;
  for (const FlagForAlert& flag : flags) {
    // The alert's dedupe key has no case, so the target key keeps two tenders' flags apart.
    auto finding = supervision::StartRuleFinding(rules, flag.rule_code,
                                                 SupervisionLevel(flag.level),
                                                 fmt::format("{}|{}", target.key, flag.subject));
    if (!finding) {
      alert_ids.push_back(0);
      continue;
    }
    finding->vars = FlagTemplateVars(flag.evidence);
    finding->vars["case_number"] = target.case_number;
    finding->vars["tender_title"] = target.title;
    finding->evidence = flag.evidence;
    auto issued = alerts.IssueFindings(session, alert_target, {*finding}, now);
    alert_ids.push_back(issued.issued.empty() ? 0 : issued.issued.front().id);
  }
  return alert_ids;
}

}  // namespace mingjing::procurement
