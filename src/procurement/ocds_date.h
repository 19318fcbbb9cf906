// Dates in OCDS data: RFC 3339 date-times such as 2000-01-16T17:59:59Z or
// 2000-01-16T17:59:59.250+08:00.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mingjing::procurement {

// Microseconds since 1970-01-01T00:00:00Z, with the UTC offset applied.
using OcdsTimestamp = int64_t;

inline constexpr int64_t kMicrosecondsPerDay = int64_t{86'400} * 1'000'000;

// Parses an RFC 3339 date-time; returns nothing for any other text, including a date without a
// time or a time without an offset, because the offset is needed to order events.
std::optional<OcdsTimestamp> ParseOcdsDate(std::string_view text);

}  // namespace mingjing::procurement
