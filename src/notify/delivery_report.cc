#include "notify/delivery_report.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "crypto/digest.h"
#include "crypto/encoding.h"
#include "crypto/random.h"
#include "notify/kannel_client.h"
#include "store/transaction.h"

namespace mingjing::notify {
namespace {

// Longest SMSC reply kept; Kannel's are one short line.
constexpr size_t kMaxDetailBytes = 500;
constexpr size_t kMaxProviderIdBytes = 128;

}  // namespace

std::string_view DeliveryStatusName(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::kDelivered:
      return "delivered";
    case DeliveryStatus::kUndelivered:
      return "undelivered";
    case DeliveryStatus::kBuffered:
      return "buffered";
    case DeliveryStatus::kSubmitted:
      return "submitted";
    case DeliveryStatus::kRejected:
      return "rejected";
  }
  return "submitted";
}

std::optional<DeliveryStatus> DeliveryStatusOfKannelType(int type) {
  switch (type) {
    case 1:
      return DeliveryStatus::kDelivered;
    case 2:
      return DeliveryStatus::kUndelivered;
    case 4:
      return DeliveryStatus::kBuffered;
    case 8:
      return DeliveryStatus::kSubmitted;
    case 16:
      return DeliveryStatus::kRejected;
    default:
      return std::nullopt;
  }
}

bool IsFinalDeliveryStatus(DeliveryStatus status) {
  return status == DeliveryStatus::kDelivered || status == DeliveryStatus::kUndelivered ||
         status == DeliveryStatus::kRejected;
}

std::string HashReportToken(std::string_view token) {
  return crypto::HexEncode(crypto::ComputeDigest(crypto::DigestAlgorithm::kSm3, token));
}

ReportToken NewReportToken() {
  ReportToken out;
  out.token = crypto::RandomTokenBase64Url(32);
  out.hash = HashReportToken(out.token);
  return out;
}

std::string ReportUrl(std::string_view base, std::string_view token) {
  if (base.empty() || token.empty()) return "";
  char separator = base.find('?') == std::string_view::npos ? '?' : '&';
  // %d, %F and %A stay as they are: Kannel replaces them when it calls the URL.
  return fmt::format("{}{}token={}&type=%d&provider_id=%F&detail=%A", base, separator,
                     PercentEncode(token));
}

Result<ReportOutcome> RecordDeliveryReport(store::Database& db, const DeliveryReport& report,
                                           int64_t now) {
  std::optional<DeliveryStatus> status = DeliveryStatusOfKannelType(report.kannel_type);
  if (!status) {
    return Error::InvalidField(
        "type", fmt::format("{} is not a Kannel delivery report type; expected 1, 2, 4, 8 or 16",
                            report.kannel_type));
  }
  std::string hash = HashReportToken(report.token);
  std::string provider_id = report.provider_id.substr(0, kMaxProviderIdBytes);
  std::string detail = report.detail.substr(0, kMaxDetailBytes);

  auto lease = db.Acquire();
  store::WriteTransaction tx(lease);
  long long id = 0;
  std::string current;
  *lease << "SELECT id, delivery_status FROM notify_outbox WHERE report_token_hash = :hash "
            "AND channel = 'sms'",
      soci::use(hash, "hash"), soci::into(id), soci::into(current);
  if (!lease->got_data()) return Error::NotFound("no SMS matches this report token");

  // Reports may arrive out of order: the SMSC's acceptance (8) after the delivery (1).
  bool has_final = false;
  for (DeliveryStatus s : {DeliveryStatus::kDelivered, DeliveryStatus::kUndelivered,
                           DeliveryStatus::kRejected}) {
    if (current == DeliveryStatusName(s)) has_final = true;
  }
  if (has_final) {
    tx.Commit();
    spdlog::info("SMS delivery report kept the final status: outbox_id={} status={} type={}", id,
                 current, report.kannel_type);
    return ReportOutcome::kKept;
  }

  std::string name(DeliveryStatusName(*status));
  int code = report.kannel_type;
  long long at = now;
  *lease << "UPDATE notify_outbox SET delivery_status = :status, delivery_code = :code, "
            "delivery_detail = :detail, delivery_reported_at = :at, "
            "provider_id = CASE WHEN provider_id = '' THEN :provider ELSE provider_id END "
            "WHERE id = :id",
      soci::use(name, "status"), soci::use(code, "code"), soci::use(detail, "detail"),
      soci::use(at, "at"), soci::use(provider_id, "provider"), soci::use(id, "id");
  tx.Commit();
  spdlog::info("SMS delivery report: outbox_id={} status={} type={} provider_id={}", id, name,
               code, provider_id);
  return ReportOutcome::kRecorded;
}

}  // namespace mingjing::notify
