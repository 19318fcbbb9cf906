#include "app/supervision_wiring.h"

#include "app/notify_wiring.h"
#include "notify/outbox.h"

namespace mingjing::app {

SupervisionServices::SupervisionServices(Platform& platform)
    : calendars(*platform.db),
      alerts(*platform.ledger),
      runner(*platform.db, alerts,
             supervision::StoredRulesJudgeFactory(*platform.db,
                                                  [this] { return calendars.Current(); }),
             [this] { return calendars.Current(); }, platform.clock) {
  // Every alert event writes its outbox notice in the transaction of the change, whichever
  // command raised it (serve, import events), so a card is never issued without its notice.
  alerts.AddListener([](soci::session& session, const supervision::AlertEvent& event, int64_t now) {
    notify::EnqueueAlertNotice(session, NoticeOf(event), now);
  });
}

}  // namespace mingjing::app
