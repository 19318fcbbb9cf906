#include "calendar/calendar_loader.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <fstream>
#include <regex>
#include <sstream>

namespace mingjing::calendar {

namespace {

namespace json = boost::json;

Error FieldError(const std::string& source, const std::string& field, std::string_view problem) {
  return Error::InvalidField(field, fmt::format("{}: {}: {}", source, field, problem));
}

Result<DayOverride> DayFromJson(const json::value& value, const std::string& source,
                                const std::string& field) {
  const json::object* object = value.if_object();
  if (object == nullptr) return FieldError(source, field, "expected an object");

  const json::value* name = object->if_contains("name");
  const json::value* date = object->if_contains("date");
  const json::value* is_off_day = object->if_contains("isOffDay");
  if (name == nullptr || !name->is_string()) {
    return FieldError(source, field + ".name", "expected a string");
  }
  if (date == nullptr || !date->is_string()) {
    return FieldError(source, field + ".date", "expected a string YYYY-MM-DD");
  }
  if (is_off_day == nullptr || !is_off_day->is_bool()) {
    return FieldError(source, field + ".isOffDay", "expected true or false");
  }

  auto parsed_date = ParseDate(date->get_string(), field + ".date");
  if (!parsed_date) return FieldError(source, field + ".date", parsed_date.error().message);
  return DayOverride{*parsed_date, std::string(name->get_string()), is_off_day->get_bool()};
}

Result<int> YearFromJson(const json::object& document, const std::string& source) {
  const json::value* year = document.if_contains("year");
  if (year != nullptr && year->is_int64()) return int(year->get_int64());
  if (year != nullptr && year->is_uint64()) return int(year->get_uint64());
  if (year != nullptr && year->is_double() && year->get_double() == int(year->get_double())) {
    return int(year->get_double());
  }
  return FieldError(source, "year", "expected a whole number");
}

}  // namespace

Result<YearSchedule> YearScheduleFromJson(const json::value& document, std::string source) {
  const json::object* object = document.if_object();
  if (object == nullptr) return FieldError(source, "(document)", "expected a JSON object");

  YearSchedule schedule;
  auto year = YearFromJson(*object, source);
  if (!year) return year.error();
  schedule.year = *year;
  if (schedule.year < kFirstScheduleYear || schedule.year > kLastScheduleYear) {
    return FieldError(source, "year",
                      fmt::format("{} is outside {} to {}", schedule.year, kFirstScheduleYear,
                                  kLastScheduleYear));
  }

  // "papers" is required by the upstream schema but carries no rule, so it may be missing.
  if (const json::value* papers = object->if_contains("papers")) {
    if (!papers->is_array()) return FieldError(source, "papers", "expected an array of strings");
    for (size_t i = 0; i < papers->get_array().size(); ++i) {
      const json::value& paper = papers->get_array()[i];
      if (!paper.is_string()) {
        return FieldError(source, fmt::format("papers[{}]", i), "expected a string");
      }
      schedule.papers.emplace_back(paper.get_string());
    }
  }

  const json::value* days = object->if_contains("days");
  if (days == nullptr || !days->is_array()) {
    return FieldError(source, "days", "expected an array of days");
  }
  for (size_t i = 0; i < days->get_array().size(); ++i) {
    auto day = DayFromJson(days->get_array()[i], source, fmt::format("days[{}]", i));
    if (!day) return day.error();
    schedule.days.push_back(std::move(*day));
  }

  schedule.source = std::move(source);
  return schedule;
}

Result<YearSchedule> ParseYearSchedule(std::string_view json_text, std::string source) {
  boost::system::error_code ec;
  json::value document = json::parse(json_text, ec);
  if (ec) {
    return Error{ErrorCode::kMalformed, fmt::format("{}: invalid JSON: {}", source, ec.message()),
                 ""};
  }
  return YearScheduleFromJson(document, std::move(source));
}

json::value YearScheduleToJson(const YearSchedule& schedule) {
  json::array papers(schedule.papers.begin(), schedule.papers.end());
  json::array days;
  for (const DayOverride& day : schedule.days) {
    days.push_back(json::object{
        {"name", day.name}, {"date", FormatDate(day.date)}, {"isOffDay", day.is_off_day}});
  }
  return json::object{
      {"year", schedule.year}, {"papers", std::move(papers)}, {"days", std::move(days)}};
}

Result<YearSchedule> LoadYearScheduleFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error::NotFound(fmt::format("{}: cannot open the holiday schedule file", file.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseYearSchedule(text.str(), file.filename().string());
}

Result<HolidaySchedules> LoadScheduleFolder(const std::filesystem::path& folder) {
  std::error_code ec;
  std::filesystem::directory_iterator it(folder, ec);
  if (ec) {
    return Error::NotFound(fmt::format("{}: cannot read the holiday schedule folder: {}",
                                       folder.string(), ec.message()));
  }

  // Sorted, so that errors and logs come in year order.
  std::vector<std::filesystem::path> files;
  static const std::regex kYearFile(R"(\d{4}\.json)");
  for (const auto& entry : it) {
    if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), kYearFile)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  HolidaySchedules schedules;
  for (const auto& file : files) {
    auto schedule = LoadYearScheduleFile(file);
    if (!schedule) return schedule.error();

    int file_year = std::stoi(file.stem().string());
    if (schedule->year != file_year) {
      return FieldError(schedule->source, "year",
                        fmt::format("{} does not match the year in the file name", schedule->year));
    }
    if (schedule->days.empty()) {
      spdlog::info("calendar: skipped placeholder file={} year={}: no days listed", file.string(),
                   file_year);
      continue;
    }
    auto added = schedules.SetYear(std::move(*schedule));
    if (!added) return added.error();
  }
  return schedules;
}

}  // namespace mingjing::calendar
