#include "calendar/working_hours.h"

#include <fmt/format.h>

#include <algorithm>

namespace mingjing::calendar {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr minutes kDayLength{24 * 60};

std::string FormatClock(minutes m) {
  return fmt::format("{:02d}:{:02d}", m.count() / 60, m.count() % 60);
}

// Parses "HH:MM" (00:00 to 24:00) into minutes after midnight, or returns -1.
int ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  int hour = (text[0] - '0') * 10 + (text[1] - '0');
  int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute >= 60 || hour * 60 + minute > kDayLength.count()) return -1;
  return hour * 60 + minute;
}

}  // namespace

WorkingHours::WorkingHours(std::vector<WorkingPeriod> periods) : periods_(std::move(periods)) {
  for (const WorkingPeriod& period : periods_) daily_ += period.end - period.begin;
}

WorkingHours WorkingHours::Default() {
  return WorkingHours(
      {{minutes(9 * 60), minutes(12 * 60)}, {minutes(13 * 60 + 30), minutes(17 * 60 + 30)}});
}

Result<WorkingHours> WorkingHours::Create(std::vector<WorkingPeriod> periods) {
  if (periods.empty()) {
    return Error::InvalidField("hours", "working hours need at least one period");
  }
  minutes previous_end{-1};
  for (size_t i = 0; i < periods.size(); ++i) {
    const WorkingPeriod& period = periods[i];
    std::string field = fmt::format("hours[{}]", i);
    if (period.begin < minutes(0) || period.end > kDayLength || period.begin >= period.end) {
      return Error::InvalidField(field,
                                 fmt::format("period {}-{} must start before it ends, within "
                                             "00:00-24:00",
                                             FormatClock(period.begin), FormatClock(period.end)));
    }
    // Touching periods would make one period's end and the next one's start the same instant,
    // so they must be written as one period.
    if (period.begin <= previous_end) {
      return Error::InvalidField(field, fmt::format("period starting {} must start after the "
                                                    "previous period ends; list periods in order "
                                                    "and merge touching ones",
                                                    FormatClock(period.begin)));
    }
    previous_end = period.end;
  }
  return WorkingHours(std::move(periods));
}

Result<WorkingHours> WorkingHours::Parse(std::string_view text, std::string_view field) {
  std::vector<WorkingPeriod> periods;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = std::min(text.find(',', pos), text.size());
    std::string_view item = text.substr(pos, comma - pos);
    size_t dash = item.find('-');
    int begin = dash == std::string_view::npos ? -1 : ParseClock(item.substr(0, dash));
    int end = dash == std::string_view::npos ? -1 : ParseClock(item.substr(dash + 1));
    if (begin < 0 || end < 0) {
      return Error::InvalidField(std::string(field),
                                 fmt::format("expected periods like \"09:00-12:00,13:30-17:30\", "
                                             "found \"{}\"",
                                             text));
    }
    periods.push_back({minutes(begin), minutes(end)});
    pos = comma + 1;
  }

  auto hours = Create(std::move(periods));
  if (!hours) {
    Error error = hours.error();
    error.field = std::string(field);
    return error;
  }
  return hours;
}

bool WorkingHours::IsOpenAt(seconds time_of_day) const {
  return std::any_of(periods_.begin(), periods_.end(), [&](const WorkingPeriod& period) {
    return period.begin <= time_of_day && time_of_day < period.end;
  });
}

seconds WorkingHours::WorkedBefore(seconds time_of_day) const {
  seconds worked{0};
  for (const WorkingPeriod& period : periods_) {
    if (time_of_day <= period.begin) break;
    worked += std::min<seconds>(time_of_day, period.end) - period.begin;
  }
  return worked;
}

seconds WorkingHours::TimeWhenWorked(seconds worked) const {
  for (const WorkingPeriod& period : periods_) {
    seconds length = period.end - period.begin;
    if (worked <= length) return period.begin + worked;
    worked -= length;
  }
  return ClosingTime();
}

std::optional<seconds> WorkingHours::NextOpening(seconds time_of_day) const {
  for (const WorkingPeriod& period : periods_) {
    if (time_of_day <= period.begin) return seconds(period.begin);
  }
  return std::nullopt;
}

std::string WorkingHours::ToString() const {
  std::string text;
  for (const WorkingPeriod& period : periods_) {
    if (!text.empty()) text += ',';
    text += FormatClock(period.begin) + "-" + FormatClock(period.end);
  }
  return text;
}

}  // namespace mingjing::calendar
