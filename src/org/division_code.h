// Division codes: GB/T 2260 for provinces (2 digits), prefecture cities (4) and counties (6),
// extended by the statistical codes of townships (9) and villages (12). Every code begins with
// the code of the division above it, so "is X inside Y" is a prefix test.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace mingjing::org {

// 1 province, 2 city, 3 county, 4 township, 5 village; 0 when the length fits no level.
int DivisionLevel(std::string_view code);

// Rejects anything but 2, 4, 6, 9 or 12 ASCII digits. `field` names the input in the error.
Result<void> ValidateDivisionCode(std::string_view code, std::string_view field = "division_code");

// The code of the division directly above, or "" for a province.
std::string ParentDivisionCode(std::string_view code);

// True when `code` is `scope` itself or lies inside it.
inline bool DivisionContains(std::string_view scope, std::string_view code) {
  return code.starts_with(scope);
}

}  // namespace mingjing::org
