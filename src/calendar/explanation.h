// A structured account of how a deadline was derived, for the API to show to officials.
#pragma once

#include <boost/json/object.hpp>

#include "calendar/deadline.h"
#include "calendar/working_calendar.h"

namespace mingjing::calendar {

// Builds {"state", "limit", "deadline", "deadline_local", "steps": [...]} for a deadline that
// `calendar` computed from `request`. Each step is an object whose "step" member is one of:
//   start                      the event: instant, local time, day and its kind
//   rolled_to_opening          the event moved to the next opening (DeadlineOptions)
//   counting_begins            when the limit starts to run, with the legal basis
//   limit                      unit, amount, the nominal last day and the budget in seconds
//   holidays_skipped           listed days off in the counted span, with their names, and the
//                              number of ordinary rest days (limits on working time)
//   holidays_in_period         the same for limits on the calendar, which count those days
//   adjusted_workdays_counted  weekend days worked by notice (limits on working time only)
//   extension                  one per standalone extension
//   suspension                 one per merged suspension: reasons, span, outcome, seconds
//                              excluded, extension days
//   holiday_shift              the last day moved off a day off (limits on the calendar)
//   deadline | suspended | no_deadline    the result
//   calendar_not_published     years counted as Monday–Friday weeks
// Instants are RFC 3339 UTC ("instant") with the local time beside them ("local").
boost::json::object ExplainDeadline(const WorkingCalendar& calendar, const DeadlineRequest& request,
                                    const Deadline& deadline);

}  // namespace mingjing::calendar
