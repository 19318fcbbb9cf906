#include "api/json_fields.h"

#include <fmt/format.h>

#include <charconv>

namespace mingjing::api {

Result<std::string> RequiredString(const boost::json::object& body, std::string_view key,
                                   size_t max_bytes) {
  const boost::json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) {
    return Error::InvalidField(std::string(key), fmt::format("{} is required", key));
  }
  if (!v->is_string()) {
    return Error::InvalidField(std::string(key), fmt::format("{} must be a string", key));
  }
  if (v->as_string().size() > max_bytes) {
    return Error::InvalidField(std::string(key),
                               fmt::format("{} is longer than {} bytes", key, max_bytes));
  }
  return std::string(v->as_string());
}

Result<std::string> OptionalString(const boost::json::object& body, std::string_view key,
                                   size_t max_bytes) {
  const boost::json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  return RequiredString(body, key, max_bytes);
}

Result<int64_t> OptionalInt(const boost::json::object& body, std::string_view key,
                            int64_t fallback) {
  const boost::json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return fallback;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return static_cast<int64_t>(v->as_uint64());
  }
  return Error::InvalidField(std::string(key), fmt::format("{} must be a whole number", key));
}

Result<std::vector<std::string>> OptionalStringArray(const boost::json::object& body,
                                                     std::string_view key, size_t max_items) {
  std::vector<std::string> out;
  const boost::json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > max_items) {
    return Error::InvalidField(
        std::string(key), fmt::format("{} must be an array of at most {} strings", key, max_items));
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string() || item.as_string().size() > 256) {
      return Error::InvalidField(std::string(key),
                                 fmt::format("every entry of {} must be a string", key));
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

Result<int64_t> QueryInt(const http::Request& request, std::string_view name, int64_t fallback,
                         int64_t min, int64_t max) {
  auto text = request.Query(name);
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return Error::InvalidField(
        std::string(name), fmt::format("{} must be a whole number from {} to {}", name, min, max));
  }
  return value;
}

}  // namespace mingjing::api
