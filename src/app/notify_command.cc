// `mingjing notify test-sms`: queues one SMS for an account so an operator can check the whole
// path (outbox, a running server's dispatcher, Kannel, the SMS centre) before relying on it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "app/platform.h"
#include "notify/outbox.h"
#include "notify/sms_text.h"
#include "org/user.h"
#include "store/transaction.h"

namespace mingjing::app {
namespace {

constexpr const char* kDefaultText = "【明镜监察】测试短信：短信通道工作正常。";

void QueueTestSms(const Config& config, const std::string& username, const std::string& text) {
  auto platform = OpenPlatform(config, /*migrate=*/false, 1);
  auto user = org::FindUserByName(*platform->db, username);
  if (!user) {
    spdlog::error(
        "account {} not found: check the username with `mingjing seed` output or the "
        "console",
        username);
    throw CLI::RuntimeError(2);
  }
  if (user->phone.empty()) {
    spdlog::error("account {} has no phone number: set one in the console first", username);
    throw CLI::RuntimeError(2);
  }
  if (notify::CountCharacters(text) > notify::kSmsSegmentCharacters) {
    spdlog::error("the text has {} characters; one SMS segment carries at most {}",
                  notify::CountCharacters(text), notify::kSmsSegmentCharacters);
    throw CLI::RuntimeError(2);
  }

  auto lease = platform->db->Acquire();
  store::WriteTransaction tx(lease);
  int64_t id =
      notify::EnqueueTestSms(*lease, user->id, user->phone, text, platform->clock.NowSeconds());
  tx.Commit();
  fmt::print("queued test SMS {} for {} at {}; a running server sends it\n", id, username,
             notify::MaskPhone(user->phone));
}

}  // namespace

void RegisterNotify(CLI::App& cli, Config& config) {
  auto* notify = cli.add_subcommand("notify", "Notification tools");
  notify->require_subcommand(1);

  auto* test = notify->add_subcommand("test-sms", "Queue one SMS to an account's phone");
  auto username = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>(kDefaultText);
  test->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
  test->add_option("--user", *username, "login name of the account to text")->required();
  test->add_option("--text", *text, "the message, at most 70 characters");
  test->callback([&config, username, text] { QueueTestSms(config, *username, *text); });
}

}  // namespace mingjing::app
