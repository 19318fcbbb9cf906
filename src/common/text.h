// Checks on free text that people type and others read: names, titles, addresses.
#pragma once

#include <string_view>

namespace mingjing {

// True when `text` contains an ASCII control character or a Unicode bidirectional override,
// which would let a stored name display as something else.
bool HasControlCharacters(std::string_view text);

// `text` without ASCII spaces, tabs and line breaks at either end.
std::string_view TrimSpaces(std::string_view text);

}  // namespace mingjing
