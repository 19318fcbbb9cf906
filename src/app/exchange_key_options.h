// The command-line options that `simulate` and `conformance` share: the server's URL and the
// business system's API key, given directly or read from a key file such as the
// var/demo-credentials.txt that `mingjing seed demo` writes.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "common/clock.h"
#include "exchange/signed_client.h"

namespace mingjing::app {

struct ExchangeKeyOptions {
  std::string url = "http://127.0.0.1:8080";
  std::string key_id;
  std::string key_secret;
  std::string key_file;
};

// Adds --url, --key-id, --key-secret (also MINGJING_KEY_SECRET) and --key-file to `command`.
void AddExchangeKeyOptions(CLI::App& command, ExchangeKeyOptions& options);

// A client for the options, after reading the key file when one is given. Logs the reason and
// throws CLI::RuntimeError(2) when the URL or the key is missing or invalid.
exchange::SignedClient OpenExchangeClient(const ExchangeKeyOptions& options, const Clock& clock);

}  // namespace mingjing::app
