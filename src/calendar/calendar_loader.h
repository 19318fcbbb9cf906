// Reads yearly holiday schedules from JSON in the holiday-cn format:
// {"year": 2026, "papers": ["https://www.gov.cn/..."], "days": [{"name": "春节",
//  "date": "2026-02-15", "isOffDay": true}, ...]}. Days not listed follow the Monday–Friday week.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <string_view>

#include "calendar/holiday_schedule.h"
#include "common/error.h"

namespace mingjing::calendar {

// Converts a parsed document. `source` names the file or request in error messages, and each
// error's field is the JSON path of the bad value, e.g. "days[3].isOffDay".
Result<YearSchedule> YearScheduleFromJson(const boost::json::value& document, std::string source);

// Parses JSON text; see YearScheduleFromJson.
Result<YearSchedule> ParseYearSchedule(std::string_view json_text, std::string source);

// The same format, for export and for administrators' round trips.
boost::json::value YearScheduleToJson(const YearSchedule& schedule);

// Reads one file. Its name is the error source.
Result<YearSchedule> LoadYearScheduleFile(const std::filesystem::path& file);

// Reads every file named YYYY.json in `folder` (other files such as schema.json are ignored).
// The year in the name must match the "year" field. A file whose "days" list is empty is an
// upstream placeholder for a year not yet announced, so it is skipped and the year stays
// unpublished. Fails on the first bad file.
Result<HolidaySchedules> LoadScheduleFolder(const std::filesystem::path& folder);

}  // namespace mingjing::calendar
