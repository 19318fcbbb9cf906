// The notification outbox. Its rows are written in the same transaction as the change they
// announce, so a notice exists exactly when its alert change committed. The dispatcher
// (dispatcher.h) sends each row at least once, even if a server dies in between.
//
// The alert service calls EnqueueAlertNotice() inside its write transaction for every issued
// alert and every handling step:
//
//   store::WriteTransaction tx(lease);
//   ... insert the alert or the alert_actions row ...
//   notify::EnqueueAlertNotice(*lease, notice, now);
//   tx.Commit();
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mingjing::notify {

// One event in the life of an alert that its people must hear about.
struct AlertNotice {
  int64_t alert_id = 0;
  std::string level;      // "warning", "yellow" or "red" (预警, 黄牌, 红牌)
  std::string rule_code;  // e.g. "time.promised"
  std::string
      division_code;  // the alert's division; supervisors whose region contains it are notified
  int64_t department_id = 0;  // 0 when the alert names no department
  std::string case_number;    // may be empty (trend and procurement alerts)
  std::string message_zh;     // the alert's rendered Chinese message
  // "issued" for a new alert (issued, or pending a supervisor's confirmation), or
  // "action:<name>" for a handling step, e.g. "action:order", "action:respond".
  std::string event;
  std::string state;     // the alert's state after the event, e.g. "ordered"
  std::string handling;  // "prompt", "inquiry" or "order" after the event
};

// Channel of an outbox row: a push to the console over server-sent events, or an SMS.
enum class Channel { kSse, kSms };
std::string_view ChannelName(Channel channel);  // "sse", "sms"

// Delivery state of an outbox row.
//   pending  not tried yet, or delayed by the per-person SMS rate limit
//   failed   the last try failed; retried at next_attempt_at
//   sent     handed to the console or accepted by the SMS gateway
//   dead     given up after the maximum number of tries, or rejected for good
//   merged   folded into a digest SMS (digest_id names that row) under the rate limit
enum class DeliveryState { kPending, kFailed, kSent, kDead, kMerged };
std::string_view DeliveryStateName(DeliveryState state);
std::optional<DeliveryState> ParseDeliveryState(std::string_view name);

// Inserts the outbox rows for `notice` within the caller's open transaction on `session`: one
// SSE row per recipient, and one SMS row per recipient with a phone when the notice calls for
// an SMS (SmsRequired in recipients.h). Recipients are the head and staff of the alert's
// department and the supervisors whose division contains the alert's division; disabled
// accounts are skipped. `now` is Unix seconds. Returns the number of rows written. Throws
// soci::soci_error on a store failure, which rolls the caller's transaction back.
int EnqueueAlertNotice(soci::session& session, const AlertNotice& notice, int64_t now);

// Inserts one SMS row with `text` for account `recipient_id` at `phone`, so an operator can check
// the SMS gateway end to end (`mingjing notify test-sms`). Returns the row's id.
int64_t EnqueueTestSms(soci::session& session, int64_t recipient_id, const std::string& phone,
                       const std::string& text, int64_t now);

// One stored outbox row.
struct OutboxRow {
  int64_t id = 0;
  Channel channel = Channel::kSse;
  int64_t recipient_id = 0;
  std::string phone;  // empty for SSE rows
  // "alert.issued", "alert.<action>" (e.g. "alert.order"), "sms.digest" or "sms.test"
  std::string template_code;
  std::string body;      // SSE: the event's JSON; SMS: the text
  int64_t alert_id = 0;  // 0 for a digest or a test SMS
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  int64_t next_attempt_at = 0;
  int64_t claimed_until = 0;  // a dispatcher's claim; another may take the row after it
  std::string last_error;
  int64_t created_at = 0;
  int64_t sent_at = 0;
  std::string provider_id;  // the SMS gateway's or the SMSC's message id, when one was given
  int64_t digest_id = 0;    // for merged rows: the digest row that carried them
  // The latest delivery report (delivery_report.h): "" before any, else "delivered",
  // "undelivered", "buffered", "submitted" or "rejected", with Kannel's report type, the SMSC's
  // reply and when the report arrived.
  std::string delivery_status;
  int delivery_code = 0;
  std::string delivery_detail;
  int64_t delivery_reported_at = 0;
};

// The row `id`, if there is one.
std::optional<OutboxRow> FindOutboxRow(soci::session& session, int64_t id);

// The rows about one alert, oldest first, for tests and the operations view.
std::vector<OutboxRow> ListAlertOutbox(soci::session& session, int64_t alert_id);

// The SSE rows for `recipient_id` with an id above `after_id`, oldest first, at most `limit`:
// the replay of a console that reconnects with Last-Event-ID.
std::vector<OutboxRow> ListSseAfter(soci::session& session, int64_t recipient_id, int64_t after_id,
                                    int limit);

}  // namespace mingjing::notify
