// JSON shapes of cases, their event timelines and their tamper alarms, shared by the case routes
// and the alert detail.
#pragma once

#include <boost/json.hpp>
#include <cstdint>

#include "exchange/case_query.h"

namespace mingjing::api {

// RFC 3339 UTC text of Unix seconds, or null for 0 ("not yet").
boost::json::value UtcTimeOrNull(int64_t seconds);

boost::json::object CaseJson(const exchange::Case& c);

// One event with every version received; each payload is parsed back into JSON.
boost::json::object TimelineEventJson(const exchange::TimelineEvent& e);

boost::json::object TamperAlarmJson(const exchange::TamperAlarm& a);

}  // namespace mingjing::api
