#include "app/exchange_key_options.h"

#include <spdlog/spdlog.h>

#include <fstream>

namespace mingjing::app {
namespace {

[[noreturn]] void Fail(const std::string& message) {
  spdlog::error("{}", message);
  throw CLI::RuntimeError(2);
}

// Reads api_key_id= and api_key_secret= lines; other lines are ignored.
void ReadKeyFile(const std::string& path, std::string& key_id, std::string& secret) {
  std::ifstream in(path);
  if (!in) Fail("cannot read the key file " + path + ": check the path");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("api_key_id=") && key_id.empty()) key_id = line.substr(11);
    if (line.starts_with("api_key_secret=") && secret.empty()) secret = line.substr(15);
  }
}

}  // namespace

void AddExchangeKeyOptions(CLI::App& command, ExchangeKeyOptions& options) {
  command.add_option("--url", options.url, "the server, such as http://127.0.0.1:8080")
      ->capture_default_str();
  command.add_option("--key-id", options.key_id, "API key id of the business system (mk_...)");
  command.add_option("--key-secret", options.key_secret, "the key's secret")
      ->envname("MINGJING_KEY_SECRET");
  command.add_option("--key-file", options.key_file,
                     "file with api_key_id= and api_key_secret= lines, such as "
                     "var/demo-credentials.txt");
}

exchange::SignedClient OpenExchangeClient(const ExchangeKeyOptions& options, const Clock& clock) {
  std::string key_id = options.key_id;
  std::string secret = options.key_secret;
  if (!options.key_file.empty()) ReadKeyFile(options.key_file, key_id, secret);
  if (key_id.empty() || secret.empty()) {
    Fail("give the API key with --key-id and --key-secret, or with --key-file");
  }
  auto address = exchange::ParseServerUrl(options.url);
  if (!address) Fail(address.error().message);
  return exchange::SignedClient(*address, key_id, secret, clock);
}

}  // namespace mingjing::app
