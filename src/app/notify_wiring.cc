#include "app/notify_wiring.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "api/stream_routes.h"

namespace mingjing::app {

notify::AlertNotice NoticeOf(const supervision::AlertEvent& event) {
  const supervision::Alert& alert = event.alert;
  return {.alert_id = alert.id,
          .level = alert.level,
          .rule_code = alert.rule_code,
          .division_code = alert.division_code,
          .department_id = alert.department_id,
          .case_number = alert.case_number,
          .message_zh = alert.message_zh,
          .event = event.event,
          .state = alert.state,
          .handling = alert.handling};
}

NotifyServices::NotifyServices(Platform& platform, const Config& config, http::SseHub& hub) {
  if (!config.sms_url.empty()) {
    auto client = notify::KannelClient::Create({.send_url = config.sms_url,
                                                .username = config.sms_username,
                                                .password = config.sms_password,
                                                .sender = config.sms_sender,
                                                .report_url = config.sms_report_url});
    if (!client) throw std::runtime_error(client.error().message);
    kannel_ = std::move(*client);
  } else {
    spdlog::warn("sms_url is not set: SMS notices stay pending in the outbox");
  }

  notify::DispatcherOptions options;
  options.rate_limit.max_messages = config.sms_max_per_hour;
  dispatcher_ = std::make_unique<notify::Dispatcher>(
      *platform.db, platform.clock, kannel_.get(),
      [&hub](int64_t recipient_id, int64_t outbox_id, const std::string& body) {
        api::PublishAlertNotice(hub, recipient_id, outbox_id, body);
      },
      options);
  dispatcher_->Start();
}

NotifyServices::~NotifyServices() { dispatcher_->Stop(); }

}  // namespace mingjing::app
