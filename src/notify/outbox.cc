#include "notify/outbox.h"

#include <boost/json.hpp>
#include <chrono>

#include "calendar/local_time.h"
#include "notify/recipients.h"
#include "notify/sms_text.h"
#include "store/row.h"

namespace mingjing::notify {
namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, channel, recipient_id, phone, template_code, body, alert_id, state, attempts, "
    "next_attempt_at, claimed_until, last_error, created_at, sent_at, provider_id, digest_id, "
    "delivery_status, delivery_code, delivery_detail, delivery_reported_at FROM notify_outbox";

OutboxRow RowFrom(const soci::row& row) {
  OutboxRow out;
  out.id = store::Int64(row, 0);
  out.channel = store::Text(row, 1) == "sms" ? Channel::kSms : Channel::kSse;
  out.recipient_id = store::Int64(row, 2);
  out.phone = store::Text(row, 3);
  out.template_code = store::Text(row, 4);
  out.body = store::Text(row, 5);
  out.alert_id = store::Int64(row, 6);
  out.state = ParseDeliveryState(store::Text(row, 7)).value_or(DeliveryState::kPending);
  out.attempts = static_cast<int>(store::Int64(row, 8));
  out.next_attempt_at = store::Int64(row, 9);
  out.claimed_until = store::Int64(row, 10);
  out.last_error = store::Text(row, 11);
  out.created_at = store::Int64(row, 12);
  out.sent_at = store::Int64(row, 13);
  out.provider_id = store::Text(row, 14);
  out.digest_id = store::Int64(row, 15);
  out.delivery_status = store::Text(row, 16);
  out.delivery_code = static_cast<int>(store::Int64(row, 17));
  out.delivery_detail = store::Text(row, 18);
  out.delivery_reported_at = store::Int64(row, 19);
  return out;
}

// RFC 3339 in platform time (+08:00), or null for the 0 that marks "not yet".
boost::json::value Timestamp(int64_t unix_seconds) {
  if (unix_seconds == 0) return nullptr;
  return boost::json::string(calendar::FormatLocal(TimePoint(std::chrono::seconds(unix_seconds))));
}

// The alert as the console's SSE "alert" event carries it: the AlertSummary of the alert API
// plus the event that caused the notice. Falls back to the notice's own fields when the alert
// row is not visible, and reports whether the alert has been issued to its department.
boost::json::object AlertSummary(soci::session& session, const AlertNotice& notice, bool& issued) {
  boost::json::object summary;
  long long alert_id = notice.alert_id;
  soci::rowset<soci::row> rows =
      (session.prepare
           << "SELECT a.id, a.level, a.state, a.handling, a.rule_code, a.case_id, a.case_number, "
              "a.item_code, a.division_code, a.department_id, d.name, a.subject, a.message_zh, "
              "a.message_en, a.detected_at, a.issued_at, a.answer_due_at, a.closed_at, a.version "
              "FROM alerts a LEFT JOIN departments d ON d.id = a.department_id WHERE a.id = :id",
       soci::use(alert_id, "id"));
  for (const soci::row& row : rows) {
    summary["id"] = store::Int64(row, 0);
    summary["level"] = store::Text(row, 1);
    summary["state"] = store::Text(row, 2);
    summary["handling"] = store::Text(row, 3);
    summary["rule_code"] = store::Text(row, 4);
    int64_t case_id = store::Int64(row, 5);
    summary["case_id"] = case_id == 0 ? boost::json::value(nullptr) : boost::json::value(case_id);
    summary["case_number"] = store::Text(row, 6);
    summary["item_code"] = store::Text(row, 7);
    summary["division_code"] = store::Text(row, 8);
    int64_t department_id = store::Int64(row, 9);
    summary["department_id"] =
        department_id == 0 ? boost::json::value(nullptr) : boost::json::value(department_id);
    summary["department_name"] = store::Text(row, 10);
    summary["subject"] = store::Text(row, 11);
    summary["message_zh"] = store::Text(row, 12);
    summary["message_en"] = store::Text(row, 13);
    summary["detected_at"] = Timestamp(store::Int64(row, 14));
    summary["issued_at"] = Timestamp(store::Int64(row, 15));
    summary["answer_due_at"] = Timestamp(store::Int64(row, 16));
    summary["closed_at"] = Timestamp(store::Int64(row, 17));
    summary["version"] = store::Int64(row, 18);
    summary["event"] = notice.event;
    issued = store::Int64(row, 15) != 0;
    return summary;
  }

  summary["id"] = notice.alert_id;
  summary["level"] = notice.level;
  summary["state"] = notice.state;
  summary["handling"] = notice.handling;
  summary["rule_code"] = notice.rule_code;
  summary["case_number"] = notice.case_number;
  summary["division_code"] = notice.division_code;
  summary["department_id"] = notice.department_id;
  summary["message_zh"] = notice.message_zh;
  summary["event"] = notice.event;
  issued = notice.state != "pending";
  return summary;
}

std::string TemplateCode(const AlertNotice& notice) {
  constexpr std::string_view kActionPrefix = "action:";
  if (notice.event.starts_with(kActionPrefix)) {
    return "alert." + notice.event.substr(kActionPrefix.size());
  }
  return "alert." + notice.event;
}

void InsertRow(soci::session& session, Channel channel, int64_t recipient_id,
               const std::string& phone, const std::string& template_code, const std::string& body,
               int64_t alert_id, int64_t now) {
  std::string channel_name(ChannelName(channel));
  long long recipient = recipient_id;
  long long alert = alert_id;
  long long created = now;
  session << "INSERT INTO notify_outbox (channel, recipient_id, phone, template_code, body, "
             "alert_id, state, next_attempt_at, created_at) VALUES (:channel, :recipient, "
             ":phone, :template_code, :body, :alert, 'pending', :due, :created)",
      soci::use(channel_name, "channel"), soci::use(recipient, "recipient"),
      soci::use(phone, "phone"), soci::use(template_code, "template_code"), soci::use(body, "body"),
      soci::use(alert, "alert"), soci::use(created, "due"), soci::use(created, "created");
}

}  // namespace

std::string_view ChannelName(Channel channel) { return channel == Channel::kSms ? "sms" : "sse"; }

std::string_view DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kFailed:
      return "failed";
    case DeliveryState::kSent:
      return "sent";
    case DeliveryState::kDead:
      return "dead";
    case DeliveryState::kMerged:
      return "merged";
  }
  return "pending";
}

std::optional<DeliveryState> ParseDeliveryState(std::string_view name) {
  for (DeliveryState state : {DeliveryState::kPending, DeliveryState::kFailed, DeliveryState::kSent,
                              DeliveryState::kDead, DeliveryState::kMerged}) {
    if (DeliveryStateName(state) == name) return state;
  }
  return std::nullopt;
}

int EnqueueAlertNotice(soci::session& session, const AlertNotice& notice, int64_t now) {
  // A card still awaiting a supervisor's confirmation is not the department's business yet.
  bool issued = false;
  std::string sse_body = boost::json::serialize(AlertSummary(session, notice, issued));
  std::string template_code = TemplateCode(notice);
  std::string sms_text;

  int written = 0;
  for (const Recipient& recipient : FindRecipients(session, notice, issued)) {
    InsertRow(session, Channel::kSse, recipient.user_id, "", template_code, sse_body,
              notice.alert_id, now);
    ++written;
    if (!SmsRequired(notice, recipient)) continue;

    if (sms_text.empty()) sms_text = RenderAlertSms(notice);
    InsertRow(session, Channel::kSms, recipient.user_id, recipient.phone, template_code, sms_text,
              notice.alert_id, now);
    ++written;
  }
  return written;
}

int64_t EnqueueTestSms(soci::session& session, int64_t recipient_id, const std::string& phone,
                       const std::string& text, int64_t now) {
  long long recipient = recipient_id;
  long long created = now;
  long long id = 0;
  session << "INSERT INTO notify_outbox (channel, recipient_id, phone, template_code, body, "
             "state, next_attempt_at, created_at) VALUES ('sms', :recipient, :phone, 'sms.test', "
             ":body, 'pending', :due, :created) RETURNING id",
      soci::use(recipient, "recipient"), soci::use(phone, "phone"), soci::use(text, "body"),
      soci::use(created, "due"), soci::use(created, "created"), soci::into(id);
  return id;
}

std::optional<OutboxRow> FindOutboxRow(soci::session& session, int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kOutboxColumns) + " WHERE id = :id", soci::use(key, "id"));
  for (const soci::row& row : rows) return RowFrom(row);
  return std::nullopt;
}

std::vector<OutboxRow> ListAlertOutbox(soci::session& session, int64_t alert_id) {
  long long id = alert_id;
  std::vector<OutboxRow> out;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kOutboxColumns) + " WHERE alert_id = :id ORDER BY id",
       soci::use(id, "id"));
  for (const soci::row& row : rows) out.push_back(RowFrom(row));
  return out;
}

std::vector<OutboxRow> ListSseAfter(soci::session& session, int64_t recipient_id, int64_t after_id,
                                    int limit) {
  long long recipient = recipient_id;
  long long after = after_id;
  int max_rows = limit;
  std::vector<OutboxRow> out;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kOutboxColumns) +
                              " WHERE recipient_id = :recipient AND channel = 'sse' AND id > :after"
                              " ORDER BY id LIMIT :max_rows",
       soci::use(recipient, "recipient"), soci::use(after, "after"),
       soci::use(max_rows, "max_rows"));
  for (const soci::row& row : rows) out.push_back(RowFrom(row));
  return out;
}

}  // namespace mingjing::notify
