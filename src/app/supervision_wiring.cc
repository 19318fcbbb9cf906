#include "app/supervision_wiring.h"

namespace mingjing::app {

SupervisionServices::SupervisionServices(Platform& platform)
    : calendars(*platform.db),
      alerts(*platform.ledger),
      runner(*platform.db, alerts,
             supervision::StoredRulesJudgeFactory(*platform.db,
                                                  [this] { return calendars.Current(); }),
             [this] { return calendars.Current(); }, platform.clock) {}

}  // namespace mingjing::app
