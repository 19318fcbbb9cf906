// An SMS gateway client for Kannel's smsbox HTTP send interface (GET /cgi-bin/sendsms), over
// plain HTTP with Boost.Beast. Texts go as UTF-8 with coding=2 (UCS-2 on the air).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "notify/sms_gateway.h"

namespace mingjing::notify {

struct KannelSettings {
  // The smsbox sendsms URL; smsbox listens on its sendsms-port, 13013 in Kannel's examples.
  std::string send_url = "http://127.0.0.1:13013/cgi-bin/sendsms";
  std::string username;
  std::string password;  // never logged
  std::string sender;    // the "from" number; empty lets Kannel use its default
  // Mingjing's delivery report route, e.g. http://127.0.0.1:8080/api/v1/notify/sms-reports;
  // empty requests no reports. Each message's token and Kannel's escapes are appended to it
  // (ReportUrl in delivery_report.h).
  std::string report_url;
  std::chrono::milliseconds timeout{5000};
};

class KannelClient final : public SmsGateway {
 public:
  // Checks the URL: http only, with a host; errors name the `sms.url` setting.
  static Result<std::unique_ptr<KannelClient>> Create(KannelSettings settings);

  SmsSendOutcome Send(const SmsMessage& message) override;

  // The request target (path and query) for `message`, password included: for tests only.
  std::string RequestTarget(const SmsMessage& message) const;

 private:
  explicit KannelClient(KannelSettings settings) : settings_(std::move(settings)) {}

  KannelSettings settings_;
  std::string host_;
  std::string port_;
  std::string path_;   // e.g. "/cgi-bin/sendsms"
  std::string query_;  // the URL's own query, kept ahead of the message's parameters
};

// Percent-encodes every byte but the unreserved characters of RFC 3986 (A-Z a-z 0-9 - . _ ~),
// so "+" in a phone number survives Kannel's decoding of "+" as a space.
std::string PercentEncode(std::string_view text);

}  // namespace mingjing::notify
