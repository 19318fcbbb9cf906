// The State Council's yearly holiday schedules: statutory holidays and adjusted workdays.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/local_time.h"
#include "common/error.h"

namespace mingjing::calendar {

// Years a schedule may be entered for. The working calendar's table of days is sized from them.
inline constexpr int kFirstScheduleYear = 2000;
inline constexpr int kLastScheduleYear = 2199;

// One day that a yearly notice takes out of the Monday–Friday week.
struct DayOverride {
  LocalDate date;
  std::string name;  // the holiday the day belongs to, e.g. "春节"
  // true: a day off (a statutory holiday or a rest day moved into the holiday).
  // false: a working day, usually a weekend day worked in exchange (调休上班).
  bool is_off_day = true;
};

// The days one notice lists for `year`. A notice may also list days at the end of December of
// the year before, when a New Year holiday starts there (the 2019 notice lists 2018-12-29 to 31).
struct YearSchedule {
  int year = 0;
  std::vector<DayOverride> days;
  std::vector<std::string> papers;  // addresses of the State Council notices, when known
  std::string source;               // file or table the schedule came from, for messages
};

// The published yearly schedules, merged into one lookup by date. A year without a schedule
// is "not published": its days follow the Monday–Friday week.
class HolidaySchedules {
 public:
  // Adds the schedule for `schedule.year`, replacing any earlier one for that year. Rejects a
  // year outside kFirstScheduleYear to kLastScheduleYear. Also rejects a schedule with no days, a
  // duplicated date, a date outside December 1 of the year before through December 31, and a date
  // that another year's schedule lists with the other value of is_off_day. On error nothing
  // changes.
  Result<void> SetYear(YearSchedule schedule);

  // Removes a year's schedule; returns whether there was one.
  bool RemoveYear(int year);

  bool IsPublished(int year) const { return years_.count(year) > 0; }

  // Published years in ascending order.
  std::vector<int> PublishedYears() const;

  const YearSchedule* FindYear(int year) const;

  // The override for `date` from any year's schedule, or null.
  const DayOverride* Find(LocalDate date) const;

  // Every override in ascending date order.
  const std::map<LocalDate, DayOverride>& by_date() const { return by_date_; }

 private:
  // The entry for `date` in a schedule other than `year`'s, or null.
  const DayOverride* FindInOtherYears(LocalDate date, int year) const;
  void Reindex();

  std::map<int, YearSchedule> years_;
  std::map<LocalDate, DayOverride> by_date_;  // rebuilt from years_ after every change
};

}  // namespace mingjing::calendar
