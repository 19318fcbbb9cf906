#include "calendar/holiday_schedule.h"

#include <fmt/format.h>

#include <set>

namespace mingjing::calendar {

namespace {

using std::chrono::December;
using std::chrono::year;

// Names the schedule in error messages: its file or table, else its year.
std::string SourceName(const YearSchedule& schedule) {
  return schedule.source.empty() ? fmt::format("schedule {}", schedule.year) : schedule.source;
}

}  // namespace

Result<void> HolidaySchedules::SetYear(YearSchedule schedule) {
  if (schedule.year < kFirstScheduleYear || schedule.year > kLastScheduleYear) {
    return Error::InvalidField(
        "year", fmt::format("{}: year {} is outside {} to {}", SourceName(schedule), schedule.year,
                            kFirstScheduleYear, kLastScheduleYear));
  }
  if (schedule.days.empty()) {
    return Error::InvalidField("days", fmt::format("{}: a schedule needs at least one day; an "
                                                   "empty list means the year is not published",
                                                   SourceName(schedule)));
  }

  LocalDate first{year(schedule.year - 1) / December / 1};
  LocalDate last{year(schedule.year) / December / 31};
  std::set<LocalDate> seen;
  for (size_t i = 0; i < schedule.days.size(); ++i) {
    const DayOverride& day = schedule.days[i];
    std::string field = fmt::format("days[{}]", i);
    if (day.date < first || day.date > last) {
      return Error::InvalidField(
          field + ".date", fmt::format("{}: {} {} is outside {} to {}", SourceName(schedule), field,
                                       FormatDate(day.date), FormatDate(first), FormatDate(last)));
    }
    if (!seen.insert(day.date).second) {
      return Error::InvalidField(
          field + ".date",
          fmt::format("{}: {} lists {} twice", SourceName(schedule), field, FormatDate(day.date)));
    }
    if (day.name.empty()) {
      return Error::InvalidField(
          field + ".name", fmt::format("{}: {} ({}) has no holiday name", SourceName(schedule),
                                       field, FormatDate(day.date)));
    }
    const DayOverride* other = FindInOtherYears(day.date, schedule.year);
    if (other != nullptr && other->is_off_day != day.is_off_day) {
      return Error::Conflict(fmt::format("{}: {} {} is {} here but {} in another year's schedule",
                                         SourceName(schedule), field, FormatDate(day.date),
                                         day.is_off_day ? "a day off" : "a working day",
                                         other->is_off_day ? "a day off" : "a working day"));
    }
  }

  years_[schedule.year] = std::move(schedule);
  Reindex();
  return {};
}

bool HolidaySchedules::RemoveYear(int year) {
  bool removed = years_.erase(year) > 0;
  Reindex();
  return removed;
}

std::vector<int> HolidaySchedules::PublishedYears() const {
  std::vector<int> years;
  for (const auto& [year, schedule] : years_) years.push_back(year);
  return years;
}

const YearSchedule* HolidaySchedules::FindYear(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? nullptr : &it->second;
}

const DayOverride* HolidaySchedules::Find(LocalDate date) const {
  auto it = by_date_.find(date);
  return it == by_date_.end() ? nullptr : &it->second;
}

const DayOverride* HolidaySchedules::FindInOtherYears(LocalDate date, int year) const {
  for (const auto& [other_year, schedule] : years_) {
    if (other_year == year) continue;
    for (const DayOverride& day : schedule.days) {
      if (day.date == date) return &day;
    }
  }
  return nullptr;
}

void HolidaySchedules::Reindex() {
  by_date_.clear();
  // Later years are inserted last, so where two schedules agree on a date the later notice's
  // entry (and its holiday name) is the one kept.
  for (const auto& [year, schedule] : years_) {
    for (const DayOverride& day : schedule.days) by_date_[day.date] = day;
  }
}

}  // namespace mingjing::calendar
