// The working calendar: month views, office hours, yearly holiday schedules and deadlines.
// Reads are public, because the citizen portal shows them. Changes need a platform
// administrator.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <memory>

#include "api/guard.h"
#include "api/routes.h"
#include "calendar/calendar_loader.h"
#include "calendar/calendar_store.h"
#include "calendar/deadline.h"
#include "calendar/explanation.h"

namespace mingjing::api {
namespace {

using auth::Role;
using calendar::CalendarService;
using calendar::LocalDate;

std::string FormatMinutes(std::chrono::seconds time_of_day) {
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(time_of_day).count();
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

bool ParseDigits(std::string_view text, int& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// Parses "2026-02-12" (the office's opening time that day), "2026-02-12T10:30[:00]" (local
// time) or the same with "Z" or a "+08:00"-style offset.
Result<TimePoint> ParseStart(std::string_view text, const calendar::WorkingHours& hours) {
  const Error invalid =
      Error::InvalidField("start", fmt::format("start '{}' must be a date (2026-02-12) or a time "
                                               "(2026-02-12T10:30:00+08:00)",
                                               text));
  auto date = calendar::ParseDate(text.substr(0, 10), "start");
  if (!date) return invalid;
  if (text.size() == 10) return calendar::FromLocal(*date, hours.OpeningTime());
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return invalid;

  int hour = 0, minute = 0, second = 0;
  if (!ParseDigits(text.substr(11, 2), hour) || !ParseDigits(text.substr(14, 2), minute)) {
    return invalid;
  }
  std::string_view rest = text.substr(16);
  if (rest.starts_with(":")) {
    if (rest.size() < 3 || !ParseDigits(rest.substr(1, 2), second)) return invalid;
    rest = rest.substr(3);
  }
  if (hour > 23 || minute > 59 || second > 59) return invalid;
  std::chrono::seconds time_of_day{hour * 3600 + minute * 60 + second};
  TimePoint local = calendar::FromLocal(*date, time_of_day);
  if (rest.empty()) return local;

  // An explicit offset: the wall time was in that zone, not in platform local time.
  std::chrono::minutes offset{0};
  if (rest != "Z") {
    int offset_hours = 0, offset_minutes = 0;
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
        !ParseDigits(rest.substr(1, 2), offset_hours) ||
        !ParseDigits(rest.substr(4, 2), offset_minutes)) {
      return invalid;
    }
    offset = std::chrono::minutes(offset_hours * 60 + offset_minutes);
    if (rest[0] == '-') offset = -offset;
  }
  return local + calendar::kPlatformUtcOffset - offset;
}

boost::json::object HoursJson(const calendar::WorkingHours& hours) {
  boost::json::array periods;
  for (const auto& p : hours.periods()) {
    periods.push_back({{"begin", FormatMinutes(p.begin)}, {"end", FormatMinutes(p.end)}});
  }
  return {{"hours", hours.ToString()},
          {"periods", std::move(periods)},
          {"daily_minutes", hours.DailyWorkingTime().count() / 60}};
}

http::Response GetMonth(CalendarService& service, http::Request& request) {
  std::string month(request.PathParam("month"));
  auto first = calendar::ParseDate(month + "-01", "month");
  if (month.size() != 7 || !first) {
    return http::ErrorResponse(
        Error::InvalidField("month", fmt::format("month '{}' must look like 2026-02", month)));
  }
  auto cal = service.Current();
  std::chrono::year_month_day ymd{*first};
  LocalDate end{(ymd.year() / ymd.month() / std::chrono::last)};
  if (!cal->Contains(*first) || !cal->Contains(end)) {
    return http::ErrorResponse(
        Error::InvalidField("month", fmt::format("month {} is outside the calendar", month)));
  }

  boost::json::array days;
  for (LocalDate d = *first; d <= end; d += std::chrono::days(1)) {
    calendar::DayKind kind = cal->KindOf(d);
    const calendar::DayOverride* listed = cal->schedules().Find(d);
    days.push_back({{"date", calendar::FormatDate(d)},
                    {"weekday", std::chrono::weekday(d).iso_encoding()},
                    {"kind", calendar::DayKindName(kind)},
                    {"working", cal->IsWorkingDay(d)},
                    {"holiday", kind == calendar::DayKind::kHoliday},
                    {"adjusted_workday", kind == calendar::DayKind::kAdjustedWorkday},
                    {"name", listed != nullptr ? listed->name : ""}});
  }
  int year = calendar::YearOf(*first);
  return http::Json(boost::json::object{{"month", month},
                                        {"published", cal->schedules().IsPublished(year)},
                                        {"days", std::move(days)}});
}

http::Response GetYear(CalendarService& service, http::Request& request) {
  int year = 0;
  if (!ParseDigits(request.PathParam("year"), year)) {
    return http::ErrorResponse(Error::InvalidField("year", "year must be a number such as 2027"));
  }
  auto cal = service.Current();
  const calendar::YearSchedule* schedule = cal->schedules().FindYear(year);
  if (schedule == nullptr) {
    return http::ErrorResponse(
        Error::NotFound(fmt::format("no holiday schedule is stored for {}", year)));
  }
  return http::Json(calendar::YearScheduleToJson(*schedule));
}

http::Response PutYear(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  int year = 0;
  if (!ParseDigits(request.PathParam("year"), year)) {
    return http::ErrorResponse(Error::InvalidField("year", "year must be a number such as 2027"));
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  if (!body->contains("year")) (*body)["year"] = year;
  auto schedule = calendar::YearScheduleFromJson(*body, "request body");
  if (!schedule) return http::ErrorResponse(schedule.error());
  if (schedule->year != year) {
    return http::ErrorResponse(Error::InvalidField(
        "year", fmt::format("the body is for {} but the path names {}", schedule->year, year)));
  }

  calendar::HolidaySchedules one;
  if (auto ok = one.SetYear(*schedule); !ok) return http::ErrorResponse(ok.error());
  auto stored = calendar::StoreSchedules(ctx.db, ctx.ledger, ActorOf(request), one, ctx.clock,
                                         "calendar.year_set");
  if (!stored) return http::ErrorResponse(stored.error());
  return http::Json(boost::json::object{{"year", year}, {"days", stored->days}});
}

http::Response PutHours(ApiContext& ctx, http::Request& request) {
  if (auto ok = RequireRole(request, {Role::kPlatformAdmin}); !ok) {
    return http::ErrorResponse(ok.error());
  }
  auto body = http::ParseJsonObjectBody(request);
  if (!body) return http::ErrorResponse(body.error());
  const boost::json::value* text = body->if_contains("hours");
  if (text == nullptr || !text->is_string()) {
    return http::ErrorResponse(
        Error::InvalidField("hours", "hours is required, e.g. \"09:00-12:00,13:30-17:30\""));
  }
  auto hours = calendar::WorkingHours::Parse(std::string_view(text->as_string()), "hours");
  if (!hours) return http::ErrorResponse(hours.error());
  if (auto ok = calendar::StoreWorkingHours(ctx.db, ctx.ledger, ActorOf(request), *hours); !ok) {
    return http::ErrorResponse(ok.error());
  }
  return http::Json(HoursJson(*hours));
}

http::Response GetDeadline(CalendarService& service, http::Request& request) {
  auto cal = service.Current();
  auto start_text = request.Query("start");
  if (!start_text || start_text->empty()) {
    return http::ErrorResponse(Error::InvalidField("start", "start is required"));
  }
  auto start = ParseStart(*start_text, cal->hours());
  if (!start) return http::ErrorResponse(start.error());
  auto unit = calendar::ParseLimitUnit(request.Query("unit").value_or("working_days"), "unit");
  if (!unit) return http::ErrorResponse(unit.error());
  int amount = 0;
  if (*unit != calendar::LimitUnit::kImmediate &&
      !ParseDigits(request.Query("limit").value_or(""), amount)) {
    return http::ErrorResponse(
        Error::InvalidField("limit", "limit must be a whole number of the unit, e.g. 5"));
  }

  calendar::DeadlineRequest deadline_request{*start, {*unit, amount}, {}, {}};
  auto deadline = calendar::ComputeDeadline(*cal, deadline_request);
  if (!deadline) return http::ErrorResponse(deadline.error());
  return http::Json(calendar::ExplainDeadline(*cal, deadline_request, *deadline));
}

}  // namespace

void RegisterCalendarRoutes(http::Router& router, ApiContext& ctx) {
  // Shared by the handlers below and kept alive by their closures.
  auto service = std::make_shared<CalendarService>(ctx.db);

  router.Get("/api/v1/calendar/months/{month}",
             [service](http::Request& r) { return GetMonth(*service, r); },
             {.summary = "Days of a month (2026-02) with holiday and adjusted-workday flags",
              .tag = "calendar",
              .auth = http::AuthRequirement::kPublic});
  router.Get(
      "/api/v1/calendar/working-hours",
      [service](http::Request&) { return http::Json(HoursJson(service->Current()->hours())); },
      {.summary = "Office hours of a working day",
       .tag = "calendar",
       .auth = http::AuthRequirement::kPublic});
  router.Put("/api/v1/calendar/working-hours",
             [&ctx](http::Request& r) { return PutHours(ctx, r); },
             {.summary = "Set the office hours (platform administrator)", .tag = "calendar"});
  router.Get("/api/v1/calendar/years/{year}",
             [service](http::Request& r) { return GetYear(*service, r); },
             {.summary = "A year's holiday schedule in the holiday-cn format",
              .tag = "calendar",
              .auth = http::AuthRequirement::kPublic});
  router.Put(
      "/api/v1/calendar/years/{year}", [&ctx](http::Request& r) { return PutYear(ctx, r); },
      {.summary = "Store a year's holiday schedule (platform administrator)", .tag = "calendar"});
  router.Get("/api/v1/calendar/deadline",
             [service](http::Request& r) { return GetDeadline(*service, r); },
             {.summary = "The deadline of a limit from start, with how it was counted",
              .tag = "calendar",
              .auth = http::AuthRequirement::kPublic});
}

}  // namespace mingjing::api
