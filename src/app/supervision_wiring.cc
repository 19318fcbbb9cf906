#include "app/supervision_wiring.h"

#include "notify/outbox.h"

namespace mingjing::app {
namespace {

// Writes the outbox rows of an alert event in the transaction that made it, so the console and
// SMS notices exist exactly when the change committed.
void EnqueueNotice(soci::session& session, const supervision::AlertEvent& e, int64_t now) {
  const supervision::Alert& a = e.alert;
  notify::EnqueueAlertNotice(session,
                             notify::AlertNotice{.alert_id = a.id,
                                                 .level = a.level,
                                                 .rule_code = a.rule_code,
                                                 .division_code = a.division_code,
                                                 .department_id = a.department_id,
                                                 .case_number = a.case_number,
                                                 .message_zh = a.message_zh,
                                                 .event = e.event,
                                                 .state = a.state,
                                                 .handling = a.handling},
                             now);
}

}  // namespace

SupervisionServices::SupervisionServices(Platform& platform)
    : calendars(*platform.db),
      alerts(*platform.ledger),
      runner(
          *platform.db, alerts,
          supervision::StoredRulesJudgeFactory(*platform.db,
                                               [this] { return calendars.Current(); }),
          [this] { return calendars.Current(); }, platform.clock) {
  alerts.AddListener(EnqueueNotice);
}

}  // namespace mingjing::app
