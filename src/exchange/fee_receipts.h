// The receipt numbers of fees across cases (the fee_receipts table). The exchange keeps one row
// per current fee event of a case, and the fee rules look up whether another case of the same
// department or the same sending system carries a receipt number too.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mingjing::exchange {

// One fee of a case as the index keeps it.
struct FeeReceipt {
  int64_t event_row_id = 0;  // case_events.id of the fee_charged event
  std::string receipt_number;
  int64_t occurred_at = 0;
};

// The key that groups a case's receipts by department: "id:<id>" when the sender gave the
// platform's department id, else "code:<code>", else "". NOTE: a department that one system names
// by id and another by code gets two keys, so receipts shared between them are matched only
// when both cases come from the same system.
std::string DepartmentKey(int64_t department_id, std::string_view department_code);

// Replaces the index rows of case `case_id` with `fees`, inside the caller's transaction. Fees
// with an empty receipt number are left out.
void StoreFeeReceipts(soci::session& session, int64_t case_id, const std::string& sender_system,
                      const std::string& department_key, const std::vector<FeeReceipt>& fees);

// A use of a receipt number on another case.
struct ReceiptUse {
  std::string receipt_number;
  int64_t case_id = 0;
  std::string case_number;
  std::string sender_system;
  std::string department_code;
  int64_t department_id = 0;
  std::string event_id;  // the fee_charged event on that case
  int64_t occurred_at = 0;
  bool same_department = false;  // else only the sending system is shared
};

// The uses of `receipt_number` on cases other than `case_id` that share its department key or
// its sending system, oldest first, at most `limit`. One indexed lookup on the receipt number.
std::vector<ReceiptUse> FindReceiptUsesElsewhere(soci::session& session, int64_t case_id,
                                                 const std::string& sender_system,
                                                 const std::string& department_key,
                                                 const std::string& receipt_number, int limit);

// The other cases that share a receipt number with case `case_id` by department or sending
// system, at most `limit`: the cases to judge again after `case_id` changed.
std::vector<int64_t> CasesSharingReceipts(soci::session& session, int64_t case_id, int limit);

}  // namespace mingjing::exchange
