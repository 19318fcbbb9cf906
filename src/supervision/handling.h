// Handling of an alert until it is closed (摘牌): the state machine as a table of transitions,
// and the service that applies one step with its text and attachments and writes the ledger
// entry in the same transaction.
//
// "Supervisor" means a supervisor whose division is a prefix of the alert's division.
// "Department" means a department head or department staff member of the alert's department;
// an appeal needs the head. Any other caller gets kNotFound when the alert lies outside what
// they may read, else kForbidden.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "calendar/working_calendar.h"
#include "common/error.h"
#include "ledger/ledger.h"
#include "supervision/alert_service.h"
#include "supervision/alert_store.h"

namespace mingjing::supervision {

// The handler an action requires.
enum class Handler {
  kSupervisor,
  kDepartment,      // head or staff of the alert's department
  kDepartmentHead,  // the head only
};

struct Transition {
  std::string_view from;
  std::string_view action;
  std::string_view to;
  Handler handler;
  std::string_view handling;  // the new handling mode, or "" to keep it
};

// Every allowed transition.
std::span<const Transition> Transitions();

// Every action name in the table, in table order without repeats.
const std::vector<std::string_view>& ActionNames();

// The transition of `action` from `state`, or nullopt when the state does not allow it.
std::optional<Transition> FindTransition(std::string_view state, std::string_view action);

// Who may take `action`, whatever the state; nullopt for an unknown action.
std::optional<Handler> HandlerOf(std::string_view action);

// The caller's relation to an alert.
struct CallerRelation {
  bool supervisor = false;       // a supervisor of the alert's region
  bool department = false;       // head or staff of the alert's department
  bool department_head = false;  // head of the alert's department
  bool reader = false;           // may read the alert (any of the above, or an auditor in region)
};

CallerRelation RelationOf(const auth::Principal& caller, const Alert& alert);

bool MayTake(const CallerRelation& relation, Handler handler);

// The actions the caller may take on the alert now.
std::vector<std::string> AllowedActions(const CallerRelation& relation, const Alert& alert);

inline constexpr size_t kMaxAttachments = 5;
inline constexpr size_t kMaxAttachmentBytes = 5 * 1024 * 1024;
inline constexpr size_t kMinTextChars = 2;
inline constexpr size_t kMaxTextChars = 4000;
inline constexpr int kDefaultInquiryDays = 5;  // working days for a written reply (质询)
inline constexpr int kDefaultOrderDays = 20;   // working days to close an order (督办)
inline constexpr int kMaxDeadlineDays = 120;
// An order not started within this many working days raises order.not_started, and one not
// closed within kOrderCloseDays raises order.not_closed, both red.
inline constexpr int kOrderStartDays = 5;
inline constexpr int kOrderCloseDays = 20;

struct AttachmentUpload {
  std::string file_name;
  std::string content_type;
  std::string content;  // the bytes
};

struct HandlingRequest {
  int64_t alert_id = 0;
  std::string action;
  std::string text;
  // The version the caller saw; a different stored version gives kConflict. 0 skips the check
  // (bulk handling, where the caller acts on whatever each alert is now).
  int64_t version = 0;
  int deadline_days = 0;  // inquire and order: working days; 0 for the default
  std::vector<AttachmentUpload> attachments;
};

// Checks text, deadline and attachments without touching the store; the error names the field.
Result<void> ValidateHandlingRequest(const HandlingRequest& request);

// The close of business on the `days`-th working day after the local date of `from`: the day of
// the step is not counted, as Civil Code art. 201 counts periods.
Result<int64_t> WorkingDaysDeadline(const calendar::WorkingCalendar& calendar, int64_t from,
                                    int days);

// The working days of an order rule ("order.not_started" or "order.not_closed") for the item:
// its "working_days" setting, or `fallback` when the setting is absent or invalid.
int OrderLimitDays(soci::session& session, std::string_view code, std::string_view item_code,
                   int fallback);

// Applies one handling step within the caller's open write transaction on `session`. It checks
// region (kNotFound), role (kForbidden), version and state (kConflict). Then it stores the action
// with its attachments (SM3 of each), updates the alert, schedules or cancels its order timer,
// appends the ledger entry "alert.<action>" with the SM3 of the text and of each attachment, and
// announces the step. Returns the alert after the step. `now` is Unix seconds.
Result<Alert> HandleAlert(soci::session& session, const AlertService& alerts,
                          const auth::Principal& caller, const ledger::Actor& actor,
                          const HandlingRequest& request, const calendar::WorkingCalendar& calendar,
                          int64_t now);

}  // namespace mingjing::supervision
