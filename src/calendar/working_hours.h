// The office hours of a working day, in platform local time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace mingjing::calendar {

// One stretch of office hours, [begin, end) in minutes after local midnight.
struct WorkingPeriod {
  std::chrono::minutes begin;
  std::chrono::minutes end;
};

// The same hours apply to every working day, adjusted weekend workdays (调休) included.
// Invariant: at least one period; periods are sorted, non-empty, do not touch or overlap, and
// lie within 00:00–24:00.
class WorkingHours {
 public:
  // 09:00–12:00 and 13:30–17:30, seven hours a day, the usual hours of a government service hall.
  static WorkingHours Default();

  static Result<WorkingHours> Create(std::vector<WorkingPeriod> periods);

  // Parses "09:00-12:00,13:30-17:30". On failure the error names `field`.
  static Result<WorkingHours> Parse(std::string_view text, std::string_view field = "hours");

  const std::vector<WorkingPeriod>& periods() const { return periods_; }
  std::chrono::seconds DailyWorkingTime() const { return daily_; }
  std::chrono::seconds OpeningTime() const { return periods_.front().begin; }
  // Close of business: the end of the last period.
  std::chrono::seconds ClosingTime() const { return periods_.back().end; }

  bool IsOpenAt(std::chrono::seconds time_of_day) const;

  // Working time of one working day that lies before `time_of_day`, from 0 to DailyWorkingTime().
  std::chrono::seconds WorkedBefore(std::chrono::seconds time_of_day) const;

  // The earliest time of day by which `worked` of the day's working time has passed. `worked`
  // must be in (0, DailyWorkingTime()]; the result then lies inside a period or at its end.
  std::chrono::seconds TimeWhenWorked(std::chrono::seconds worked) const;

  // The start of the first period that begins at or after `time_of_day`; empty after the last
  // period has begun. Used to roll an instant outside office hours forward.
  std::optional<std::chrono::seconds> NextOpening(std::chrono::seconds time_of_day) const;

  // "09:00-12:00,13:30-17:30".
  std::string ToString() const;

 private:
  explicit WorkingHours(std::vector<WorkingPeriod> periods);

  std::vector<WorkingPeriod> periods_;
  std::chrono::seconds daily_{0};
};

}  // namespace mingjing::calendar
