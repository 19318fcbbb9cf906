#include "supervision/finding.h"

#include <fmt/format.h>

namespace mingjing::supervision {

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kWarning:
      return "warning";
    case Level::kYellow:
      return "yellow";
    case Level::kRed:
      return "red";
  }
  return "warning";
}

std::string DedupeKey(const Finding& finding, int64_t case_id) {
  return fmt::format("{}|{}|{}|{}", finding.rule_code, case_id, finding.subject,
                     LevelName(finding.level));
}

}  // namespace mingjing::supervision
