// Reading typed fields out of a JSON request body, with errors that name the field.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace mingjing::api {

// The string at `key`; kInvalidField when missing, not a string, or longer than `max_bytes`.
Result<std::string> RequiredString(const boost::json::object& body, std::string_view key,
                                   size_t max_bytes = 1024);

// The string at `key`, or "" when absent or null.
Result<std::string> OptionalString(const boost::json::object& body, std::string_view key,
                                   size_t max_bytes = 1024);

// The whole number at `key`, or `fallback` when absent or null.
Result<int64_t> OptionalInt(const boost::json::object& body, std::string_view key,
                            int64_t fallback = 0);

// The array of strings at `key`, or {} when absent.
Result<std::vector<std::string>> OptionalStringArray(const boost::json::object& body,
                                                     std::string_view key, size_t max_items = 100);

}  // namespace mingjing::api
