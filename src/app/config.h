// Effective configuration: defaults, then a TOML file, then MINGJING_* environment variables,
// then command-line flags, each overriding the one before.
#pragma once

#include <cstdint>
#include <string>

namespace mingjing::app {

struct Config {
  std::string config_file;                          // --config, MINGJING_CONFIG
  std::string database = "sqlite:var/mingjing.db";  // sqlite:PATH or postgresql://...
  std::string listen = "127.0.0.1:8080";            // HOST:PORT
  int io_threads = 0;                               // 0: one per core
  std::string data_dir = "var";                     // keys and uploads live here
  std::string web_root = "web/dist";                // built front end
  std::string tls_certificate;                      // PEM file; HTTPS when set with the key
  std::string tls_private_key;                      // PEM file
  uint64_t max_body_bytes = 8 * 1024 * 1024;        // request bodies over this get 413
  int request_timeout_seconds = 30;
  std::string log_level = "info";
  double rate_limit_per_second = 20;  // per client address; 0 turns the limit off
  double rate_limit_burst = 60;       // requests a client may make at once
  // Password logins per client address and minute, with a burst of 10. Each login keeps a
  // thread busy for a 256 MiB Argon2id hash, so this limit is far below the general one. 0 turns
  // it off.
  double login_attempts_per_minute = 30;
  bool access_log = true;             // one log line per response
  std::string ledger_hash = "sm3";    // sm3 or sha256; fixed once the ledger exists
  // [sms] in the TOML file, MINGJING_SMS_* in the environment: Kannel's smsbox.
  std::string sms_url;         // sendsms URL, e.g. http://127.0.0.1:13013/cgi-bin/sendsms; empty
                               // disables SMS (the outbox keeps SMS rows pending)
  std::string sms_username;    // smsbox sendsms-user username
  std::string sms_password;    // secret: masked in logs
  std::string sms_sender;      // "from" number; empty lets Kannel choose
  // Mingjing's delivery report route that Kannel calls back; empty requests no reports
  std::string sms_report_url;
  int sms_max_per_hour = 10;   // SMS per person per hour; more are delayed or merged
};

// Applies the TOML file named by config.config_file (if any), then the environment.
// Throws std::runtime_error naming the file, key and fix on a bad value.
void LoadConfig(Config& config);

// One line per setting, secrets and URL passwords masked, for the start-up log.
std::string DescribeConfig(const Config& config);

}  // namespace mingjing::app
