#include "procurement/indicator_results.h"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace mingjing::procurement {
namespace {

void AppendQuoted(std::string& out, std::string_view text) {
  out += boost::json::serialize(boost::json::string(text));
}

// Shortest text that reads back as the same double, always with a decimal point or exponent.
void AppendDecimal(std::string& out, double value) {
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  out += text;
}

}  // namespace

std::string_view ResultGroupName(ResultGroup group) {
  switch (group) {
    case ResultGroup::kOcid:
      return "OCID";
    case ResultGroup::kBuyer:
      return "Buyer";
    case ResultGroup::kProcuringEntity:
      return "ProcuringEntity";
    case ResultGroup::kTenderer:
      return "Tenderer";
  }
  return "OCID";
}

void IndicatorResults::Set(ResultGroup group, const std::string& id, std::string_view indicator,
                           double value) {
  auto& by_indicator = groups_[static_cast<size_t>(group)][id];
  auto it = by_indicator.find(indicator);
  if (it == by_indicator.end()) {
    by_indicator.emplace(std::string(indicator), value);
  } else {
    it->second = value;
  }
}

const double* IndicatorResults::Find(ResultGroup group, const std::string& id,
                                     std::string_view indicator) const {
  const IdResults& ids = groups_[static_cast<size_t>(group)];
  auto id_it = ids.find(id);
  if (id_it == ids.end()) return nullptr;
  auto it = id_it->second.find(indicator);
  return it == id_it->second.end() ? nullptr : &it->second;
}

size_t IndicatorResults::Count(ResultGroup group) const {
  return groups_[static_cast<size_t>(group)].size();
}

boost::json::object IndicatorResults::ToJson() const {
  boost::json::object output;
  for (ResultGroup group : {ResultGroup::kOcid, ResultGroup::kBuyer, ResultGroup::kProcuringEntity,
                            ResultGroup::kTenderer}) {
    const IdResults& ids = groups_[static_cast<size_t>(group)];
    if (ids.empty()) continue;

    boost::json::object group_object;
    for (const auto& [id, by_indicator] : ids) {
      boost::json::object values;
      for (const auto& [indicator, value] : by_indicator) values[indicator] = value;
      group_object[id] = std::move(values);
    }
    output[ResultGroupName(group)] = std::move(group_object);
  }
  return output;
}

std::string IndicatorResults::ToJsonText() const {
  std::string out = "{";
  for (ResultGroup group : {ResultGroup::kOcid, ResultGroup::kBuyer, ResultGroup::kProcuringEntity,
                            ResultGroup::kTenderer}) {
    const IdResults& ids = groups_[static_cast<size_t>(group)];
    if (ids.empty()) continue;
    if (out.size() > 1) out += ',';
    AppendQuoted(out, ResultGroupName(group));
    out += ":{";

    bool first_id = true;
    for (const auto& [id, by_indicator] : ids) {
      if (!first_id) out += ',';
      first_id = false;
      AppendQuoted(out, id);
      out += ":{";
      bool first_value = true;
      for (const auto& [indicator, value] : by_indicator) {
        if (!first_value) out += ',';
        first_value = false;
        AppendQuoted(out, indicator);
        out += ':';
        AppendDecimal(out, value);
      }
      out += '}';
    }
    out += '}';
  }
  out += '}';
  return out;
}

}  // namespace mingjing::procurement
