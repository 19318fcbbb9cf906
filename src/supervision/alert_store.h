// Rows of the alerts, alert_actions and alert_attachments tables, read and written within the
// caller's session so that services can group them with the ledger entry in one transaction.
// The rules of who may change what live in alert_service.h and handling.h, not here.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mingjing::supervision {

// Alert states (alerts.state).
inline constexpr std::string_view kStatePending = "pending";
inline constexpr std::string_view kStateIssued = "issued";
inline constexpr std::string_view kStateResponded = "responded";
inline constexpr std::string_view kStateAppealed = "appealed";
inline constexpr std::string_view kStateReturned = "returned";
inline constexpr std::string_view kStateOrdered = "ordered";
inline constexpr std::string_view kStateRectifying = "rectifying";
inline constexpr std::string_view kStateReported = "reported";
inline constexpr std::string_view kStateClosed = "closed";
inline constexpr std::string_view kStateRevoked = "revoked";

// True for closed and revoked, the two states no action leaves.
bool IsFinalState(std::string_view state);

struct Alert {
  int64_t id = 0;
  std::string dedupe_key;
  std::string rule_code;
  int64_t rule_version = 0;
  std::string level;     // "warning", "yellow" or "red"
  std::string state;     // see the kState… constants
  std::string handling;  // "prompt" (一般提示), "inquiry" (质询) or "order" (督办)
  int64_t case_id = 0;   // 0 for alerts that belong to no case
  std::string case_number;
  std::string item_code;
  std::string division_code;
  int64_t department_id = 0;
  std::string department_name;  // read from departments, not stored on the alert
  std::string subject;
  std::string message_zh;
  std::string message_en;
  std::string evidence;  // JSON object as stored
  // Unix seconds; 0 means "not yet".
  int64_t detected_at = 0;
  int64_t issued_at = 0;
  int64_t answer_due_at = 0;
  int64_t order_started_at = 0;
  int64_t closed_at = 0;
  int64_t version = 1;
  int64_t updated_at = 0;
};

// Inserts `alert` unless an alert with its dedupe_key exists, with INSERT … ON CONFLICT
// (dedupe_key) DO NOTHING, which SQLite (3.24 and later) and PostgreSQL both accept. Returns the
// new id, or nullopt when the key was taken. On PostgreSQL a concurrent transaction inserting
// the same key waits for this one to finish, so exactly one of them gets an id.
std::optional<int64_t> InsertAlertIfNew(soci::session& session, const Alert& alert);

std::optional<Alert> FindAlert(soci::session& session, int64_t id);

// Same as FindAlert, but on PostgreSQL the row stays locked until the transaction ends, so two
// handling steps on one alert run one after the other. SQLite has one writer, so it needs none.
std::optional<Alert> FindAlertForUpdate(soci::session& session, int64_t id);

// Writes state, handling, the time columns and updated_at of `alert` and increments its version,
// provided the stored version is still `alert.version`. Returns false when another step changed
// the alert first.
bool UpdateAlertState(soci::session& session, const Alert& alert);

struct AlertFilter {
  std::string division_prefix;  // "" for every division
  int64_t department_id = 0;    // 0 for every department
  std::string level;
  std::string state;
  std::string rule_code;
  std::string case_number;
  bool open_only = false;     // leave out closed and revoked alerts
  bool issued_only = false;   // leave out alerts never issued (pending, or revoked while pending)
  int64_t detected_from = 0;  // Unix seconds, inclusive; 0 for no bound
  int64_t detected_to = 0;    // Unix seconds, exclusive; 0 for no bound
  int64_t limit = 50;
  int64_t offset = 0;
};

struct AlertPage {
  std::vector<Alert> items;  // most recently detected first
  int64_t total = 0;         // rows matching the filter, ignoring limit and offset
};

AlertPage ListAlerts(soci::session& session, const AlertFilter& filter);

struct AttachmentInfo {
  int64_t id = 0;
  int64_t action_id = 0;
  std::string file_name;
  std::string content_type;
  int64_t size_bytes = 0;
  std::string sm3;  // lower-case hex
};

struct AlertAction {
  int64_t id = 0;
  int64_t alert_id = 0;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string actor;  // "user:<name>" or "system:rules"
  std::string actor_role;
  std::string text;
  int64_t created_at = 0;
  std::vector<AttachmentInfo> attachments;
};

// Inserts the action row and returns its id; `attachments` of the argument are ignored.
int64_t InsertAction(soci::session& session, const AlertAction& action);

// Stores the bytes of one attachment of `action_id` and returns its id.
int64_t InsertAttachment(soci::session& session, const AttachmentInfo& info,
                         const std::string& content);

// Every action of the alert with its attachments' metadata, oldest first.
std::vector<AlertAction> ListActions(soci::session& session, int64_t alert_id);

// The attachment with its bytes, provided it belongs to an action of `alert_id`.
std::optional<std::pair<AttachmentInfo, std::string>> ReadAttachment(soci::session& session,
                                                                     int64_t alert_id,
                                                                     int64_t attachment_id);

// When the latest `action` step of the alert happened, or 0 when none did.
int64_t LatestActionTime(soci::session& session, int64_t alert_id, std::string_view action);

}  // namespace mingjing::supervision
