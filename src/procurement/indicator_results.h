// Results of the red-flag indicators, grouped as the OCDS red-flag tools publish them:
// {"OCID": {ocid: {"R024": 0.0}}, "Buyer": {...}, "ProcuringEntity": {...}, "Tenderer": {...}}.
#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <string_view>

namespace mingjing::procurement {

// What a result is about, with the JSON path its identifier comes from.
enum class ResultGroup {
  kOcid,             // /ocid
  kBuyer,            // /buyer/id
  kProcuringEntity,  // /tender/procuringEntity/id
  kTenderer,         // /bids/details[]/tenderers[]/id (and award suppliers, for R048)
};

// The group's key in the JSON output, e.g. "ProcuringEntity".
std::string_view ResultGroupName(ResultGroup group);

class IndicatorResults {
 public:
  // Records `value` for `indicator` (e.g. "R024") on `id`, replacing an earlier value.
  void Set(ResultGroup group, const std::string& id, std::string_view indicator, double value);

  // The value recorded, if any.
  const double* Find(ResultGroup group, const std::string& id, std::string_view indicator) const;

  // Number of identifiers with at least one result in `group`.
  size_t Count(ResultGroup group) const;

  // The JSON output. Groups without results are left out, so nothing flagged gives {}.
  boost::json::object ToJson() const;

  // The same output as compact JSON text, with every value written as a decimal ("1.0", not
  // Boost.JSON's "1E0"), as the published fixtures are.
  std::string ToJsonText() const;

 private:
  using IdResults = std::map<std::string, std::map<std::string, double, std::less<>>, std::less<>>;
  std::array<IdResults, 4> groups_;
};

}  // namespace mingjing::procurement
