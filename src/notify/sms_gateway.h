// The interface through which the dispatcher hands SMS to a gateway, so tests can stand in for
// Kannel.
#pragma once

#include <cstdint>
#include <string>

namespace mingjing::notify {

struct SmsMessage {
  int64_t outbox_id = 0;
  std::string phone;
  std::string text;  // UTF-8
  // The token of this send's delivery reports (delivery_report.h); "" requests none.
  std::string report_token;
};

// The gateway's verdict on one message.
struct SmsSendOutcome {
  bool accepted = false;
  // A rejection that no retry can fix, e.g. an invalid number; the row is dead at once.
  bool permanent = false;
  std::string provider_id;  // the gateway's message id when it returns one
  std::string error;        // why it was not accepted; never contains credentials
};

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Sends one message; blocks for at most the gateway's configured timeout.
  virtual SmsSendOutcome Send(const SmsMessage& message) = 0;
};

}  // namespace mingjing::notify
