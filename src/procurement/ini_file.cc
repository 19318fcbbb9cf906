#include "procurement/ini_file.h"

#include <fmt/format.h>

#include <algorithm>

namespace mingjing::procurement {
namespace {

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

// Removes a trailing comment: `;` or `#` at the start or after a space or tab.
std::string_view StripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ';' && line[i] != '#') continue;
    if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t') return line.substr(0, i);
  }
  return line;
}

Error SyntaxError(std::string_view source, int line, std::string message) {
  return Error{ErrorCode::kMalformed, fmt::format("{}:{}: {}", source, line, message),
               fmt::format("{}:{}", source, line)};
}

}  // namespace

Result<IniDocument> ParseIni(std::string_view text, std::string_view source) {
  IniDocument document;
  document.sections.push_back(IniSection{});
  int line_number = 0;

  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;

    std::string_view line = Trim(StripComment(raw));
    if (line.empty()) continue;

    if (line.front() == '[') {
      if (line.back() != ']') {
        return SyntaxError(source, line_number, "section header has no closing ']'");
      }
      std::string name(Trim(line.substr(1, line.size() - 2)));
      if (name.empty()) return SyntaxError(source, line_number, "section name is empty");
      bool duplicate = std::any_of(document.sections.begin(), document.sections.end(),
                                   [&](const IniSection& s) { return s.name == name; });
      if (duplicate) {
        return SyntaxError(source, line_number, fmt::format("duplicate section [{}]", name));
      }
      document.sections.push_back(IniSection{std::move(name), line_number, {}});
      continue;
    }

    size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      return SyntaxError(source, line_number,
                         fmt::format("expected 'key = value' or '[section]', found '{}'", line));
    }
    std::string key(Trim(line.substr(0, equals)));
    if (key.empty()) return SyntaxError(source, line_number, "key is missing before '='");

    IniSection& section = document.sections.back();
    bool duplicate = std::any_of(section.entries.begin(), section.entries.end(),
                                 [&](const IniEntry& e) { return e.key == key; });
    if (duplicate) {
      return SyntaxError(source, line_number, fmt::format("duplicate key '{}'", key));
    }
    section.entries.push_back(
        IniEntry{std::move(key), std::string(Trim(line.substr(equals + 1))), line_number});
  }
  return document;
}

}  // namespace mingjing::procurement
