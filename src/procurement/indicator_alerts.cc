#include "procurement/indicator_alerts.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cctype>
#include <string_view>

#include "procurement/flag_alerts.h"
#include "procurement/indicator_engine.h"
#include "procurement/ocds_store.h"
#include "store/transaction.h"
#include "supervision/rule_set.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

struct IndicatorText {
  std::string_view code;
  std::string_view name;
  std::string_view value_meaning;  // what the result value of an OCID-level flag is
};

constexpr IndicatorText kIndicatorTexts[] = {
    {"R003", "short submission period", "1.0: the tender period is shorter than the threshold"},
    {"R018", "single bid", "1.0: exactly one tenderer under a competitive method"},
    {"R024", "price close to winning bid",
     "(second-lowest valid bid - winning bid) / winning bid, at or below the lower fence"},
    {"R025", "excessive unsuccessful bids", "the tenderer's wins / valid bids"},
    {"R028", "identical bid prices", "1.0: different tenderers bid the same amount"},
    {"R030", "late bid won", "1.0: a bid dated after the tender period won an active award"},
    {"R035", "all except winner disqualified", "the number of tenderers disqualified"},
    {"R036", "lowest bid disqualified", "1.0: the lowest submitted bid was disqualified"},
    {"R038", "excessive disqualified bids",
     "disqualified / submitted bids, at or above the upper fence"},
    {"R048", "heterogeneous supplier", "the count of distinct item classifications"},
    {"R058", "heavily discounted bid",
     "(second-lowest valid bid - winning bid) / winning bid, at or above the upper fence"},
};

const IndicatorText* FindIndicatorText(std::string_view code) {
  for (const IndicatorText& text : kIndicatorTexts) {
    if (text.code == code) return &text;
  }
  return nullptr;
}

std::string RuleCodeOf(std::string_view indicator) {
  std::string code = "procurement.indicator_";
  for (char c : indicator)
    code.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return code;
}

int64_t JudgeDivision(soci::session& session, const supervision::AlertService& alerts,
                      const std::string& division_code, int64_t department_id,
                      const IndicatorSettings& settings, int64_t now) {
  supervision::RuleSet rules = supervision::LoadRuleSet(session);
  IndicatorEngine engine(settings);
  for (const CompiledReleaseRow& row : ListDivisionCompiledReleases(session, division_code)) {
    engine.AddRelease(row.compiled);
  }
  json::object results = engine.Finish().ToJson();
  const json::value* by_ocid = results.if_contains(ResultGroupName(ResultGroup::kOcid));
  if (by_ocid == nullptr || !by_ocid->is_object()) return 0;

  int64_t issued = 0;
  for (const auto& [ocid, values] : by_ocid->get_object()) {
    if (!values.is_object()) continue;
    std::vector<FlagForAlert> flags;
    for (const auto& [key, value] : values.get_object()) {
      flags.push_back(IndicatorFlag(std::string_view(key.data(), key.size()),
                                    std::string_view(ocid.data(), ocid.size()),
                                    value.to_number<double>(), division_code,
                                    engine.processes_added(), engine.processes_excluded()));
    }
    FlagAlertTarget target{fmt::format("ocid:{}", std::string_view(ocid)), std::string(ocid), "",
                           division_code, department_id};
    for (int64_t id : IssueFlagAlerts(session, alerts, rules, target, flags, now)) {
      if (id != 0) ++issued;
    }
  }
  return issued;
}

}  // namespace

FlagForAlert IndicatorFlag(std::string_view indicator, std::string_view ocid, double value,
                           const std::string& division_code, uint64_t processes_examined,
                           uint64_t processes_excluded) {
  const IndicatorText* text = FindIndicatorText(indicator);
  json::object evidence;
  evidence["indicator"] = indicator;
  evidence["indicator_name"] = text != nullptr ? text->name : indicator;
  evidence["ocid"] = ocid;
  evidence["value"] = value;
  evidence["value_meaning"] = text != nullptr ? text->value_meaning : std::string_view();
  evidence["division_code"] = division_code;
  evidence["processes_examined"] = processes_examined;
  evidence["processes_excluded"] = processes_excluded;
  return {RuleCodeOf(indicator), FlagLevel::kWarning, std::string(indicator), std::move(evidence)};
}

int64_t JudgeIndicators(store::Database& db, const supervision::AlertService& alerts,
                        const std::vector<std::string>& division_codes, int64_t department_id,
                        const Clock& clock, const IndicatorSettings& settings) {
  int64_t issued = 0;
  for (const std::string& division_code : division_codes) {
    try {
      auto lease = db.Acquire();
      store::WriteTransaction transaction(lease);
      int64_t alerts_issued =
          JudgeDivision(*lease, alerts, division_code, department_id, settings, clock.NowSeconds());
      transaction.Commit();
      issued += alerts_issued;
    } catch (const std::exception& e) {
      spdlog::error("red-flag indicator judging failed division_code={} error={}", division_code,
                    e.what());
    }
  }
  return issued;
}

}  // namespace mingjing::procurement
