// Delivery reports (DLR) of SMS: the token that ties Kannel's callback to one outbox row, and the
// recording of the report on that row.
//
// Each send requests reports from Kannel (dlr-mask 31) at the configured report URL, with a fresh
// random token and Kannel's own escapes appended, e.g.
//   http://127.0.0.1:8080/api/v1/notify/sms-reports?token=…&type=%d&provider_id=%F&detail=%A
// Kannel replaces %d with the report type, %F with the SMSC's message id and %A with the SMSC's
// reply, and calls the URL with GET. The route needs no session, because only the holder of the
// token, which travels only between Mingjing and Kannel, can report on the row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "store/database.h"

namespace mingjing::notify {

// The delivery state of a report. Kannel's report types (the %d of a dlr-url) are 1 delivered to
// the phone, 2 not delivered to the phone, 4 queued on the SMSC, 8 accepted by the SMSC and 16
// rejected by the SMSC.
enum class DeliveryStatus { kDelivered, kUndelivered, kBuffered, kSubmitted, kRejected };

// "delivered", "undelivered", "buffered", "submitted", "rejected".
std::string_view DeliveryStatusName(DeliveryStatus status);
// The status of Kannel report type `type`; empty for any other value.
std::optional<DeliveryStatus> DeliveryStatusOfKannelType(int type);
// True for delivered, undelivered and rejected, which no later report can change.
bool IsFinalDeliveryStatus(DeliveryStatus status);

// A token for one send: `token` goes into the report URL, `hash` into the outbox row.
struct ReportToken {
  std::string token;  // 43 characters of base64url (32 random bytes)
  std::string hash;   // lower-case hex SM3 of the token
};
ReportToken NewReportToken();
std::string HashReportToken(std::string_view token);

// The report URL for one send: `base` with the token and Kannel's escapes appended. Returns ""
// when `base` or `token` is empty, which sends no report request.
std::string ReportUrl(std::string_view base, std::string_view token);

struct DeliveryReport {
  std::string token;
  int kannel_type = 0;
  std::string provider_id;  // the SMSC's message id; may be empty
  std::string detail;       // the SMSC's reply; may be empty
};

enum class ReportOutcome {
  kRecorded,  // the row's delivery status changed
  kKept,      // the row already had a final status; the report is ignored
};

// Records `report` on the SMS row whose token hash matches. kNotFound for an unknown token,
// kInvalidField (field "type") for a type that is not one of Kannel's. The provider id is kept
// once set. `now` is Unix seconds.
Result<ReportOutcome> RecordDeliveryReport(store::Database& db, const DeliveryReport& report,
                                           int64_t now);

}  // namespace mingjing::notify
