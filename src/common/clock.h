// Injected time, so that deadline and session tests run on fixed dates.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace mingjing {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;

  // Seconds since the Unix epoch, UTC.
  int64_t NowSeconds() const;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when a test moves it. Safe to read from several threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override;
  void Advance(std::chrono::system_clock::duration d) { now_ += d.count(); }
  void Set(TimePoint t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<std::chrono::system_clock::rep> now_;
};

// Formats a time as RFC 3339 UTC with seconds, e.g. "2026-02-13T09:00:00Z".
std::string FormatRfc3339(TimePoint t);

}  // namespace mingjing
