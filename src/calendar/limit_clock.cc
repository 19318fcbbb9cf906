#include "calendar/limit_clock.h"

namespace mingjing::calendar {

using std::chrono::seconds;

Result<seconds> LimitClock::Position(TimePoint t) const {
  if (limit_.CountsWorkingTime()) return calendar_.WorkingPosition(t);
  return std::chrono::floor<seconds>(t.time_since_epoch());
}

Result<TimePoint> LimitClock::InstantAt(seconds position) const {
  if (limit_.CountsWorkingTime()) return calendar_.InstantAtPosition(position);
  return TimePoint(position);
}

seconds LimitClock::ExtensionDay() const {
  if (limit_.CountsWorkingTime()) return calendar_.hours().DailyWorkingTime();
  return std::chrono::days(1);
}

Result<LimitClock::End> LimitClock::EndAt(seconds position) const {
  auto reached = InstantAt(position);
  if (!reached) return reached.error();
  if (!limit_.EndsAtCloseOfBusiness()) {
    LocalDate day = ToLocal(*reached).date;
    return End{*reached, day, day};
  }

  // The instant just before the position is reached lies on the day that completes the limit;
  // taking it avoids reading 24:00 as the next day.
  LocalDate reached_day = ToLocal(*reached - seconds(1)).date;
  if (!calendar_.Contains(reached_day))
    return calendar_.CheckContains(*reached - seconds(1), "deadline").error();
  auto last_day = calendar_.NextWorkingDay(reached_day);
  if (!last_day) return last_day.error();
  return End{calendar_.CloseOfBusiness(*last_day), *last_day, reached_day};
}

}  // namespace mingjing::calendar
