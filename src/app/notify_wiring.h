// The notification services of one `mingjing serve` process: a dispatcher thread publishes the
// console rows of the outbox to this server's SSE streams and sends the SMS rows through Kannel.
#pragma once

#include <memory>

#include "app/config.h"
#include "app/platform.h"
#include "http/sse.h"
#include "notify/dispatcher.h"
#include "notify/kannel_client.h"
#include "notify/outbox.h"
#include "supervision/alert_service.h"

namespace mingjing::app {

// The outbox notice of one alert event.
notify::AlertNotice NoticeOf(const supervision::AlertEvent& event);

class NotifyServices {
 public:
  // Starts the dispatcher. The outbox rows themselves are written by the listener that
  // SupervisionServices registers. SMS stay pending when sms_url is empty. Throws
  // std::runtime_error on an invalid sms_url.
  NotifyServices(Platform& platform, const Config& config, http::SseHub& hub);
  ~NotifyServices();

 private:
  std::unique_ptr<notify::KannelClient> kannel_;
  std::unique_ptr<notify::Dispatcher> dispatcher_;
};

}  // namespace mingjing::app
