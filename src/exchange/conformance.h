// The conformance kit (一致性测试): a fixed list of checks that a vendor runs against a Mingjing
// server with its own API key, to see that its signing and its events follow the interface, and
// that the server answers as docs/interface.md says. The checks store a few cases numbered
// "CONF-<run>-<n>" in the key's division.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "exchange/signed_client.h"

namespace mingjing::exchange {

struct ConformanceCheck {
  std::string name;
  bool passed = false;
  std::string detail;  // what was expected and what came back, when the check failed
};

// Runs every check in order and returns one result per check. A check that cannot reach the
// server fails with the connection error; the later checks still run.
std::vector<ConformanceCheck> RunConformance(SignedClient& client, const Clock& clock);

}  // namespace mingjing::exchange
