#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/api_context.h"
#include "api/routes.h"
#include "app/commands.h"
#include "app/notify_wiring.h"
#include "app/platform.h"
#include "app/supervision_wiring.h"
#include "auth/request_signature.h"
#include "http/middleware.h"
#include "http/server.h"
#include "ledger/notary.h"
#include "supervision/rule_set.h"
#include "supervision/timer_schedule.h"

namespace mingjing::app {
namespace {

// Runs the periodic chores of one server: signing tree heads and purging expired nonces.
// Several servers on one PostgreSQL may all run it; both chores tolerate that.
class Housekeeper {
 public:
  Housekeeper(Platform& platform, ledger::Notary& notary) : platform_(platform), notary_(notary) {
    thread_ = std::thread([this] { Loop(); });
  }

  ~Housekeeper() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    SignHead();  // cover the last requests before exit
  }

 private:
  void Loop() {
    int ticks = 0;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      lock.unlock();
      SignHead();
      if (++ticks % 60 == 0) PurgeNonces();
      lock.lock();
    }
  }

  void SignHead() {
    try {
      notary_.SignCurrentHead();
    } catch (const std::exception& e) {
      spdlog::error("signing the ledger tree head failed: {}", e.what());
    }
  }

  void PurgeNonces() {
    try {
      auth::PurgeExpiredNonces(*platform_.db, platform_.clock);
    } catch (const std::exception& e) {
      spdlog::error("purging request nonces failed: {}", e.what());
    }
  }

  Platform& platform_;
  ledger::Notary& notary_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

void Serve(const Config& config) {
  spdlog::info("effective configuration: {}", DescribeConfig(config));
  int threads = config.io_threads > 0 ? config.io_threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
  auto platform = OpenPlatform(config, /*migrate=*/false, static_cast<size_t>(threads) + 2);
  supervision::EnsureDefaultRules(*platform->db, *platform->ledger, platform->clock);

  auto key = ledger::LoadOrCreateLedgerKey(config.data_dir);
  if (!key) {
    spdlog::error("cannot load the ledger signing key: {}", key.error().message);
    throw CLI::RuntimeError(2);
  }
  crypto::Sm2PublicKey public_key = key->PublicKey();
  ledger::Notary notary(*platform->db, platform->ledger->hasher(), *key, platform->clock,
                        ledger::TreeHeadAnchorPath(config.data_dir));

  http::ServerOptions options;
  options.listen = config.listen;
  options.io_threads = threads;
  options.max_body_bytes = config.max_body_bytes;
  options.web_root = config.web_root;
  options.tls_certificate_file = config.tls_certificate;
  options.tls_private_key_file = config.tls_private_key;
  options.readiness = [&platform]() -> Result<void> {
    if (platform->db->Ping()) return {};
    return Error{ErrorCode::kUnavailable, "the database did not respond to a ping", {}};
  };

  options.access_log = config.access_log;

  http::Server server(options);
  if (config.rate_limit_per_second > 0) {
    auto limiter = std::make_shared<http::RateLimiter>(
        http::RateLimitOptions{.requests_per_second = config.rate_limit_per_second,
                               .burst = std::max(1.0, config.rate_limit_burst)},
        platform->clock);
    server.router().UseBeforeBody(http::RateLimit(limiter));
  }

  api::ApiContext ctx{*platform->db, *platform->ledger, platform->clock,
                      auth::AuthContext{*platform->db, *platform->ledger, platform->clock, {}, {}}};
  ctx.secure_cookies = !config.tls_certificate.empty();
  ctx.ledger_public_key = &public_key;
  SupervisionServices services(*platform);
  ctx.supervision = &services.runner;
  if (config.login_attempts_per_minute > 0) {
    ctx.login_limiter = std::make_shared<http::RateLimiter>(
        http::RateLimitOptions{.requests_per_second = config.login_attempts_per_minute / 60.0,
                               .burst = 10},
        platform->clock);
  }
  http::SseHub alert_events;
  ctx.sse_hub = &alert_events;
  NotifyServices notices(*platform, config, alert_events);
  api::RegisterApi(server.router(), ctx);

  Housekeeper housekeeper(*platform, notary);
  services.runner.ScheduleTrends();
  supervision::TimerLoop timers(*platform->db, services.runner, platform->clock);
  timers.Start();
  services.runner.SetTimerWake([&timers] { timers.Wake(); });
  auto ran = server.Run();
  services.runner.SetTimerWake({});
  if (!ran) {
    spdlog::error("the server stopped: {}", ran.error().message);
    throw CLI::RuntimeError(1);
  }
  spdlog::info("server stopped; signing the final tree head");
}

}  // namespace

void RegisterServe(CLI::App& cli, Config& config) {
  auto* cmd = cli.add_subcommand("serve", "Serve the JSON API and the web front end");
  cmd->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  cmd->add_option("--listen", config.listen, "HOST:PORT to listen on");
  cmd->add_option("--threads", config.io_threads, "I/O threads, 0 for one per core");
  cmd->add_option("--web-root", config.web_root, "folder of the built front end");
  cmd->add_option("--data-dir", config.data_dir, "folder for the ledger key and uploads");
  cmd->callback([&config] { Serve(config); });
}

}  // namespace mingjing::app
