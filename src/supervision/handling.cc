#include "supervision/handling.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include "calendar/local_time.h"
#include "common/text.h"
#include "crypto/encoding.h"
#include "crypto/sm3.h"
#include "supervision/timer_schedule.h"

namespace mingjing::supervision {
namespace {

using auth::Role;

// The state machine of alert handling. `handling` changes only where a row names a new mode.
constexpr Transition kTransitions[] = {
    {"pending", "confirm_issue", "issued", Handler::kSupervisor, ""},
    {"pending", "revoke", "revoked", Handler::kSupervisor, ""},
    {"issued", "respond", "responded", Handler::kDepartment, ""},
    {"returned", "respond", "responded", Handler::kDepartment, ""},
    {"issued", "appeal", "appealed", Handler::kDepartmentHead, ""},
    {"issued", "inquire", "issued", Handler::kSupervisor, "inquiry"},
    {"responded", "inquire", "issued", Handler::kSupervisor, "inquiry"},
    {"responded", "send_back", "returned", Handler::kSupervisor, ""},
    {"appealed", "send_back", "returned", Handler::kSupervisor, ""},
    {"appealed", "revoke", "revoked", Handler::kSupervisor, ""},
    {"issued", "revoke", "revoked", Handler::kSupervisor, ""},
    {"responded", "revoke", "revoked", Handler::kSupervisor, ""},
    {"issued", "order", "ordered", Handler::kSupervisor, "order"},
    {"responded", "order", "ordered", Handler::kSupervisor, "order"},
    {"returned", "order", "ordered", Handler::kSupervisor, "order"},
    {"ordered", "start", "rectifying", Handler::kDepartment, ""},
    // A progress note during rectification, with its photos or documents; the state stays.
    {"rectifying", "rectify", "rectifying", Handler::kDepartment, ""},
    {"rectifying", "report", "reported", Handler::kDepartment, ""},
    {"reported", "confirm", "closed", Handler::kSupervisor, ""},
    {"reported", "send_back", "rectifying", Handler::kSupervisor, ""},
    {"responded", "close", "closed", Handler::kSupervisor, ""},
};

// Length in Unicode code points of valid UTF-8 text: every byte but continuation bytes.
size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool TextRequired(std::string_view action) {
  return action != "start" && action != "confirm_issue";
}

std::string_view RoleLabel(const CallerRelation& relation, Handler handler) {
  if (handler == Handler::kSupervisor) return "supervisor";
  return relation.department_head ? "department_head" : "department_staff";
}

// The kinds of file a rectification report or a reply may carry: documents, scans and photos,
// spreadsheets and archives of them. The download repeats the stored type in its header, so only
// these plain tokens are accepted.
constexpr std::string_view kAttachmentTypes[] = {
    "application/pdf",
    "application/ofd",
    "application/zip",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/jpeg",
    "image/png",
    "text/plain",
    "application/octet-stream",  // what a browser reports for a file type it does not know
};

Result<void> ValidateAttachment(const AttachmentUpload& file, size_t index) {
  std::string field = fmt::format("attachments[{}]", index);
  if (file.file_name.empty() || file.file_name.size() > 255 ||
      file.file_name.find_first_of("/\\") != std::string::npos || file.file_name == "." ||
      file.file_name == ".." || HasControlCharacters(file.file_name)) {
    return Error::InvalidField(
        field + ".file_name",
        "file_name must be 1 to 255 bytes without / or \\ or control characters");
  }
  if (std::find(std::begin(kAttachmentTypes), std::end(kAttachmentTypes), file.content_type) ==
      std::end(kAttachmentTypes)) {
    return Error::InvalidField(
        field + ".content_type",
        fmt::format("content_type must be one of {}", fmt::join(kAttachmentTypes, ", ")));
  }
  if (file.content.empty() || file.content.size() > kMaxAttachmentBytes) {
    return Error::InvalidField(field + ".content_base64",
                               fmt::format("each attachment must hold 1 byte to {} MiB",
                                           kMaxAttachmentBytes / (1024 * 1024)));
  }
  return {};
}

// Moves the alert's order timer to the next order deadline, or removes it once the order is
// over.
void UpdateOrderTimer(soci::session& session, const Alert& alert,
                      const calendar::WorkingCalendar& calendar, int64_t order_at) {
  if (alert.state == kStateOrdered) {
    int days = OrderLimitDays(session, "order.not_started", alert.item_code, kOrderStartDays);
    if (auto due = WorkingDaysDeadline(calendar, order_at, days)) {
      Schedule(session, kAlertTimer, alert.id, *due + 1);
    }
  } else if (alert.state == kStateRectifying || alert.state == kStateReported) {
    int days = OrderLimitDays(session, "order.not_closed", alert.item_code, kOrderCloseDays);
    if (auto due = WorkingDaysDeadline(calendar, order_at, days)) {
      Schedule(session, kAlertTimer, alert.id, *due + 1);
    }
  } else if (IsFinalState(alert.state)) {
    CancelTimer(session, kAlertTimer, alert.id);
  }
}

}  // namespace

std::span<const Transition> Transitions() { return kTransitions; }

const std::vector<std::string_view>& ActionNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const Transition& t : kTransitions) {
      if (std::find(out.begin(), out.end(), t.action) == out.end()) out.push_back(t.action);
    }
    return out;
  }();
  return names;
}

std::optional<Transition> FindTransition(std::string_view state, std::string_view action) {
  for (const Transition& t : kTransitions) {
    if (t.from == state && t.action == action) return t;
  }
  return std::nullopt;
}

std::optional<Handler> HandlerOf(std::string_view action) {
  for (const Transition& t : kTransitions) {
    if (t.action == action) return t.handler;
  }
  return std::nullopt;
}

CallerRelation RelationOf(const auth::Principal& caller, const Alert& alert) {
  CallerRelation r;
  bool in_region = !caller.division_code.empty() &&
                   std::string_view(alert.division_code).starts_with(caller.division_code);
  // A card that awaits a supervisor's confirmation is not yet the department's business, nor one
  // revoked before it was ever issued: both have no issue time.
  bool own_department = caller.department_id != 0 && caller.department_id == alert.department_id &&
                        alert.issued_at != 0;
  r.supervisor = in_region && caller.HasRole(Role::kSupervisor);
  r.department_head = own_department && caller.HasRole(Role::kDepartmentHead);
  r.department = r.department_head || (own_department && caller.HasRole(Role::kDepartmentStaff));
  r.reader = r.supervisor || r.department || (in_region && caller.HasRole(Role::kAuditAdmin));
  return r;
}

bool MayTake(const CallerRelation& relation, Handler handler) {
  switch (handler) {
    case Handler::kSupervisor:
      return relation.supervisor;
    case Handler::kDepartment:
      return relation.department;
    case Handler::kDepartmentHead:
      return relation.department_head;
  }
  return false;
}

std::vector<std::string> AllowedActions(const CallerRelation& relation, const Alert& alert) {
  std::vector<std::string> out;
  for (const Transition& t : kTransitions) {
    if (t.from == alert.state && MayTake(relation, t.handler)) out.emplace_back(t.action);
  }
  return out;
}

Result<void> ValidateHandlingRequest(const HandlingRequest& request) {
  if (!HandlerOf(request.action)) {
    return Error::InvalidField("action",
                               fmt::format("unknown action \"{}\"; use one of {}", request.action,
                                           fmt::join(ActionNames(), ", ")));
  }
  size_t length = CodePoints(request.text);
  if (TextRequired(request.action) && length < kMinTextChars) {
    return Error::InvalidField(
        "text", fmt::format("text is required for {}: write at least {} characters", request.action,
                            kMinTextChars));
  }
  if (length > kMaxTextChars) {
    return Error::InvalidField("text",
                               fmt::format("text must be at most {} characters", kMaxTextChars));
  }
  if (request.deadline_days < 0 || request.deadline_days > kMaxDeadlineDays) {
    return Error::InvalidField(
        "deadline_days",
        fmt::format("deadline_days must be a whole number from 1 to {}", kMaxDeadlineDays));
  }
  if (request.attachments.size() > kMaxAttachments) {
    return Error::InvalidField("attachments",
                               fmt::format("attach at most {} files to one step", kMaxAttachments));
  }
  for (size_t i = 0; i < request.attachments.size(); ++i) {
    if (auto ok = ValidateAttachment(request.attachments[i], i); !ok) return ok.error();
  }
  return {};
}

Result<int64_t> WorkingDaysDeadline(const calendar::WorkingCalendar& calendar, int64_t from,
                                    int days) {
  calendar::LocalDate start = calendar::ToLocal(TimePoint(std::chrono::seconds(from))).date;
  auto last = calendar.AddWorkingDays(start, days);
  if (!last) return last.error();
  TimePoint close = calendar.CloseOfBusiness(*last);
  return std::chrono::duration_cast<std::chrono::seconds>(close.time_since_epoch()).count();
}

Result<Alert> HandleAlert(soci::session& session, const AlertService& alerts,
                          const auth::Principal& caller, const ledger::Actor& actor,
                          const HandlingRequest& request, const calendar::WorkingCalendar& calendar,
                          int64_t now) {
  if (auto ok = ValidateHandlingRequest(request); !ok) return ok.error();
  std::optional<Alert> found = FindAlertForUpdate(session, request.alert_id);
  CallerRelation relation = found ? RelationOf(caller, *found) : CallerRelation{};
  if (!found || !relation.reader) return Error::NotFound("alert not found");
  Alert alert = std::move(*found);

  Handler handler = *HandlerOf(request.action);
  if (!MayTake(relation, handler)) {
    return Error::Forbidden(
        fmt::format("your role does not allow {} on this alert", request.action));
  }
  if (request.version != 0 && request.version != alert.version) {
    return Error::Conflict(fmt::format(
        "the alert changed since you read it (version {} now, {} sent); reload and try again",
        alert.version, request.version));
  }
  std::optional<Transition> transition = FindTransition(alert.state, request.action);
  if (!transition) {
    return Error::Conflict(
        fmt::format("an alert in state {} does not allow {}", alert.state, request.action));
  }

  // The alert after the step.
  Alert after = alert;
  after.state = std::string(transition->to);
  if (!transition->handling.empty()) after.handling = std::string(transition->handling);
  after.updated_at = now;
  if (request.action == "confirm_issue") after.issued_at = now;
  if (request.action == "inquire" || request.action == "order") {
    int days = request.deadline_days != 0
                   ? request.deadline_days
                   : (request.action == "order" ? kDefaultOrderDays : kDefaultInquiryDays);
    auto due = WorkingDaysDeadline(calendar, now, days);
    if (!due) return due.error();
    after.answer_due_at = *due;
  }
  if (request.action == "start") after.order_started_at = now;
  if (IsFinalState(after.state)) after.closed_at = now;
  if (!UpdateAlertState(session, after)) {
    return Error::Conflict("the alert changed while this step ran; reload and try again");
  }
  after.version = alert.version + 1;

  int64_t action_id =
      InsertAction(session, AlertAction{.alert_id = alert.id,
                                        .action = request.action,
                                        .from_state = alert.state,
                                        .to_state = after.state,
                                        .actor = actor.name,
                                        .actor_role = std::string(RoleLabel(relation, handler)),
                                        .text = request.text,
                                        .created_at = now});
  boost::json::array files;
  for (const AttachmentUpload& upload : request.attachments) {
    AttachmentInfo info{0,
                        action_id,
                        upload.file_name,
                        upload.content_type,
                        static_cast<int64_t>(upload.content.size()),
                        crypto::HexEncode(crypto::Sm3Digest(upload.content))};
    info.id = InsertAttachment(session, info, upload.content);
    files.push_back({{"id", info.id},
                     {"file_name", info.file_name},
                     {"size_bytes", info.size_bytes},
                     {"sm3", info.sm3}});
  }

  if (after.handling == "order") {
    int64_t order_at =
        request.action == "order" ? now : LatestActionTime(session, alert.id, "order");
    UpdateOrderTimer(session, after, calendar, order_at);
  }

  boost::json::object detail{{"action_id", action_id},
                             {"from_state", alert.state},
                             {"to_state", after.state},
                             {"handling", after.handling},
                             {"version", after.version},
                             {"text_sm3", crypto::HexEncode(crypto::Sm3Digest(request.text))},
                             {"attachments", std::move(files)}};
  if (after.answer_due_at != alert.answer_due_at) detail["answer_due_at"] = after.answer_due_at;
  alerts.ledger().Append(session, actor,
                         ledger::Entry{.action = "alert." + request.action,
                                       .object_type = "alert",
                                       .object_id = std::to_string(alert.id),
                                       .division_code = alert.division_code,
                                       .detail = std::move(detail)});
  alerts.Announce(session, after, "action:" + request.action, now);
  spdlog::info("alert handled alert_id={} action={} from={} to={} actor={}", alert.id,
               request.action, alert.state, after.state, actor.name);
  return after;
}

}  // namespace mingjing::supervision
