#include "calendar/explanation.h"

#include <fmt/format.h>

namespace mingjing::calendar {

namespace {

namespace json = boost::json;
using std::chrono::days;

json::object InstantStep(std::string_view name, TimePoint t) {
  return json::object{{"step", name}, {"instant", FormatRfc3339(t)}, {"local", FormatLocal(t)}};
}

json::object DayJson(LocalDate date, std::string_view name) {
  return json::object{{"date", FormatDate(date)}, {"name", name}};
}

std::string_view NameOf(const WorkingCalendar& calendar, LocalDate date) {
  const DayOverride* listed = calendar.schedules().Find(date);
  return listed == nullptr ? std::string_view() : std::string_view(listed->name);
}

// Adds the holiday steps for `first` to `last`. It reads the schedules' date index, so the cost
// grows with the number of listed days in the span, not with its length.
void AddCalendarSteps(const WorkingCalendar& calendar, bool counts_working_time, LocalDate first,
                      LocalDate last, json::array& steps) {
  if (first > last) return;
  json::array holidays;
  json::array adjusted;
  const auto& by_date = calendar.schedules().by_date();
  for (auto it = by_date.lower_bound(first); it != by_date.end() && it->first <= last; ++it) {
    DayKind kind = calendar.KindOf(it->first);
    if (kind == DayKind::kHoliday) holidays.push_back(DayJson(it->first, it->second.name));
    if (kind == DayKind::kAdjustedWorkday) adjusted.push_back(DayJson(it->first, it->second.name));
  }

  int64_t span = (last - first).count() + 1;
  int64_t working = calendar.WorkingDaysBetween(first - days(1), last);
  int64_t rest_days = span - working - int64_t(holidays.size());
  // Working time skips days off. A limit on the calendar runs through them, and only a last day
  // that falls on one moves (the holiday_shift step).
  steps.push_back(
      json::object{{"step", counts_working_time ? "holidays_skipped" : "holidays_in_period"},
                   {"from", FormatDate(first)},
                   {"through", FormatDate(last)},
                   {"days", std::move(holidays)},
                   {"rest_days", rest_days},
                   {"working_days", working}});
  if (counts_working_time) {
    steps.push_back(
        json::object{{"step", "adjusted_workdays_counted"}, {"days", std::move(adjusted)}});
  }
}

json::object SuspensionStep(const DeadlineRequest& request, const SuspensionEffect& effect) {
  json::array reasons;
  json::array notes;
  bool outside_step_only = true;
  for (size_t index : effect.interval.sources) {
    const Suspension& source = request.suspensions[index];
    reasons.push_back(json::string(SuspensionReasonName(source.reason)));
    if (!source.note.empty()) notes.push_back(json::string(source.note));
    if (source.reason != SuspensionReason::kOutsideStep) outside_step_only = false;
  }
  json::object step{{"step", "suspension"},
                    {"reasons", std::move(reasons)},
                    {"notes", std::move(notes)},
                    {"from", FormatRfc3339(effect.interval.start)},
                    {"to", nullptr},
                    {"outcome", SuspensionOutcomeName(effect.outcome)},
                    {"excluded_seconds", effect.excluded.count()},
                    {"extension_days", effect.interval.extension_days}};
  if (effect.interval.end) step["to"] = FormatRfc3339(*effect.interval.end);
  if (effect.outcome == SuspensionOutcome::kAfterDeadline) {
    step["basis"] =
        "began after the deadline had passed, so it neither stops nor extends the limit";
  } else if (outside_step_only) {
    step["basis"] =
        "the case was in other steps between two runs of this step, and a step's limit "
        "counts only the time spent in the step";
  } else {
    step["basis"] =
        "Administrative Licensing Law art. 45: time needed for special procedures is "
        "not counted in the limit";
  }
  return step;
}

json::object CountingStep(const Deadline& deadline) {
  json::object step = InstantStep("counting_begins", deadline.counting_start);
  if (deadline.limit.unit == LimitUnit::kWorkingHours) {
    step["basis"] =
        "Civil Code art. 201: a period in hours starts at the stated time, here the "
        "event";
  } else {
    step["day"] = FormatDate(deadline.start_day + days(1));
    step["basis"] =
        "Civil Code art. 201: the day of the event is not counted; counting starts "
        "the next day";
  }
  return step;
}

json::object LimitStep(const Deadline& deadline) {
  json::object step{{"step", "limit"},
                    {"unit", LimitUnitName(deadline.limit.unit)},
                    {"amount", deadline.limit.amount},
                    {"clock", deadline.limit.CountsWorkingTime() ? "working_time" : "clock_time"},
                    {"budget_seconds", deadline.budget.count()}};
  if (deadline.nominal_last_day) step["nominal_last_day"] = FormatDate(*deadline.nominal_last_day);
  switch (deadline.limit.unit) {
    case LimitUnit::kWorkingDays:
      step["basis"] =
          "Administrative Licensing Law art. 82: limits are counted in working days, "
          "without statutory holidays";
      break;
    case LimitUnit::kCalendarDays:
      step["basis"] =
          "Civil Code art. 200 and 201: counted in calendar days from the day after "
          "the event";
      break;
    case LimitUnit::kMonths:
    case LimitUnit::kYears:
      step["basis"] =
          "Civil Code art. 202: the corresponding day of the last month, or its last "
          "day when it has none";
      break;
    default:
      break;
  }
  return step;
}

json::object ResultStep(const WorkingCalendar& calendar, const Deadline& deadline) {
  if (deadline.state == DeadlineState::kSuspended) {
    json::object step = InstantStep("suspended", *deadline.suspended_since);
    step["used_seconds"] = deadline.used_when_suspended.count();
    step["allowed_seconds"] = deadline.allowed.count();
    return step;
  }
  json::object step = InstantStep("deadline", *deadline.deadline);
  step["day"] = FormatDate(*deadline.last_day);
  if (deadline.limit.EndsAtCloseOfBusiness()) {
    step["basis"] =
        "Civil Code art. 203: where there are business hours, the last day ends when "
        "business stops";
  }
  return step;
}

}  // namespace

json::object ExplainDeadline(const WorkingCalendar& calendar, const DeadlineRequest& request,
                             const Deadline& deadline) {
  json::object explanation{{"state", DeadlineStateName(deadline.state)},
                           {"limit", json::object{{"unit", LimitUnitName(deadline.limit.unit)},
                                                  {"amount", deadline.limit.amount}}},
                           {"deadline", nullptr},
                           {"deadline_local", nullptr}};
  if (deadline.deadline) {
    explanation["deadline"] = FormatRfc3339(*deadline.deadline);
    explanation["deadline_local"] = FormatLocal(*deadline.deadline);
  }

  json::array steps;
  json::object start = InstantStep("start", deadline.start);
  LocalDate event_day = ToLocal(deadline.start).date;
  start["day"] = FormatDate(event_day);
  start["day_kind"] = DayKindName(calendar.KindOf(event_day));
  start["day_name"] = NameOf(calendar, event_day);
  steps.push_back(std::move(start));

  if (deadline.state == DeadlineState::kNoDeadline) {
    steps.push_back(json::object{{"step", "no_deadline"},
                                 {"basis",
                                  "an immediate item (即办件) is "
                                  "handled on the spot"}});
    explanation["steps"] = std::move(steps);
    return explanation;
  }

  if (deadline.effective_start != deadline.start) {
    steps.push_back(InstantStep("rolled_to_opening", deadline.effective_start));
  }
  steps.push_back(CountingStep(deadline));
  steps.push_back(LimitStep(deadline));

  LocalDate counted_from = ToLocal(deadline.counting_start).date;
  LocalDate counted_through = deadline.state == DeadlineState::kRunning
                                  ? *deadline.last_day
                                  : ToLocal(*deadline.suspended_since).date;
  AddCalendarSteps(calendar, deadline.limit.CountsWorkingTime(), counted_from, counted_through,
                   steps);

  for (const Extension& extension : request.extensions) {
    steps.push_back(json::object{
        {"step", "extension"}, {"days", extension.days}, {"reason", extension.reason}});
  }
  for (const SuspensionEffect& effect : deadline.suspensions) {
    steps.push_back(SuspensionStep(request, effect));
  }

  if (deadline.reached_day && *deadline.reached_day != *deadline.last_day) {
    steps.push_back(json::object{{"step", "holiday_shift"},
                                 {"from", FormatDate(*deadline.reached_day)},
                                 {"from_kind", DayKindName(calendar.KindOf(*deadline.reached_day))},
                                 {"from_name", NameOf(calendar, *deadline.reached_day)},
                                 {"to", FormatDate(*deadline.last_day)},
                                 {"basis",
                                  "Civil Code art. 203: a period whose last day is a "
                                  "holiday ends on the day after the holiday"}});
  }
  steps.push_back(ResultStep(calendar, deadline));

  if (!deadline.unpublished_years.empty()) {
    json::array years(deadline.unpublished_years.begin(), deadline.unpublished_years.end());
    std::string message = "calendar not published for year";
    for (int year : deadline.unpublished_years) message += fmt::format(" {}", year);
    message += "; its days were counted as Monday-Friday weeks, so the deadline may change";
    steps.push_back(json::object{{"step", "calendar_not_published"},
                                 {"years", std::move(years)},
                                 {"message", std::move(message)}});
  }
  explanation["steps"] = std::move(steps);
  return explanation;
}

}  // namespace mingjing::calendar
