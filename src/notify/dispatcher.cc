#include "notify/dispatcher.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "notify/delivery_report.h"
#include "notify/sms_text.h"
#include "store/row.h"
#include "store/transaction.h"

namespace mingjing::notify {
namespace {

// The condition of an SMS row that is due and unclaimed at :now.
constexpr const char* kDueSms =
    "channel = 'sms' AND state IN ('pending', 'failed') AND next_attempt_at <= :now "
    "AND claimed_until <= :now";

struct ClaimedSms {
  SmsMessage message;
  int attempts = 0;
};

std::vector<int64_t> Ids(soci::session& session, const std::string& sql, long long recipient,
                         long long now) {
  std::vector<int64_t> ids;
  soci::rowset<soci::row> rows =
      (session.prepare << sql, soci::use(recipient, "recipient"), soci::use(now, "now"));
  for (const soci::row& row : rows) ids.push_back(store::Int64(row, 0));
  return ids;
}

// Moments at which SMS to the recipient were sent, or claimed by a dispatcher still at work
// (counted as sent now), for the rate limit.
std::vector<int64_t> RecentSends(soci::session& session, long long recipient, long long now,
                                 int64_t window_seconds) {
  std::vector<int64_t> sends;
  long long window_start = now - window_seconds;
  soci::rowset<soci::row> sent =
      (session.prepare << "SELECT sent_at FROM notify_outbox WHERE recipient_id = :recipient "
                          "AND channel = 'sms' AND state = 'sent' AND sent_at > :start",
       soci::use(recipient, "recipient"), soci::use(window_start, "start"));
  for (const soci::row& row : sent) sends.push_back(store::Int64(row, 0));

  soci::rowset<soci::row> in_flight =
      (session.prepare << "SELECT id FROM notify_outbox WHERE recipient_id = :recipient "
                          "AND channel = 'sms' AND state IN ('pending', 'failed') "
                          "AND claimed_until > :now",
       soci::use(recipient, "recipient"), soci::use(now, "now"));
  for (const soci::row& row : in_flight) {
    (void)row;
    sends.push_back(now);
  }
  return sends;
}

// Every send gets a fresh report token, so a report about an earlier try of the same row
// finds no row and is rejected.
ClaimedSms Claim(soci::session& session, int64_t id, long long claim_until) {
  long long row_id = id;
  ReportToken token = NewReportToken();
  session << "UPDATE notify_outbox SET claimed_until = :until, attempts = attempts + 1, "
             "report_token_hash = :token WHERE id = :id",
      soci::use(claim_until, "until"), soci::use(token.hash, "token"), soci::use(row_id, "id");

  ClaimedSms claimed;
  claimed.message.outbox_id = id;
  claimed.message.report_token = token.token;
  session << "SELECT phone, body, attempts FROM notify_outbox WHERE id = :id",
      soci::into(claimed.message.phone), soci::into(claimed.message.text),
      soci::into(claimed.attempts), soci::use(row_id, "id");
  return claimed;
}

// Folds `ids` into one new digest row, claimed for sending, and returns it.
ClaimedSms ClaimDigest(soci::session& session, long long recipient, const std::vector<int64_t>& ids,
                       long long now, long long claim_until) {
  DigestCounts counts;
  std::string phone;
  for (int64_t id : ids) {
    long long row_id = id;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT o.phone, a.level, a.handling FROM notify_outbox o "
                            "LEFT JOIN alerts a ON a.id = o.alert_id WHERE o.id = :id",
         soci::use(row_id, "id"));
    for (const soci::row& row : rows) {
      phone = store::Text(row, 0);  // the newest row's number wins
      std::string level = store::Text(row, 1);
      if (level == "red") {
        ++counts.red;
      } else if (level == "yellow") {
        ++counts.yellow;
      } else {
        ++counts.other;
      }
    }
  }

  ClaimedSms digest;
  digest.message.phone = phone;
  digest.message.text = RenderDigestSms(counts);
  digest.attempts = 1;
  ReportToken token = NewReportToken();
  digest.message.report_token = token.token;
  long long digest_id = 0;
  session << "INSERT INTO notify_outbox (channel, recipient_id, phone, template_code, body, "
             "state, attempts, next_attempt_at, claimed_until, created_at, report_token_hash) "
             "VALUES ('sms', :recipient, :phone, 'sms.digest', :body, 'pending', 1, :now, "
             ":until, :created, :token) RETURNING id",
      soci::use(recipient, "recipient"), soci::use(digest.message.phone, "phone"),
      soci::use(digest.message.text, "body"), soci::use(now, "now"),
      soci::use(claim_until, "until"), soci::use(now, "created"), soci::use(token.hash, "token"),
      soci::into(digest_id);
  digest.message.outbox_id = digest_id;

  for (int64_t id : ids) {
    long long row_id = id;
    session << "UPDATE notify_outbox SET state = 'merged', digest_id = :digest WHERE id = :id",
        soci::use(digest_id, "digest"), soci::use(row_id, "id");
  }
  return digest;
}

}  // namespace

Dispatcher::Dispatcher(store::Database& db, const Clock& clock, SmsGateway* gateway,
                       SsePublisher publisher, DispatcherOptions options)
    : db_(db),
      clock_(clock),
      gateway_(gateway),
      publisher_(std::move(publisher)),
      options_(options) {
  // Consoles that were connected before this server started catch up through Last-Event-ID, so
  // the rows already in the outbox are not published again.
  auto lease = db_.Acquire();
  long long max_id = 0;
  soci::indicator null_marker = soci::i_ok;
  *lease << "SELECT MAX(id) FROM notify_outbox WHERE channel = 'sse'",
      soci::into(max_id, null_marker);
  sse_floor_id_ = null_marker == soci::i_ok ? max_id : 0;
}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
  spdlog::info("notification dispatcher started: poll_interval_ms={} sms_gateway={}",
               options_.poll_interval.count(), gateway_ != nullptr ? "kannel" : "none");
}

void Dispatcher::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  spdlog::info("notification dispatcher stopped");
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Dispatcher::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    DispatchOnce();
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_ || woken_; });
  }
}

DispatchStats Dispatcher::DispatchOnce() {
  DispatchStats stats;
  try {
    if (publisher_) stats.sse_published = PublishSse();
  } catch (const std::exception& e) {
    spdlog::error("publishing console notices failed: {}", e.what());
  }
  try {
    if (gateway_ != nullptr) SendSms(stats);
  } catch (const std::exception& e) {
    spdlog::error("sending SMS notices failed: {}", e.what());
  }
  return stats;
}

int Dispatcher::PublishSse() {
  long long now = clock_.NowSeconds();
  long long since = now - options_.sse_lookback_seconds;
  long long floor = sse_floor_id_;

  struct Row {
    int64_t id;
    int64_t recipient_id;
    std::string body;
    int64_t created_at;
  };
  std::vector<Row> fresh;
  auto lease = db_.Acquire();
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT id, recipient_id, body, created_at FROM notify_outbox "
                         "WHERE channel = 'sse' AND id > :floor AND created_at >= :since "
                         "ORDER BY id",
       soci::use(floor, "floor"), soci::use(since, "since"));
  for (const soci::row& row : rows) {
    int64_t id = store::Int64(row, 0);
    if (published_.contains(id)) continue;
    fresh.push_back({id, store::Int64(row, 1), store::Text(row, 2), store::Int64(row, 3)});
  }

  for (const Row& row : fresh) {
    publisher_(row.recipient_id, row.id, row.body);
    published_[row.id] = row.created_at;
  }
  std::erase_if(published_, [since](const auto& entry) { return entry.second < since; });
  if (fresh.empty()) return 0;

  // The state is informational for SSE: with several servers, "sent" means that at least one
  // of them published the row to its streams.
  store::WriteTransaction tx(lease);
  for (const Row& row : fresh) {
    long long id = row.id;
    *lease << "UPDATE notify_outbox SET state = 'sent', sent_at = :now, attempts = attempts + 1 "
              "WHERE id = :id AND state = 'pending'",
        soci::use(now, "now"), soci::use(id, "id");
  }
  tx.Commit();
  return static_cast<int>(fresh.size());
}

void Dispatcher::SendSms(DispatchStats& stats) {
  long long now = clock_.NowSeconds();
  int max_recipients = options_.max_recipients_per_pass;
  std::vector<int64_t> recipients;
  {
    auto lease = db_.Acquire();
    soci::rowset<soci::row> rows =
        (lease->prepare << std::string("SELECT DISTINCT recipient_id FROM notify_outbox WHERE ") +
                               kDueSms + " ORDER BY recipient_id LIMIT :max_recipients",
         soci::use(now, "now"), soci::use(max_recipients, "max_recipients"));
    for (const soci::row& row : rows) recipients.push_back(store::Int64(row, 0));
  }
  for (int64_t recipient_id : recipients) SendForRecipient(recipient_id, stats);
}

void Dispatcher::SendForRecipient(int64_t recipient_id, DispatchStats& stats) {
  long long recipient = recipient_id;
  long long now = clock_.NowSeconds();
  long long claim_until = now + options_.claim_seconds;
  std::string due_sql = std::string(
                            "SELECT id FROM notify_outbox WHERE recipient_id = :recipient "
                            "AND ") +
                        kDueSms + " ORDER BY id";
  bool postgres = db_.backend() == store::Backend::kPostgres;

  std::vector<ClaimedSms> claimed;
  {
    auto lease = db_.Acquire();
    store::WriteTransaction tx(lease);
    std::vector<int64_t> due =
        Ids(*lease, postgres ? due_sql + " FOR UPDATE SKIP LOCKED" : due_sql, recipient, now);
    // The rate limit needs all of a person's due rows in one pass. When another server has
    // locked some of them, it is deciding for this person now, so this pass leaves them alone.
    if (due.empty() || (postgres && Ids(*lease, due_sql, recipient, now).size() != due.size())) {
      return;
    }

    SmsPlan plan =
        PlanSms(options_.rate_limit,
                RecentSends(*lease, recipient, now, options_.rate_limit.window_seconds), due, now);
    if (plan.delay_until != 0) {
      long long until = plan.delay_until;
      for (int64_t id : due) {
        long long row_id = id;
        *lease << "UPDATE notify_outbox SET next_attempt_at = :until WHERE id = :id",
            soci::use(until, "until"), soci::use(row_id, "id");
      }
      stats.sms_delayed += static_cast<int>(due.size());
      spdlog::info("SMS held back by the rate limit: recipient_id={} rows={} until={}",
                   recipient_id, due.size(), plan.delay_until);
    }
    for (int64_t id : plan.send) claimed.push_back(Claim(*lease, id, claim_until));
    if (!plan.merge.empty()) {
      claimed.push_back(ClaimDigest(*lease, recipient, plan.merge, now, claim_until));
      stats.sms_merged += static_cast<int>(plan.merge.size());
    }
    tx.Commit();
  }

  // Sending happens outside the transaction: a gateway that hangs holds no database lock, and
  // a crash from here on leaves claimed rows that become due again when the claim expires.
  for (const ClaimedSms& sms : claimed) Deliver(sms.message, sms.attempts, stats);
}

void Dispatcher::Deliver(const SmsMessage& message, int attempts, DispatchStats& stats) {
  SmsSendOutcome outcome = gateway_->Send(message);
  long long now = clock_.NowSeconds();
  long long id = message.outbox_id;

  auto lease = db_.Acquire();
  store::WriteTransaction tx(lease);
  if (outcome.accepted) {
    *lease << "UPDATE notify_outbox SET state = 'sent', sent_at = :now, claimed_until = 0, "
              "provider_id = :provider, last_error = '' WHERE id = :id",
        soci::use(now, "now"), soci::use(outcome.provider_id, "provider"), soci::use(id, "id");
    tx.Commit();
    ++stats.sms_sent;
    spdlog::info("SMS sent: outbox_id={} phone={} attempts={}", message.outbox_id,
                 MaskPhone(message.phone), attempts);
    return;
  }

  bool dead = outcome.permanent || AttemptsExhausted(options_.retry, attempts);
  std::string state = dead ? "dead" : "failed";
  long long next = now + RetryDelaySeconds(options_.retry, attempts);
  *lease << "UPDATE notify_outbox SET state = :state, next_attempt_at = :next, "
            "claimed_until = 0, last_error = :error WHERE id = :id",
      soci::use(state, "state"), soci::use(next, "next"), soci::use(outcome.error, "error"),
      soci::use(id, "id");
  tx.Commit();

  if (dead) {
    ++stats.sms_dead;
    spdlog::error("SMS given up: outbox_id={} phone={} attempts={} error={}", message.outbox_id,
                  MaskPhone(message.phone), attempts, outcome.error);
  } else {
    ++stats.sms_failed;
    spdlog::warn("SMS failed, retrying at {}: outbox_id={} phone={} attempts={} error={}", next,
                 message.outbox_id, MaskPhone(message.phone), attempts, outcome.error);
  }
}

}  // namespace mingjing::notify
