#include "procurement/indicator_settings.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "procurement/ini_file.h"

namespace mingjing::procurement {
namespace {

// Reads typed values out of one section, with errors that name the file, line and setting.
class SectionReader {
 public:
  SectionReader(std::string_view source, const IniSection& section)
      : source_(source), section_(section) {}

  Error Invalid(const IniEntry& entry, std::string_view expectation) const {
    return Error::InvalidField(
        Field(entry), fmt::format("{}:{}: {}: expected {}, found '{}'", source_, entry.line,
                                  Field(entry), expectation, entry.value));
  }

  Error Unknown(const IniEntry& entry) const {
    return Error::InvalidField(
        Field(entry), fmt::format("{}:{}: unknown setting '{}'{}; remove it or fix its spelling",
                                  source_, entry.line, entry.key, InSection()));
  }

  Result<int64_t> Integer(const IniEntry& entry, int64_t minimum, int64_t maximum) const {
    int64_t value = 0;
    const char* end = entry.value.data() + entry.value.size();
    auto [ptr, ec] = std::from_chars(entry.value.data(), end, value);
    if (ec != std::errc() || ptr != end || entry.value.empty() || value < minimum ||
        value > maximum) {
      return Invalid(entry, fmt::format("a whole number from {} to {}", minimum, maximum));
    }
    return value;
  }

  Result<double> Decimal(const IniEntry& entry) const {
    double value = 0;
    const char* end = entry.value.data() + entry.value.size();
    auto [ptr, ec] = std::from_chars(entry.value.data(), end, value);
    if (ec != std::errc() || ptr != end || entry.value.empty() || !std::isfinite(value)) {
      return Invalid(entry, "a decimal number such as 0.05");
    }
    return value;
  }

  Result<std::set<std::string>> List(const IniEntry& entry) const {
    std::set<std::string> items;
    std::string_view rest = entry.value;
    while (true) {
      size_t bar = rest.find('|');
      std::string_view item = rest.substr(0, bar);
      if (item.empty()) return Invalid(entry, "a pipe-separated list such as open|selective");
      items.emplace(item);
      if (bar == std::string_view::npos) break;
      rest = rest.substr(bar + 1);
    }
    return items;
  }

 private:
  std::string Field(const IniEntry& entry) const {
    return section_.name.empty() ? entry.key : fmt::format("{}.{}", section_.name, entry.key);
  }

  std::string InSection() const {
    return section_.name.empty() ? std::string(" before the first section")
                                 : fmt::format(" in section [{}]", section_.name);
  }

  std::string_view source_;
  const IniSection& section_;
};

// Assigns the value of `result` to `target`, or returns its error.
template <class T, class U>
std::optional<Error> Assign(Result<T> result, U& target) {
  if (!result) return result.error();
  target = *std::move(result);
  return std::nullopt;
}

std::optional<Error> ReadGlobal(const SectionReader& reader, const IniEntry& entry,
                                IndicatorSettings& settings) {
  if (entry.key == "currency") {
    if (entry.value.empty()) return reader.Invalid(entry, "a currency code such as CNY");
    settings.currency = entry.value;
    return std::nullopt;
  }
  if (entry.key == "no_price_comparison_procurement_methods") {
    return Assign(reader.List(entry), settings.no_price_comparison_procurement_methods);
  }
  if (entry.key == "price_comparison_procurement_methods") {
    return Assign(reader.List(entry), settings.price_comparison_procurement_methods);
  }
  return reader.Unknown(entry);
}

std::optional<Error> ReadExclusions(const SectionReader& reader, const IniEntry& entry,
                                    IndicatorSettings& settings) {
  if (entry.key == "procurement_method_details") {
    return Assign(reader.List(entry), settings.excluded_procurement_method_details);
  }
  return reader.Unknown(entry);
}

constexpr int64_t kMaxCount = int64_t{1} << 40;

std::optional<Error> ReadR003(const SectionReader& reader, const IniEntry& entry,
                              R003Settings& r003) {
  if (entry.key == "threshold") return Assign(reader.Integer(entry, 0, kMaxCount), r003.threshold);
  if (entry.key == "procurement_methods") {
    return Assign(reader.List(entry), r003.procurement_methods);
  }
  return reader.Unknown(entry);
}

std::optional<Error> ReadR003Details(const SectionReader& reader, const IniEntry& entry,
                                     R003Settings& r003) {
  return Assign(reader.Integer(entry, 0, kMaxCount),
                r003.procurement_method_details_thresholds[entry.key]);
}

std::optional<Error> ReadR018(const SectionReader& reader, const IniEntry& entry,
                              R018Settings& r018) {
  if (entry.key == "procurement_methods") {
    return Assign(reader.List(entry), r018.procurement_methods);
  }
  return reader.Unknown(entry);
}

std::optional<Error> ReadBidDifference(const SectionReader& reader, const IniEntry& entry,
                                       BidDifferenceSettings& settings) {
  if (entry.key == "threshold") return Assign(reader.Decimal(entry), settings.threshold);
  return reader.Unknown(entry);
}

std::optional<Error> ReadR025(const SectionReader& reader, const IniEntry& entry,
                              R025Settings& r025) {
  if (entry.key == "percentile") return Assign(reader.Integer(entry, 0, 100), r025.percentile);
  if (entry.key == "threshold") return Assign(reader.Decimal(entry), r025.threshold);
  return reader.Unknown(entry);
}

std::optional<Error> ReadR035(const SectionReader& reader, const IniEntry& entry,
                              R035Settings& r035) {
  if (entry.key == "threshold") return Assign(reader.Integer(entry, 0, kMaxCount), r035.threshold);
  return reader.Unknown(entry);
}

std::optional<Error> ReadR038(const SectionReader& reader, const IniEntry& entry,
                              R038Settings& r038) {
  if (entry.key == "threshold") return Assign(reader.Decimal(entry), r038.threshold);
  if (entry.key == "minimum_submitted_bids") {
    return Assign(reader.Integer(entry, 0, kMaxCount), r038.minimum_submitted_bids);
  }
  if (entry.key == "minimum_contracting_processes") {
    return Assign(reader.Integer(entry, 0, kMaxCount), r038.minimum_contracting_processes);
  }
  return reader.Unknown(entry);
}

std::optional<Error> ReadR048(const SectionReader& reader, const IniEntry& entry,
                              R048Settings& r048) {
  if (entry.key == "threshold") return Assign(reader.Integer(entry, 0, kMaxCount), r048.threshold);
  if (entry.key == "digits") return Assign(reader.Integer(entry, 1, 64), r048.digits);
  if (entry.key == "minimum_contracting_processes") {
    return Assign(reader.Integer(entry, 0, kMaxCount), r048.minimum_contracting_processes);
  }
  return reader.Unknown(entry);
}

std::optional<Error> ReadNothing(const SectionReader& reader, const IniEntry& entry,
                                 EmptySettings&) {
  return reader.Unknown(entry);
}

// Enables the indicator whose settings are `slot` and reads every entry of `section` into it.
template <class T, class ReadEntry>
std::optional<Error> ReadSection(const SectionReader& reader, const IniSection& section,
                                 std::optional<T>& slot, ReadEntry read_entry) {
  if (!slot) slot.emplace();
  for (const IniEntry& entry : section.entries) {
    if (auto error = read_entry(reader, entry, *slot)) return error;
  }
  return std::nullopt;
}

std::optional<Error> ReadAnySection(std::string_view source, const IniSection& section,
                                    IndicatorSettings& settings) {
  SectionReader reader(source, section);
  const std::string& name = section.name;

  if (name.empty() || name == "exclusions") {
    for (const IniEntry& entry : section.entries) {
      auto error = name.empty() ? ReadGlobal(reader, entry, settings)
                                : ReadExclusions(reader, entry, settings);
      if (error) return error;
    }
    return std::nullopt;
  }
  if (name == "R003") return ReadSection(reader, section, settings.r003, ReadR003);
  if (name == "R003.procurement_method_details") {
    return ReadSection(reader, section, settings.r003, ReadR003Details);
  }
  if (name == "R018") return ReadSection(reader, section, settings.r018, ReadR018);
  if (name == "R024") return ReadSection(reader, section, settings.r024, ReadBidDifference);
  if (name == "R025") return ReadSection(reader, section, settings.r025, ReadR025);
  if (name == "R028") return ReadSection(reader, section, settings.r028, ReadNothing);
  if (name == "R030") return ReadSection(reader, section, settings.r030, ReadNothing);
  if (name == "R035") return ReadSection(reader, section, settings.r035, ReadR035);
  if (name == "R036") return ReadSection(reader, section, settings.r036, ReadNothing);
  if (name == "R038") return ReadSection(reader, section, settings.r038, ReadR038);
  if (name == "R048") return ReadSection(reader, section, settings.r048, ReadR048);
  if (name == "R058") return ReadSection(reader, section, settings.r058, ReadBidDifference);

  return Error::InvalidField(
      name, fmt::format("{}:{}: unknown section [{}]; the indicators are R003, R018, R024, R025, "
                        "R028, R030, R035, R036, R038, R048 and R058",
                        source, section.line, name));
}

}  // namespace

IndicatorSettings DefaultIndicatorSettings() {
  IndicatorSettings settings;
  settings.r003.emplace();
  settings.r018.emplace();
  settings.r024.emplace();
  settings.r025.emplace();
  settings.r028.emplace();
  settings.r030.emplace();
  settings.r035.emplace();
  settings.r036.emplace();
  settings.r038.emplace();
  settings.r048.emplace();
  settings.r058.emplace();
  return settings;
}

Result<IndicatorSettings> ParseIndicatorSettings(std::string_view ini_text,
                                                 std::string_view source) {
  auto document = ParseIni(ini_text, source);
  if (!document) return document.error();

  IndicatorSettings settings;
  for (const IniSection& section : document->sections) {
    if (auto error = ReadAnySection(source, section, settings)) return *error;
  }
  return settings;
}

Result<IndicatorSettings> LoadIndicatorSettings(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error::NotFound(fmt::format("cannot open settings file '{}'", path));
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) {
    return Error::Internal(fmt::format("failed to read settings file '{}'", path));
  }
  return ParseIndicatorSettings(text.str(), path);
}

}  // namespace mingjing::procurement
