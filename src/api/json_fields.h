// Reading typed fields out of a JSON request body and out of query parameters, with errors that
// name the field.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "http/request.h"

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

// The whole number in query parameter `name`, or `fallback` when it is absent or empty. Returns
// kInvalidField when it is not a number from `min` to `max`.
Result<int64_t> QueryInt(const http::Request& request, std::string_view name, int64_t fallback,
                         int64_t min, int64_t max);

}  // namespace mingjing::api
