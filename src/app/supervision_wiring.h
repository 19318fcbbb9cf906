// The supervision services of one process: the working calendar cache, the alert service with
// its outbox listener (every alert event writes its notice in the same transaction) and the
// judgement runner over the stored rules. `mingjing serve` also runs a TimerLoop on them, and
// `mingjing import events` judges each imported batch with them.
#pragma once

#include "app/platform.h"
#include "calendar/calendar_store.h"
#include "supervision/alert_service.h"
#include "supervision/judgement_runner.h"

namespace mingjing::app {

struct SupervisionServices {
  explicit SupervisionServices(Platform& platform);

  calendar::CalendarService calendars;
  supervision::AlertService alerts;
  supervision::JudgementRunner runner;
};

}  // namespace mingjing::app
