#include "calendar/calendar_store.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <map>

#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::calendar {
namespace {

// Marks the calendar as changed, inside the caller's transaction.
void BumpRevision(soci::session& session) {
  session << "UPDATE calendar_settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
             "WHERE name = 'revision'";
}

int64_t ReadRevision(soci::session& session) {
  std::string value;
  session << "SELECT value FROM calendar_settings WHERE name = 'revision'", soci::into(value);
  return std::strtoll(value.c_str(), nullptr, 10);
}

HolidaySchedules ReadSchedules(soci::session& session) {
  std::map<int, YearSchedule> years;
  soci::rowset<soci::row> year_rows =
      (session.prepare << "SELECT year, papers, source FROM calendar_years ORDER BY year");
  for (const soci::row& r : year_rows) {
    YearSchedule schedule;
    schedule.year = int(store::Int64(r, 0));
    boost::system::error_code ec;
    auto papers = boost::json::parse(store::Text(r, 1), ec);
    if (!ec && papers.is_array()) {
      for (const auto& p : papers.as_array()) {
        if (p.is_string()) schedule.papers.emplace_back(p.as_string());
      }
    }
    schedule.source = store::Text(r, 2);
    years[schedule.year] = std::move(schedule);
  }

  soci::rowset<soci::row> day_rows =
      (session.prepare << "SELECT year, day, name, is_off_day FROM calendar_days ORDER BY day");
  for (const soci::row& r : day_rows) {
    auto it = years.find(int(store::Int64(r, 0)));
    if (it == years.end()) continue;
    auto date = ParseDate(store::Text(r, 1), "day");
    if (!date) continue;
    it->second.days.push_back({*date, store::Text(r, 2), store::Int64(r, 3) != 0});
  }

  HolidaySchedules schedules;
  for (auto& [year, schedule] : years) {
    // Rows were validated when stored, so a year that fails now was edited outside the platform.
    if (auto ok = schedules.SetYear(schedule); !ok) {
      spdlog::error("stored holiday schedule {} is invalid and is ignored: {}", year,
                    ok.error().message);
    }
  }
  return schedules;
}

WorkingHours ReadHours(soci::session& session) {
  std::string text;
  session << "SELECT value FROM calendar_settings WHERE name = 'working_hours'", soci::into(text);
  auto hours = WorkingHours::Parse(text, "working_hours");
  if (!hours) {
    spdlog::error("stored working hours '{}' are invalid, using the default: {}", text,
                  hours.error().message);
    return WorkingHours::Default();
  }
  return *hours;
}

void WriteYear(soci::session& session, const YearSchedule& schedule, int64_t now) {
  int year = schedule.year;
  session << "DELETE FROM calendar_days WHERE year = :y", soci::use(year);
  session << "DELETE FROM calendar_years WHERE year = :y", soci::use(year);

  boost::json::array papers;
  for (const auto& p : schedule.papers) papers.emplace_back(p);
  std::string papers_text = boost::json::serialize(papers);
  long long updated = now;
  session << "INSERT INTO calendar_years (year, papers, source, updated_at) "
             "VALUES (:y, :p, :s, :t)",
      soci::use(year), soci::use(papers_text), soci::use(schedule.source), soci::use(updated);

  for (const DayOverride& day : schedule.days) {
    std::string date = FormatDate(day.date);
    int off = day.is_off_day ? 1 : 0;
    session << "INSERT INTO calendar_days (year, day, name, is_off_day) VALUES (:y, :d, :n, :o)",
        soci::use(year), soci::use(date), soci::use(day.name), soci::use(off);
  }
}

}  // namespace

HolidaySchedules LoadStoredSchedules(store::Database& db) {
  auto lease = db.Acquire();
  return ReadSchedules(*lease);
}

WorkingHours LoadStoredHours(store::Database& db) {
  auto lease = db.Acquire();
  return ReadHours(*lease);
}

Result<ScheduleImportSummary> StoreSchedules(store::Database& db, ledger::Ledger& ledger,
                                             const ledger::Actor& actor,
                                             const HolidaySchedules& schedules, const Clock& clock,
                                             const std::string& action) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);

  // Check the new years against the stored ones before anything is written.
  HolidaySchedules merged = ReadSchedules(*lease);
  ScheduleImportSummary summary;
  for (int year : schedules.PublishedYears()) {
    const YearSchedule* schedule = schedules.FindYear(year);
    if (auto ok = merged.SetYear(*schedule); !ok) return ok.error();
    summary.years.push_back(year);
    summary.days += int64_t(schedule->days.size());
  }
  if (summary.years.empty()) {
    return Error::InvalidField("years", "no published year to store: every schedule is empty");
  }

  for (int year : summary.years) WriteYear(*lease, *schedules.FindYear(year), clock.NowSeconds());
  BumpRevision(*lease);

  boost::json::array years;
  for (int year : summary.years) years.emplace_back(year);
  ledger.Append(*lease, actor,
                ledger::Entry{.action = action,
                              .object_type = "calendar",
                              .object_id = fmt::format("{}", fmt::join(summary.years, ",")),
                              .detail = {{"years", std::move(years)}, {"days", summary.days}}});
  tx.Commit();
  return summary;
}

Result<void> StoreWorkingHours(store::Database& db, ledger::Ledger& ledger,
                               const ledger::Actor& actor, const WorkingHours& hours) {
  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  std::string before = ReadHours(*lease).ToString();
  std::string text = hours.ToString();
  *lease << "UPDATE calendar_settings SET value = :v WHERE name = 'working_hours'", soci::use(text);
  BumpRevision(*lease);
  ledger.Append(*lease, actor,
                ledger::Entry{.action = "calendar.working_hours",
                              .object_type = "calendar",
                              .object_id = "working_hours",
                              .detail = {{"before", before}, {"after", text}}});
  tx.Commit();
  return {};
}

std::shared_ptr<const WorkingCalendar> CalendarService::Current() {
  auto lease = db_.Acquire();
  int64_t revision = ReadRevision(*lease);
  std::lock_guard lock(mutex_);
  if (calendar_ != nullptr && revision == revision_) return calendar_;

  HolidaySchedules schedules = ReadSchedules(*lease);
  WorkingHours hours = ReadHours(*lease);
  lease.Release();
  calendar_ =
      std::make_shared<const WorkingCalendar>(WorkingCalendar::Build(std::move(schedules), hours));
  revision_ = revision;
  spdlog::info("working calendar rebuilt: revision={}", revision);
  return calendar_;
}

}  // namespace mingjing::calendar
