#include "procurement/ocds_item.h"

#include <fmt/format.h>

namespace mingjing::procurement {

std::string ReadIssue::ToString() const {
  std::string text = file;
  if (location.line > 0) text += fmt::format(":{}", location.line);
  text += ": ";
  if (!location.path.empty()) text += location.path + ": ";
  text += message;
  return text;
}

}  // namespace mingjing::procurement
