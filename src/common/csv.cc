#include "common/csv.h"

namespace mingjing {

Result<std::vector<std::string>> SplitCsvLine(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);

  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !field_was_quoted) {
      quoted = true;
      field_was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return Error{ErrorCode::kMalformed, "unterminated quoted field", {}};
  fields.push_back(std::move(field));
  return fields;
}

}  // namespace mingjing
