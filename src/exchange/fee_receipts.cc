#include "exchange/fee_receipts.h"

#include <fmt/format.h>

#include "store/row.h"

namespace mingjing::exchange {

std::string DepartmentKey(int64_t department_id, std::string_view department_code) {
  if (department_id > 0) return fmt::format("id:{}", department_id);
  if (!department_code.empty()) return fmt::format("code:{}", department_code);
  return "";
}

void StoreFeeReceipts(soci::session& session, int64_t case_id, const std::string& sender_system,
                      const std::string& department_key, const std::vector<FeeReceipt>& fees) {
  long long case_key = case_id;
  session << "DELETE FROM fee_receipts WHERE case_id = :c", soci::use(case_key);
  for (const FeeReceipt& fee : fees) {
    if (fee.receipt_number.empty()) continue;
    long long row = fee.event_row_id;
    long long occurred = fee.occurred_at;
    session << "INSERT INTO fee_receipts (event_row_id, case_id, receipt_number, sender_system, "
               "department_key, occurred_at) VALUES (:e, :c, :n, :s, :d, :o)",
        soci::use(row), soci::use(case_key), soci::use(fee.receipt_number),
        soci::use(sender_system), soci::use(department_key), soci::use(occurred);
  }
}

std::vector<ReceiptUse> FindReceiptUsesElsewhere(soci::session& session, int64_t case_id,
                                                 const std::string& sender_system,
                                                 const std::string& department_key,
                                                 const std::string& receipt_number, int limit) {
  long long case_key = case_id;
  // A case with no department key is matched by its sending system alone.
  std::string shared = department_key.empty()
                           ? "r.sender_system = :s"
                           : "(r.sender_system = :s OR r.department_key = :d)";
  std::string sql =
      "SELECT r.receipt_number, r.case_id, c.case_number, c.sender_system, c.department_code, "
      "c.department_id, e.event_id, r.occurred_at, r.department_key FROM fee_receipts r "
      "JOIN cases c ON c.id = r.case_id JOIN case_events e ON e.id = r.event_row_id "
      "WHERE r.receipt_number = :n AND r.case_id <> :c AND " +
      shared + " ORDER BY r.occurred_at, r.case_id LIMIT " + std::to_string(limit);

  std::vector<ReceiptUse> out;
  auto read = [&](soci::rowset<soci::row>& rows) {
    for (const soci::row& r : rows) {
      ReceiptUse use;
      use.receipt_number = store::Text(r, 0);
      use.case_id = store::Int64(r, 1);
      use.case_number = store::Text(r, 2);
      use.sender_system = store::Text(r, 3);
      use.department_code = store::Text(r, 4);
      use.department_id = store::Int64(r, 5);
      use.event_id = store::Text(r, 6);
      use.occurred_at = store::Int64(r, 7);
      use.same_department = !department_key.empty() && store::Text(r, 8) == department_key;
      out.push_back(std::move(use));
    }
  };
  if (department_key.empty()) {
    soci::rowset<soci::row> rows = (session.prepare << sql, soci::use(receipt_number),
                                    soci::use(case_key), soci::use(sender_system));
    read(rows);
  } else {
    soci::rowset<soci::row> rows =
        (session.prepare << sql, soci::use(receipt_number), soci::use(case_key),
         soci::use(sender_system), soci::use(department_key));
    read(rows);
  }
  return out;
}

std::vector<int64_t> CasesSharingReceipts(soci::session& session, int64_t case_id, int limit) {
  long long case_key = case_id;
  std::vector<int64_t> out;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT DISTINCT other.case_id FROM fee_receipts own "
                          "JOIN fee_receipts other ON other.receipt_number = own.receipt_number "
                          "AND other.case_id <> own.case_id "
                          "AND ((own.department_key <> '' "
                          "AND other.department_key = own.department_key) "
                          "OR other.sender_system = own.sender_system) "
                          "WHERE own.case_id = :c ORDER BY other.case_id LIMIT " +
                              std::to_string(limit),
       soci::use(case_key));
  for (const soci::row& r : rows) out.push_back(store::Int64(r, 0));
  return out;
}

}  // namespace mingjing::exchange
