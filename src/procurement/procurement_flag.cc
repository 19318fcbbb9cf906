#include "procurement/procurement_flag.h"

namespace mingjing::procurement {

std::string_view FlagLevelName(FlagLevel level) {
  switch (level) {
    case FlagLevel::kWarning:
      return "warning";
    case FlagLevel::kYellow:
      return "yellow";
    case FlagLevel::kRed:
      return "red";
  }
  return "warning";
}

}  // namespace mingjing::procurement
