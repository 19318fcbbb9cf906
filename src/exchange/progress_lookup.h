// The public progress lookup (办件进度查询): an applicant enters the case number and the query
// code printed on the receipt and sees where the case stands, without signing in. The answer
// carries no personal data: no applicant, operator, handler, opinion or fee.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.h"
#include "common/error.h"
#include "exchange/case_state.h"
#include "store/database.h"

namespace mingjing::exchange {

struct ProgressStep {
  std::string event_type;  // EventTypeName, e.g. "accepted"
  std::string name;        // what the applicant reads, e.g. "受理" or the step's own name
  int64_t occurred_at = 0;
};

struct CaseProgress {
  std::string case_number;
  std::string item_code;
  std::string item_name;  // "" when the item is not in the catalogue
  std::string department_name;
  std::string state;  // cases.state
  bool suspended = false;
  std::string outcome;  // approved, refused or withdrawn once completed
  std::vector<ProgressStep> steps;
  // The promised deadline, counted from acceptance on the working calendar. Unset before
  // acceptance, for immediate items, while the clock is stopped, and when the item or its limit
  // is unknown.
  std::optional<int64_t> deadline;
  std::string deadline_state;  // "running", "suspended", "no_deadline" or "not_started"
};

// Finds the case with `case_number` whose stored query-code hash matches `query_code`. Every
// mismatch (no such case, no code stored, a wrong code) is the same kNotFound error, so that the
// answer never tells whether a case number exists. `calendar` may be null, and then no deadline
// is computed.
Result<CaseProgress> LookUpProgress(store::Database& db, const calendar::WorkingCalendar* calendar,
                                    std::string_view case_number, std::string_view query_code);

// The kNotFound error of every mismatch. A lookup of a locked case number gets the same error
// under status 429 (progress_lockout.h), so its body says no more than a mismatch does.
Error NoProgressMatch();

// The steps of `state` as the applicant reads them, in the order they happened.
std::vector<ProgressStep> ProgressSteps(const CaseState& state);

}  // namespace mingjing::exchange
