#include "procurement/release_merger.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <limits>
#include <optional>
#include <string>

#include "procurement/ocds_date.h"

namespace mingjing::procurement {
namespace {

void MergeObject(boost::json::object& target, const boost::json::object& source);

// The `id` of an array item as text, so that 1 and "1" match, as in the OCDS merge routine.
std::optional<std::string> ItemId(const boost::json::value& item) {
  const boost::json::object* object = item.if_object();
  if (!object) return std::nullopt;
  auto it = object->find("id");
  if (it == object->end()) return std::nullopt;
  if (it->value().is_string()) return std::string(it->value().get_string());
  if (it->value().is_int64()) return std::to_string(it->value().get_int64());
  if (it->value().is_uint64()) return std::to_string(it->value().get_uint64());
  return std::nullopt;
}

bool IsIdentifiedArray(const boost::json::array& array) {
  return !array.empty() && std::all_of(array.begin(), array.end(),
                                       [](const auto& item) { return ItemId(item).has_value(); });
}

// Copies `source` without its null fields, as merging it into an empty object would.
boost::json::value CopyWithoutNulls(const boost::json::value& source) {
  if (const boost::json::object* object = source.if_object()) {
    boost::json::object copy;
    MergeObject(copy, *object);
    return copy;
  }
  return source;
}

void MergeIdentifiedArray(boost::json::value& target, const boost::json::array& source) {
  if (!target.is_array()) target = boost::json::array();
  boost::json::array& items = target.get_array();
  for (const boost::json::value& source_item : source) {
    std::optional<std::string> id = ItemId(source_item);
    auto match = std::find_if(items.begin(), items.end(),
                              [&](const boost::json::value& item) { return ItemId(item) == id; });
    if (match != items.end() && match->is_object()) {
      MergeObject(match->get_object(), source_item.get_object());
    } else {
      items.push_back(CopyWithoutNulls(source_item));
    }
  }
}

void MergeField(boost::json::object& target, std::string_view key,
                const boost::json::value& source) {
  if (source.is_null()) {
    target.erase(key);
    return;
  }
  if (const boost::json::object* object = source.if_object()) {
    boost::json::value& slot = target[key];
    if (!slot.is_object()) slot = boost::json::object();
    MergeObject(slot.get_object(), *object);
    return;
  }
  if (const boost::json::array* array = source.if_array(); array && IsIdentifiedArray(*array)) {
    MergeIdentifiedArray(target[key], *array);
    return;
  }
  target[key] = source;
}

void MergeObject(boost::json::object& target, const boost::json::object& source) {
  for (const auto& field : source) MergeField(target, field.key(), field.value());
}

// Sort key of a release: its date, with a missing or invalid date first.
OcdsTimestamp ReleaseTime(const boost::json::object& release) {
  auto it = release.find("date");
  if (it != release.end() && it->value().is_string()) {
    if (auto time = ParseOcdsDate(it->value().get_string())) return *time;
  }
  return std::numeric_limits<OcdsTimestamp>::min();
}

}  // namespace

boost::json::object MergeReleases(const std::vector<const boost::json::object*>& releases) {
  std::vector<std::pair<OcdsTimestamp, const boost::json::object*>> ordered;
  ordered.reserve(releases.size());
  for (const boost::json::object* release : releases) {
    ordered.emplace_back(ReleaseTime(*release), release);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  boost::json::object compiled;
  for (const auto& [time, release] : ordered) {
    for (const auto& field : *release) {
      // A release's own identifier and tag describe that release, not the process.
      if (field.key() == "id" || field.key() == "tag") continue;
      MergeField(compiled, field.key(), field.value());
    }
  }

  std::string id;
  if (auto it = compiled.find("ocid"); it != compiled.end() && it->value().is_string()) {
    id = it->value().get_string();
  }
  if (auto it = compiled.find("date"); it != compiled.end() && it->value().is_string()) {
    id += "-";
    id += it->value().get_string();
  }
  compiled["id"] = id;
  compiled["tag"] = boost::json::array{"compiled"};
  return compiled;
}

}  // namespace mingjing::procurement
