#include "exchange/batch_body.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace mingjing::exchange {
namespace {

std::string_view TrimLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

}  // namespace

std::vector<BatchLine> ParseNdjson(std::string_view text, size_t first_line) {
  std::vector<BatchLine> out;
  size_t line_number = first_line;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = TrimLine(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty()) {
      BatchLine parsed{line_number, nullptr, ""};
      boost::system::error_code ec;
      parsed.value = boost::json::parse(line, ec);
      if (ec) {
        parsed.value = nullptr;
        parsed.parse_error = fmt::format("is not valid JSON: {}", ec.message());
      }
      out.push_back(std::move(parsed));
    }
    ++line_number;
  }
  return out;
}

Result<std::vector<boost::json::value>> ParseJsonBatch(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) {
    return Error{ErrorCode::kMalformed,
                 fmt::format("the body is not valid JSON: {}; send an event object, an array of "
                             "events, or NDJSON with Content-Type application/x-ndjson",
                             ec.message()),
                 ""};
  }
  if (value.is_object()) return std::vector<boost::json::value>{std::move(value)};
  if (value.is_array()) {
    auto& array = value.get_array();
    return std::vector<boost::json::value>(array.begin(), array.end());
  }
  return Error{ErrorCode::kMalformed, "the body must be an event object or an array of events", ""};
}

}  // namespace mingjing::exchange
