#include "common/clock.h"

#include <fmt/chrono.h>

#include <string>

namespace mingjing {

int64_t Clock::NowSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
}

TimePoint ManualClock::Now() const {
  return TimePoint(std::chrono::system_clock::duration(now_.load()));
}

std::string FormatRfc3339(TimePoint t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

}  // namespace mingjing
