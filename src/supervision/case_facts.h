// The facts the case rules judge: one case as stored, read once per judgement so
// that every rule is a pure function of these values.
#pragma once

#include <soci/soci.h>

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/service_item.h"
#include "common/error.h"
#include "exchange/case_query.h"
#include "exchange/event.h"
#include "exchange/fee_receipts.h"

namespace mingjing::supervision {

// One event of a case in its current version, with every correction applied to
// its fields and occurred_at.
struct CaseEvent {
  int64_t row_id = 0;  // case_events.id
  std::string event_id;
  exchange::EventType type = exchange::EventType::kSubmitted;
  int64_t occurred_at = 0;  // Unix seconds
  int64_t received_at = 0;  // when the platform stored its first version
  boost::json::object fields;

  std::string Text(std::string_view key) const;
  int64_t Number(std::string_view key) const;
};

// A stored event row before corrections are applied.
struct EventRow {
  int64_t row_id = 0;
  exchange::EventType type = exchange::EventType::kSubmitted;
  int64_t occurred_at = 0;
  int64_t received_at = 0;
  std::string payload;
  bool withdrawn = false;
};

struct CaseFacts {
  exchange::Case case_row;
  // Ordered by occurred_at, then by the order a case moves through the same second (submitted,
  // accepted, step, suspension, fee, step finished, return, completed), then by row id.
  // Withdrawn events and the correction and deletion events themselves are left out.
  std::vector<CaseEvent> events;
  std::vector<exchange::TamperAlarm> tamper_alarms;
  std::optional<catalog::ServiceItem> item;  // empty when the item is not in the catalogue
  int64_t first_received_at = 0;             // when the platform heard of the case
  int64_t now = 0;
  // The uses of this case's fee receipt numbers on other cases of its department or sending
  // system, at most kMaxReceiptUsesRead per receipt number.
  std::vector<exchange::ReceiptUse> receipt_uses_elsewhere;
};

inline constexpr int kMaxReceiptUsesRead = 20;

// Applies corrections, drops withdrawn events and orders the rest as CaseFacts::events.
std::vector<CaseEvent> CurrentEvents(const std::vector<EventRow>& rows);

// Reads the case `case_id` and everything CaseFacts holds. NotFound when there is no such case.
Result<CaseFacts> LoadCaseFacts(soci::session& session, int64_t case_id, int64_t now);

// The key of by_type settings for a case: "complaint" for complaints (信访, 投诉). Otherwise it is
// the catalogue's item type name ("licensing", "penalty", …) of the item, or of the type the
// sender stated when the item is not in the catalogue. "" when neither is known.
std::string ItemTypeKey(const CaseFacts& facts, bool flagged_complaint);

// Unicode characters of UTF-8 `text`, leading and trailing spaces not counted.
int CountCharacters(std::string_view text);

}  // namespace mingjing::supervision
