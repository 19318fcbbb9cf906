// The recipients of alert notices, and which of them also get an SMS.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "notify/outbox.h"

namespace mingjing::notify {

struct Recipient {
  int64_t user_id = 0;
  std::string phone;               // empty when the account has none
  bool department_member = false;  // head or staff of the alert's department
  bool supervisor = false;         // supervisor whose division contains the alert's division
};

// The enabled accounts to notify of `notice`, ordered by id: the supervisors whose division is
// a prefix of the alert's division, and, when `include_department` is set, the head and staff
// of the alert's department. An account that is both appears once with both flags.
std::vector<Recipient> FindRecipients(soci::session& session, const AlertNotice& notice,
                                      bool include_department);

// True when `notice` calls for an SMS to `recipient`. Only yellow and red cards and supervision
// orders go by SMS, and only to the side that must act next. The department is texted when a
// card is issued, inquired about, ordered or sent back. Supervisors are texted when a card awaits
// their confirmation, is appealed or its rectification is reported.
bool SmsRequired(const AlertNotice& notice, const Recipient& recipient);

}  // namespace mingjing::notify
