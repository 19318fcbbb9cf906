// Splits one line of RFC 4180 CSV into fields: commas separate, double quotes enclose a field
// that may contain commas, and "" inside quotes is a literal quote. Multi-line fields are not
// supported; the callers' files have none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mingjing {

Result<std::vector<std::string>> SplitCsvLine(std::string_view line);

}  // namespace mingjing
