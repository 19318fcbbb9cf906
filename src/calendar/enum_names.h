// Stable text names of the calendar's enumerations, for JSON and configuration.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace mingjing::calendar {

template <class Enum, size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value` in `names`, or "unknown".
template <class Enum, size_t N>
std::string_view NameOfEnum(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& [known, name] : names) {
    if (known == value) return name;
  }
  return "unknown";
}

// The value named `name`, or nothing.
template <class Enum, size_t N>
std::optional<Enum> EnumOfName(const EnumNames<Enum, N>& names, std::string_view name) {
  for (const auto& [value, known] : names) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace mingjing::calendar
