// A small INI reader for the indicator settings file. Boost.PropertyTree's read_ini (Boost 1.81)
// drops a section that has no keys, but an empty `[R024]` is how a user enables an indicator with
// its defaults, so this reader keeps every section.
//
// Syntax: `[section]` lines, `key = value` lines, and comments starting with `;` or `#`, either on
// their own line or after whitespace at the end of a value. Keys before the first section belong
// to the unnamed global section.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mingjing::procurement {

struct IniEntry {
  std::string key;
  std::string value;
  int line = 0;  // 1-based line number in the source
};

struct IniSection {
  std::string name;  // empty for the global section
  int line = 0;      // line of the `[name]` header, 0 for the global section
  std::vector<IniEntry> entries;
};

struct IniDocument {
  std::vector<IniSection> sections;  // the global section first, then in file order
};

// Parses `text`. `source` names the file in error messages. A malformed line, a duplicate
// section or a duplicate key in one section is an error whose field is "source:line".
Result<IniDocument> ParseIni(std::string_view text, std::string_view source);

}  // namespace mingjing::procurement
