#include "supervision/case_facts.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "catalog/item_store.h"
#include "common/text.h"
#include "exchange/case_query.h"
#include "exchange/case_state.h"
#include "store/row.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using exchange::EventType;

std::string TextOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<json::object> ParseObject(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::vector<EventRow> ReadEventRows(soci::session& session, int64_t case_id) {
  long long key = case_id;
  std::vector<EventRow> out;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT id, event_type, occurred_at, received_at, payload, withdrawn "
                          "FROM case_events WHERE case_id = :c",
       soci::use(key));
  for (const soci::row& r : rows) {
    auto type = exchange::ParseEventType(store::Text(r, 1));
    if (!type) continue;
    out.push_back(EventRow{store::Int64(r, 0), *type, store::Int64(r, 2), store::Int64(r, 3),
                           store::Text(r, 4), store::Int64(r, 5) != 0});
  }
  return out;
}

std::vector<exchange::TamperAlarm> ReadTamperAlarms(soci::session& session, int64_t case_id) {
  long long key = case_id;
  std::vector<exchange::TamperAlarm> out;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT id, case_id, event_id, kind, old_version, new_version, "
                          "raised_at FROM tamper_alarms WHERE case_id = :c ORDER BY id",
       soci::use(key));
  for (const soci::row& r : rows) {
    out.push_back(exchange::TamperAlarm{store::Int64(r, 0), store::Int64(r, 1), store::Text(r, 2),
                                        store::Text(r, 3), store::Int64(r, 4), store::Int64(r, 5),
                                        store::Int64(r, 6)});
  }
  return out;
}

// One lookup per distinct receipt number of the case's fees.
std::vector<exchange::ReceiptUse> ReadReceiptUsesElsewhere(soci::session& session,
                                                           const CaseFacts& facts) {
  const exchange::Case& c = facts.case_row;
  std::string department = exchange::DepartmentKey(c.department_id, c.department_code);
  std::vector<std::string> looked_up;
  std::vector<exchange::ReceiptUse> out;
  for (const CaseEvent& e : facts.events) {
    if (e.type != EventType::kFeeCharged) continue;
    std::string receipt(TrimSpaces(e.Text("receipt_number")));
    if (receipt.empty() || std::find(looked_up.begin(), looked_up.end(), receipt) != looked_up.end()) {
      continue;
    }
    looked_up.push_back(receipt);
    for (exchange::ReceiptUse& use : exchange::FindReceiptUsesElsewhere(
             session, c.id, c.sender_system, department, receipt, kMaxReceiptUsesRead)) {
      out.push_back(std::move(use));
    }
  }
  return out;
}

}  // namespace

std::string CaseEvent::Text(std::string_view key) const { return TextOf(fields, key); }

int64_t CaseEvent::Number(std::string_view key) const {
  const json::value* v = fields.if_contains(key);
  if (v && (v->is_int64() || v->is_uint64())) return v->to_number<int64_t>();
  return 0;
}

std::vector<CaseEvent> CurrentEvents(const std::vector<EventRow>& rows) {
  std::vector<const EventRow*> ordered;
  for (const EventRow& row : rows) ordered.push_back(&row);
  // Corrections apply in the order they occurred, so a later correction wins.
  std::sort(ordered.begin(), ordered.end(), [](const EventRow* a, const EventRow* b) {
    return std::tie(a->occurred_at, a->row_id) < std::tie(b->occurred_at, b->row_id);
  });

  std::vector<CaseEvent> events;
  std::map<std::string, size_t> index_of;
  std::vector<json::object> corrections;
  for (const EventRow* row : ordered) {
    if (row->withdrawn || row->type == EventType::kDeleted) continue;
    auto payload = ParseObject(row->payload);
    if (!payload) continue;  // stored payloads are canonical JSON objects
    if (row->type == EventType::kCorrection) {
      corrections.push_back(std::move(*payload));
      continue;
    }
    CaseEvent e{row->row_id,      TextOf(*payload, "event_id"), row->type, row->occurred_at,
                row->received_at, std::move(*payload)};
    index_of[e.event_id] = events.size();
    events.push_back(std::move(e));
  }

  for (const json::object& correction : corrections) {
    auto target = index_of.find(TextOf(correction, "corrects_event_id"));
    const json::value* values = correction.if_contains("values");
    if (target == index_of.end() || !values || !values->is_object()) continue;
    CaseEvent& e = events[target->second];
    for (const auto& [key, value] : values->get_object()) e.fields[key] = value;
    if (auto when = exchange::ParseRfc3339(e.Text("occurred_at"))) e.occurred_at = *when;
  }

  std::sort(events.begin(), events.end(), [](const CaseEvent& a, const CaseEvent& b) {
    return std::make_tuple(a.occurred_at, exchange::EventOrderRank(a.type), a.row_id) <
           std::make_tuple(b.occurred_at, exchange::EventOrderRank(b.type), b.row_id);
  });
  return events;
}

Result<CaseFacts> LoadCaseFacts(soci::session& session, int64_t case_id, int64_t now) {
  CaseFacts facts;
  std::optional<exchange::Case> c = exchange::FindCase(session, case_id);
  if (!c) return Error::NotFound("case not found");
  facts.case_row = std::move(*c);
  facts.first_received_at = facts.case_row.created_at;
  facts.events = CurrentEvents(ReadEventRows(session, case_id));
  facts.tamper_alarms = ReadTamperAlarms(session, case_id);
  facts.item = catalog::FindItemByCode(session, facts.case_row.item_code);
  facts.now = now;
  facts.receipt_uses_elsewhere = ReadReceiptUsesElsewhere(session, facts);
  return facts;
}

std::string ItemTypeKey(const CaseFacts& facts, bool flagged_complaint) {
  const std::string& stated = facts.case_row.item_type;
  bool complaint = flagged_complaint || stated == "complaint" ||
                   stated.find("投诉") != std::string::npos ||
                   stated.find("信访") != std::string::npos;
  if (complaint) return "complaint";
  if (facts.item) return std::string(catalog::ItemTypeName(facts.item->type));

  static const std::pair<std::string_view, std::string_view> kChineseNames[] = {
      {"行政许可", "licensing"},
      {"行政处罚", "penalty"},
      {"行政确认", "confirmation"},
      {"行政给付", "payment"},
      {"公共服务", "public_service"}};
  for (const auto& [chinese, key] : kChineseNames) {
    if (stated == chinese) return std::string(key);
  }
  if (catalog::ParseItemType(stated)) return stated;
  return stated.empty() ? "" : "other";
}

int CountCharacters(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  // "\u3000" is the ideographic space that Chinese text pads with.
  while (text.starts_with("\u3000")) text.remove_prefix(3);
  while (text.ends_with("\u3000")) text.remove_suffix(3);
  int count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // not a continuation byte
  }
  return count;
}

}  // namespace mingjing::supervision
