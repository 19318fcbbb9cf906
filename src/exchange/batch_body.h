// Splitting a request body or a file into events: a JSON object (one event), a JSON array, or
// NDJSON (one JSON object a line, blank lines ignored).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mingjing::exchange {

// One NDJSON line. `value` is null when the line is not valid JSON; `parse_error` says why.
struct BatchLine {
  size_t line_number = 0;  // 1-based
  boost::json::value value;
  std::string parse_error;
};

// Parses each non-blank line of `text` on its own, so one broken line spoils only itself.
// `first_line` numbers the first line of `text`, for callers that read a file in pieces.
std::vector<BatchLine> ParseNdjson(std::string_view text, size_t first_line = 1);

// Parses a JSON body: an object is a batch of one, an array a batch of its elements. Anything
// else, or invalid JSON, is kMalformed.
Result<std::vector<boost::json::value>> ParseJsonBatch(std::string_view text);

}  // namespace mingjing::exchange
