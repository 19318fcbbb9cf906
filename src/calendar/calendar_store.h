// The working calendar kept in the store: yearly holiday schedules and the office hours, and a
// cached WorkingCalendar built from them. Every change writes a ledger entry in its transaction
// and bumps a stored revision, so every server sharing the database rebuilds its cache.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "calendar/holiday_schedule.h"
#include "calendar/working_calendar.h"
#include "calendar/working_hours.h"
#include "common/clock.h"
#include "ledger/ledger.h"
#include "store/database.h"

namespace mingjing::calendar {

// The stored schedules.
HolidaySchedules LoadStoredSchedules(store::Database& db);

// The stored office hours, or the default hours when the stored text is invalid.
WorkingHours LoadStoredHours(store::Database& db);

struct ScheduleImportSummary {
  std::vector<int> years;  // years written, ascending
  int64_t days = 0;        // days listed by those years
};

// Stores every year of `schedules`, replacing stored years with the same number. Each year is
// checked against the stored years it does not replace (HolidaySchedules::SetYear). On error
// nothing is written. `action` names the ledger entry, e.g. "calendar.import".
Result<ScheduleImportSummary> StoreSchedules(store::Database& db, ledger::Ledger& ledger,
                                             const ledger::Actor& actor,
                                             const HolidaySchedules& schedules, const Clock& clock,
                                             const std::string& action = "calendar.import");

// Replaces the office hours of every working day.
Result<void> StoreWorkingHours(store::Database& db, ledger::Ledger& ledger,
                               const ledger::Actor& actor, const WorkingHours& hours);

// The WorkingCalendar of the stored rows, rebuilt when their revision changes. Safe to call from
// several threads. Each call reads the revision, so it must not run while the caller holds a
// store::Lease.
class CalendarService {
 public:
  explicit CalendarService(store::Database& db) : db_(db) {}

  std::shared_ptr<const WorkingCalendar> Current();

 private:
  store::Database& db_;
  std::mutex mutex_;
  int64_t revision_ = -1;
  std::shared_ptr<const WorkingCalendar> calendar_;
};

}  // namespace mingjing::calendar
