#include "org/division_code.h"

#include <fmt/format.h>

namespace mingjing::org {

int DivisionLevel(std::string_view code) {
  switch (code.size()) {
    case 2:
      return 1;
    case 4:
      return 2;
    case 6:
      return 3;
    case 9:
      return 4;
    case 12:
      return 5;
    default:
      return 0;
  }
}

Result<void> ValidateDivisionCode(std::string_view code, std::string_view field) {
  bool digits = !code.empty();
  for (char c : code) digits = digits && c >= '0' && c <= '9';
  if (!digits || DivisionLevel(code) == 0) {
    return Error::InvalidField(
        std::string(field),
        fmt::format("'{}' is not a division code: use 2, 4, 6, 9 or 12 digits, e.g. 511602", code));
  }
  return {};
}

std::string ParentDivisionCode(std::string_view code) {
  switch (code.size()) {
    case 4:
      return std::string(code.substr(0, 2));
    case 6:
      return std::string(code.substr(0, 4));
    case 9:
      return std::string(code.substr(0, 6));
    case 12:
      return std::string(code.substr(0, 9));
    default:
      return {};
  }
}

}  // namespace mingjing::org
