#include "app/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mingjing::app {
namespace {

// One configurable setting: its TOML key (also the environment suffix, upper-cased) and how to
// store a text value into the struct.
struct Setting {
  const char* key;
  bool secret;
  std::function<void(Config&, const std::string&)> assign;
  std::function<std::string(const Config&)> show;
};

uint64_t ParseUnsigned(const std::string& key, const std::string& text) {
  try {
    size_t used = 0;
    unsigned long long v = std::stoull(text, &used);
    if (used != text.size()) throw std::invalid_argument("trailing characters");
    return v;
  } catch (const std::exception&) {
    throw std::runtime_error(
        fmt::format("invalid value '{}' for {}: expected a whole number", text, key));
  }
}

double ParseNumber(const std::string& key, const std::string& text) {
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size() || v < 0) throw std::invalid_argument("bad number");
    return v;
  } catch (const std::exception&) {
    throw std::runtime_error(
        fmt::format("invalid value '{}' for {}: expected a number of 0 or more", text, key));
  }
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> settings = {
      {"database", false, [](Config& c, const std::string& v) { c.database = v; },
       [](const Config& c) { return c.database; }},
      {"listen", false, [](Config& c, const std::string& v) { c.listen = v; },
       [](const Config& c) { return c.listen; }},
      {"io_threads", false,
       [](Config& c, const std::string& v) {
         c.io_threads = static_cast<int>(ParseUnsigned("io_threads", v));
       },
       [](const Config& c) { return std::to_string(c.io_threads); }},
      {"data_dir", false, [](Config& c, const std::string& v) { c.data_dir = v; },
       [](const Config& c) { return c.data_dir; }},
      {"web_root", false, [](Config& c, const std::string& v) { c.web_root = v; },
       [](const Config& c) { return c.web_root; }},
      {"tls_certificate", false, [](Config& c, const std::string& v) { c.tls_certificate = v; },
       [](const Config& c) { return c.tls_certificate; }},
      {"tls_private_key", false, [](Config& c, const std::string& v) { c.tls_private_key = v; },
       [](const Config& c) { return c.tls_private_key; }},
      {"max_body_bytes", false,
       [](Config& c, const std::string& v) {
         c.max_body_bytes = ParseUnsigned("max_body_bytes", v);
       },
       [](const Config& c) { return std::to_string(c.max_body_bytes); }},
      {"request_timeout_seconds", false,
       [](Config& c, const std::string& v) {
         c.request_timeout_seconds = static_cast<int>(ParseUnsigned("request_timeout_seconds", v));
       },
       [](const Config& c) { return std::to_string(c.request_timeout_seconds); }},
      {"log_level", false, [](Config& c, const std::string& v) { c.log_level = v; },
       [](const Config& c) { return c.log_level; }},
      {"rate_limit_per_second", false,
       [](Config& c, const std::string& v) {
         c.rate_limit_per_second = ParseNumber("rate_limit_per_second", v);
       },
       [](const Config& c) { return fmt::format("{}", c.rate_limit_per_second); }},
      {"rate_limit_burst", false,
       [](Config& c, const std::string& v) {
         c.rate_limit_burst = ParseNumber("rate_limit_burst", v);
       },
       [](const Config& c) { return fmt::format("{}", c.rate_limit_burst); }},
      {"login_attempts_per_minute", false,
       [](Config& c, const std::string& v) {
         c.login_attempts_per_minute = ParseNumber("login_attempts_per_minute", v);
       },
       [](const Config& c) { return fmt::format("{}", c.login_attempts_per_minute); }},
      {"access_log", false,
       [](Config& c, const std::string& v) {
         if (v != "true" && v != "false") {
           throw std::runtime_error("invalid value '" + v + "' for access_log: use true or false");
         }
         c.access_log = v == "true";
       },
       [](const Config& c) { return std::string(c.access_log ? "true" : "false"); }},
      {"ledger_hash", false, [](Config& c, const std::string& v) { c.ledger_hash = v; },
       [](const Config& c) { return c.ledger_hash; }},
      {"sms_url", false, [](Config& c, const std::string& v) { c.sms_url = v; },
       [](const Config& c) { return c.sms_url; }},
      {"sms_username", false, [](Config& c, const std::string& v) { c.sms_username = v; },
       [](const Config& c) { return c.sms_username; }},
      {"sms_password", true, [](Config& c, const std::string& v) { c.sms_password = v; },
       [](const Config& c) { return c.sms_password; }},
      {"sms_sender", false, [](Config& c, const std::string& v) { c.sms_sender = v; },
       [](const Config& c) { return c.sms_sender; }},
      {"sms_report_url", false, [](Config& c, const std::string& v) { c.sms_report_url = v; },
       [](const Config& c) { return c.sms_report_url; }},
      {"sms_max_per_hour", false,
       [](Config& c, const std::string& v) {
         c.sms_max_per_hour = static_cast<int>(ParseUnsigned("sms_max_per_hour", v));
       },
       [](const Config& c) { return std::to_string(c.sms_max_per_hour); }},
  };
  return settings;
}

std::string TomlValueAsText(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<int64_t>()) return std::to_string(*i);
  if (auto b = node.value<bool>()) return *b ? "true" : "false";
  if (auto d = node.value<double>()) return fmt::format("{}", *d);
  return {};
}

std::string EnvName(const char* key) {
  std::string name = "MINGJING_";
  for (const char* p = key; *p; ++p) name += static_cast<char>(std::toupper(*p));
  return name;
}

// Hides the password of a URL such as postgresql://user:secret@host/db.
std::string MaskUrlPassword(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

void LoadConfig(Config& config) {
  if (!config.config_file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(config.config_file);
    } catch (const toml::parse_error& e) {
      throw std::runtime_error(
          fmt::format("invalid configuration file {}: {}", config.config_file, e.description()));
    }
    // A table's keys are settings named "<table>_<key>": [sms] url= is the setting sms_url,
    // whose environment variable is MINGJING_SMS_URL.
    std::vector<std::pair<std::string, const toml::node*>> entries;
    for (const auto& [key, node] : table) {
      if (const toml::table* section = node.as_table()) {
        for (const auto& [inner, value] : *section) {
          entries.emplace_back(std::string(key.str()) + "_" + std::string(inner.str()), &value);
        }
      } else {
        entries.emplace_back(std::string(key.str()), &node);
      }
    }
    for (const auto& [key, node] : entries) {
      auto it = std::find_if(Settings().begin(), Settings().end(),
                             [&](const Setting& s) { return key == s.key; });
      if (it == Settings().end()) {
        throw std::runtime_error(fmt::format(
            "unknown key '{}' in configuration file {}: remove it or check its spelling", key,
            config.config_file));
      }
      it->assign(config, TomlValueAsText(*node));
    }
  }

  for (const Setting& s : Settings()) {
    if (const char* v = std::getenv(EnvName(s.key).c_str())) s.assign(config, v);
  }
}

std::string DescribeConfig(const Config& config) {
  std::string out;
  for (const Setting& s : Settings()) {
    std::string value = s.show(config);
    if (s.secret && !value.empty()) value = "***";
    out += fmt::format("{}={} ", s.key, MaskUrlPassword(value));
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace mingjing::app
