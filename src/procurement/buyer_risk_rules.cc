#include "procurement/buyer_risk_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <optional>

#include "procurement/ocds_date.h"
#include "procurement/ocds_reader.h"
#include "procurement/release_compiler.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

const json::object* ObjectAt(const json::object& parent, std::string_view key) {
  const json::value* value = parent.if_contains(key);
  return value ? value->if_object() : nullptr;
}

const json::array* ArrayAt(const json::object& parent, std::string_view key) {
  const json::value* value = parent.if_contains(key);
  return value ? value->if_array() : nullptr;
}

// A string or integer field as text, or "" when it is missing or of another type.
std::string TextAt(const json::object& parent, std::string_view key) {
  const json::value* value = parent.if_contains(key);
  if (value == nullptr) {
    return "";
  }
  if (value->is_string()) {
    return std::string(value->get_string());
  }
  if (value->is_int64()) {
    return std::to_string(value->get_int64());
  }
  return "";
}

std::optional<double> AmountAt(const json::object& parent, std::string_view key) {
  const json::object* value = ObjectAt(parent, key);
  if (value == nullptr) {
    return std::nullopt;
  }
  const json::value* amount = value->if_contains("amount");
  if (amount == nullptr || !amount->is_number()) {
    return std::nullopt;
  }
  return amount->to_number<double>();
}

std::optional<OcdsTimestamp> DateAt(const json::object& parent, std::string_view key) {
  const json::value* value = parent.if_contains(key);
  if (value == nullptr || !value->is_string()) {
    return std::nullopt;
  }
  return ParseOcdsDate(value->get_string());
}

int UtcYear(OcdsTimestamp timestamp) {
  auto days = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(timestamp)));
  return static_cast<int>(std::chrono::year_month_day(days).year());
}

std::vector<std::string> PartyIds(const json::object& parent, std::string_view key) {
  std::vector<std::string> ids;
  if (const json::array* parties = ArrayAt(parent, key)) {
    for (const auto& party : *parties) {
      if (party.is_object()) {
        std::string id = TextAt(party.get_object(), "id");
        if (!id.empty()) {
          ids.push_back(std::move(id));
        }
      }
    }
  }
  return ids;
}

std::vector<const json::object*> ActiveAwards(const json::object& release) {
  std::vector<const json::object*> active;
  if (const json::array* awards = ArrayAt(release, "awards")) {
    for (const auto& award : *awards) {
      if (award.is_object() && TextAt(award.get_object(), "status") == "active") {
        active.push_back(&award.get_object());
      }
    }
  }
  return active;
}

ProcurementFlag MakeFlag(std::string rule, FlagLevel level, const std::string& ocid,
                         const std::string& buyer_id, std::string subject) {
  ProcurementFlag flag;
  flag.rule = std::move(rule);
  flag.level = level;
  flag.ocid = ocid;
  flag.buyer_id = buyer_id;
  flag.subject = std::move(subject);
  return flag;
}

// Every tenderer but the active award's suppliers was disqualified, and there was at least one.
std::optional<ProcurementFlag> CheckAllExceptWinnerDisqualified(const json::object& release,
                                                                const std::string& ocid,
                                                                const std::string& buyer_id) {
  const json::object* bids = ObjectAt(release, "bids");
  const json::array* details = bids ? ArrayAt(*bids, "details") : nullptr;
  auto awards = ActiveAwards(release);
  if (details == nullptr || awards.size() != 1) {
    return std::nullopt;
  }
  std::vector<std::string> winners = PartyIds(*awards.front(), "suppliers");
  if (winners.empty()) {
    return std::nullopt;
  }

  json::array disqualified;
  for (const auto& bid : *details) {
    if (!bid.is_object()) {
      continue;
    }
    std::string status = TextAt(bid.get_object(), "status");
    for (const auto& tenderer : PartyIds(bid.get_object(), "tenderers")) {
      bool is_winner = std::find(winners.begin(), winners.end(), tenderer) != winners.end();
      if (is_winner) {
        continue;
      }
      if (status != "disqualified") {
        return std::nullopt;  // a losing bidder stayed in, or withdrew of its own accord
      }
      disqualified.push_back(
          json::object{{"bid_id", TextAt(bid.get_object(), "id")}, {"tenderer_id", tenderer}});
    }
  }
  if (disqualified.empty()) {
    return std::nullopt;
  }

  ProcurementFlag flag =
      MakeFlag("all_except_winner_disqualified", FlagLevel::kYellow, ocid, buyer_id, "");
  flag.evidence["winner_ids"] = json::value_from(winners);
  flag.evidence["disqualified"] = std::move(disqualified);
  return flag;
}

// Dates of the amendments of `contract` that change its value, ascending. An amendment changes
// the value when one of its `changes` names the `value` property.
// NOTE: OCDS 1.1 deprecates `amendments[].changes`; a publisher that describes amendments only by
// release ids gives this rule nothing to count, because a compiled release keeps no history.
std::vector<std::pair<OcdsTimestamp, std::string>> ValueChangeDates(const json::object& contract) {
  std::vector<std::pair<OcdsTimestamp, std::string>> dates;
  const json::array* amendments = ArrayAt(contract, "amendments");
  if (amendments == nullptr) {
    return dates;
  }
  for (const auto& amendment : *amendments) {
    if (!amendment.is_object()) {
      continue;
    }
    const json::array* changes = ArrayAt(amendment.get_object(), "changes");
    auto date = DateAt(amendment.get_object(), "date");
    if (changes == nullptr || !date) {
      continue;
    }
    bool changes_value = std::any_of(changes->begin(), changes->end(), [](const json::value& c) {
      if (!c.is_object()) {
        return false;
      }
      std::string property = TextAt(c.get_object(), "property");
      return property == "value" || property.starts_with("value.") ||
             property.starts_with("value/");
    });
    if (changes_value) {
      dates.emplace_back(*date, TextAt(amendment.get_object(), "id"));
    }
  }
  std::sort(dates.begin(), dates.end());
  return dates;
}

std::vector<ProcurementFlag> CheckContractValueChanges(const json::object& release,
                                                       const std::string& ocid,
                                                       const std::string& buyer_id,
                                                       int window_days) {
  std::vector<ProcurementFlag> flags;
  const json::array* contracts = ArrayAt(release, "contracts");
  if (contracts == nullptr) {
    return flags;
  }
  for (const auto& contract : *contracts) {
    if (!contract.is_object()) {
      continue;
    }
    auto dates = ValueChangeDates(contract.get_object());
    for (size_t i = 1; i < dates.size(); ++i) {
      int64_t gap_days = (dates[i].first - dates[i - 1].first) / kMicrosecondsPerDay;
      if (gap_days >= window_days) {
        continue;
      }
      std::string contract_id = TextAt(contract.get_object(), "id");
      ProcurementFlag flag = MakeFlag("contract_value_changed_often", FlagLevel::kYellow, ocid,
                                      buyer_id, "contract:" + contract_id);
      flag.evidence["contract_id"] = contract_id;
      flag.evidence["amendment_ids"] =
          json::array{json::value(dates[i - 1].second), json::value(dates[i].second)};
      flag.evidence["days_between"] = gap_days;
      flag.evidence["window_days"] = window_days;
      flags.push_back(std::move(flag));
      break;  // one flag per contract
    }
  }
  return flags;
}

// The estimate an award is compared with: the value of its single related lot, or else the
// tender's value. Returns nothing when neither has an amount.
std::optional<double> EstimateFor(const json::object& release, const json::object& award) {
  const json::object* tender = ObjectAt(release, "tender");
  if (tender == nullptr) {
    return std::nullopt;
  }
  const json::array* related_lots = ArrayAt(award, "relatedLots");
  const json::array* lots = ArrayAt(*tender, "lots");
  if (related_lots != nullptr && related_lots->size() == 1 && lots != nullptr &&
      (*related_lots)[0].is_string()) {
    for (const auto& lot : *lots) {
      if (lot.is_object() && TextAt(lot.get_object(), "id") == (*related_lots)[0].get_string()) {
        return AmountAt(lot.get_object(), "value");
      }
    }
  }
  return AmountAt(*tender, "value");
}

std::vector<ProcurementFlag> CheckAwardsBelowEstimate(const json::object& release,
                                                      const std::string& ocid,
                                                      const std::string& buyer_id,
                                                      double below_estimate) {
  std::vector<ProcurementFlag> flags;
  for (const json::object* award : ActiveAwards(release)) {
    auto amount = AmountAt(*award, "value");
    auto estimate = EstimateFor(release, *award);
    if (!amount || !estimate || *estimate <= 0 || *amount > *estimate * (1 - below_estimate)) {
      continue;
    }
    std::string award_id = TextAt(*award, "id");
    ProcurementFlag flag = MakeFlag("award_far_below_estimate", FlagLevel::kWarning, ocid, buyer_id,
                                    "award:" + award_id);
    flag.evidence["award_id"] = award_id;
    flag.evidence["award_amount"] = *amount;
    flag.evidence["estimate_amount"] = *estimate;
    flag.evidence["discount"] = 1 - *amount / *estimate;
    flags.push_back(std::move(flag));
  }
  return flags;
}

}  // namespace

std::vector<ProcurementFlag> BuyerRiskRules::Add(const json::object& release) {
  std::vector<ProcurementFlag> flags;
  std::string ocid = TextAt(release, "ocid");
  const json::object* buyer = ObjectAt(release, "buyer");
  std::string buyer_id = buyer ? TextAt(*buyer, "id") : "";
  if (ocid.empty()) {
    return flags;
  }

  if (auto flag = CheckAllExceptWinnerDisqualified(release, ocid, buyer_id)) {
    flags.push_back(std::move(*flag));
  }
  for (auto& flag :
       CheckContractValueChanges(release, ocid, buyer_id, settings_.value_change_days)) {
    flags.push_back(std::move(flag));
  }
  for (auto& flag : CheckAwardsBelowEstimate(release, ocid, buyer_id, settings_.below_estimate)) {
    flags.push_back(std::move(flag));
  }
  if (!buyer_id.empty()) {
    RecordAwardClasses(release, ocid, buyer_id);
  }
  return flags;
}

void BuyerRiskRules::RecordAwardClasses(const json::object& release, const std::string& ocid,
                                        const std::string& buyer_id) {
  for (const json::object* award : ActiveAwards(release)) {
    auto date = DateAt(*award, "date");
    const json::array* items = ArrayAt(*award, "items");
    if (!date || items == nullptr) {
      continue;
    }
    std::set<std::string> classes;
    for (const auto& item : *items) {
      const json::object* classification =
          item.is_object() ? ObjectAt(item.get_object(), "classification") : nullptr;
      if (classification == nullptr) {
        continue;
      }
      std::string scheme = TextAt(*classification, "scheme");
      std::string code = TextAt(*classification, "id");
      bool is_cpv = scheme.empty() || scheme == "CPV";
      if (!is_cpv || code.empty()) {
        continue;
      }
      if (settings_.cpv_class_digits > 0) {
        code = code.substr(0, settings_.cpv_class_digits);
      }
      classes.insert(code);
    }
    for (const auto& supplier : PartyIds(*award, "suppliers")) {
      SupplierYear& entry = awards_by_year_[{buyer_id, supplier, UtcYear(*date)}];
      entry.cpv_classes.insert(classes.begin(), classes.end());
      entry.ocids.insert(ocid);
      entry.latest_ocid = ocid;
    }
  }
}

std::vector<ProcurementFlag> BuyerRiskRules::Finish() const {
  std::vector<ProcurementFlag> flags;
  for (const auto& [key, entry] : awards_by_year_) {
    const auto& [buyer_id, supplier_id, year] = key;
    if (static_cast<int>(entry.cpv_classes.size()) < settings_.minimum_cpv_classes) {
      continue;
    }
    ProcurementFlag flag =
        MakeFlag("supplier_many_cpv_classes", FlagLevel::kYellow, entry.latest_ocid, buyer_id,
                 fmt::format("supplier:{}:{}", supplier_id, year));
    flag.evidence["supplier_id"] = supplier_id;
    flag.evidence["year"] = year;
    flag.evidence["cpv_classes"] = json::value_from(entry.cpv_classes);
    flag.evidence["ocids"] = json::value_from(entry.ocids);
    flags.push_back(std::move(flag));
  }
  return flags;
}

Result<std::vector<ProcurementFlag>> RunBuyerRiskRulesOnFile(const std::string& path,
                                                             const BuyerRiskSettings& settings,
                                                             const ReadIssueSink& on_issue) {
  BuyerRiskRules rules(settings);
  std::vector<ProcurementFlag> flags;
  ReleaseCompiler compiler(
      path,
      [&](const json::object& compiled) {
        for (auto& flag : rules.Add(compiled)) {
          flags.push_back(std::move(flag));
        }
      },
      on_issue);
  auto layout = ReadOcdsFile(
      path,
      [&](OcdsItemKind kind, const json::object& item, const SourceLocation& location) {
        compiler.Add(kind, item, location);
      },
      on_issue);
  if (!layout) {
    return layout.error();
  }
  compiler.Finish();
  for (auto& flag : rules.Finish()) {
    flags.push_back(std::move(flag));
  }
  return flags;
}

json::object FlagToJson(const ProcurementFlag& flag) {
  return {{"rule_code", "procurement." + flag.rule},
          {"level", FlagLevelName(flag.level)},
          {"ocid", flag.ocid},
          {"buyer_id", flag.buyer_id},
          {"subject", flag.subject},
          {"evidence", flag.evidence}};
}

}  // namespace mingjing::procurement
