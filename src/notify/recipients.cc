#include "notify/recipients.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "store/row.h"

namespace mingjing::notify {
namespace {

constexpr std::array<std::string_view, 5> kDepartmentActs{
    "issued", "action:confirm_issue", "action:inquire", "action:order", "action:send_back"};
constexpr std::array<std::string_view, 2> kSupervisorActs{"action:appeal", "action:report"};

bool Contains(const auto& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void Merge(std::vector<Recipient>& recipients, Recipient next) {
  for (Recipient& known : recipients) {
    if (known.user_id != next.user_id) continue;
    known.department_member = known.department_member || next.department_member;
    known.supervisor = known.supervisor || next.supervisor;
    return;
  }
  recipients.push_back(std::move(next));
}

}  // namespace

std::vector<Recipient> FindRecipients(soci::session& session, const AlertNotice& notice,
                                      bool include_department) {
  std::vector<Recipient> recipients;

  // A division contains the alert's division when its code is a prefix of it (GB/T 2260 codes
  // nest by prefix).
  std::string division = notice.division_code;
  soci::rowset<soci::row> supervisors =
      (session.prepare << "SELECT DISTINCT u.id, u.phone FROM users u "
                          "JOIN user_roles r ON r.user_id = u.id "
                          "WHERE r.role = 'supervisor' AND u.disabled = 0 "
                          "AND substr(:division, 1, length(u.division_code)) = u.division_code",
       soci::use(division, "division"));
  for (const soci::row& row : supervisors) {
    Merge(recipients,
          {.user_id = store::Int64(row, 0), .phone = store::Text(row, 1), .supervisor = true});
  }

  if (include_department && notice.department_id != 0) {
    long long department_id = notice.department_id;
    soci::rowset<soci::row> members =
        (session.prepare << "SELECT DISTINCT u.id, u.phone FROM users u "
                            "JOIN user_roles r ON r.user_id = u.id "
                            "WHERE u.department_id = :department AND u.disabled = 0 "
                            "AND r.role IN ('department_head', 'department_staff')",
         soci::use(department_id, "department"));
    for (const soci::row& row : members) {
      Merge(recipients, {.user_id = store::Int64(row, 0),
                         .phone = store::Text(row, 1),
                         .department_member = true});
    }
  }

  std::sort(recipients.begin(), recipients.end(),
            [](const Recipient& a, const Recipient& b) { return a.user_id < b.user_id; });
  return recipients;
}

bool SmsRequired(const AlertNotice& notice, const Recipient& recipient) {
  if (recipient.phone.empty()) return false;

  bool grave = notice.level == "yellow" || notice.level == "red" || notice.handling == "order" ||
               notice.event == "action:order";
  if (!grave) return false;

  bool awaits_confirmation = notice.event == "issued" && notice.state == "pending";
  if (recipient.department_member && !awaits_confirmation &&
      Contains(kDepartmentActs, notice.event)) {
    return true;
  }
  return recipient.supervisor && (awaits_confirmation || Contains(kSupervisorActs, notice.event));
}

}  // namespace mingjing::notify
