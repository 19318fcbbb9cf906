// One million open cases: how long the timer schedule takes to raise the cards that come due,
// and what the store looks like at that size. Not a Google Benchmark: the set-up alone takes
// minutes, so the program builds the store once and measures a few whole operations on it.
//
//   million_cases [--cases N] [--keep DIR] [--data-dir DIR]
//
// 1. Seeds the demo city (real catalogue and calendar) and ingests N cases (submitted, accepted,
//    first review step started) through exchange::IngestEvents in batches of 999 events, each
//    batch judged through JudgementRunner::JudgeAfterIngest as the server does.
// 2. Measures the timer queries on the full schedule: the earliest claimable timer and a claim.
// 3. Moves the clock forward six hours at a time and runs the due timers (TimerLoop::RunDue),
//    counting the cards issued in each step, until 50,000 timers have run or seven days passed.
// 4. The baseline, in the same run: raw sqlite3 prepared statements doing the minimum of the same
//    work on the same file (read each due timer and its case, insert an alert row, move the timer).
// With --keep the database stays in DIR for bench/million_cases.sh, which measures the memory of
// a server over it. Results are recorded in docs/benchmarks.md.
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "app/notify_wiring.h"
#include "calendar/calendar_store.h"
#include "common/clock.h"
#include "crypto/password.h"
#include "demo/seed.h"
#include "exchange/ingest.h"
#include "ledger/hasher.h"
#include "ledger/ledger.h"
#include "notify/outbox.h"
#include "store/migrations.h"
#include "store/row.h"
#include "supervision/alert_service.h"
#include "supervision/judgement_runner.h"
#include "supervision/rule_set.h"
#include "supervision/timer_schedule.h"

namespace mingjing {
namespace {

namespace json = boost::json;
using Seconds = std::chrono::duration<double>;

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;
constexpr int kCasesPerBatch = 333;  // three events each: 999 events a batch

struct Options {
  int64_t cases = 1'000'000;
  std::string keep_dir;
  std::string data_dir = "data/demo";
};

struct Item {
  std::string code;
  std::string type;
  int64_t department_id = 0;
  std::string division_code;
};

double Elapsed(std::chrono::steady_clock::time_point since) {
  return Seconds(std::chrono::steady_clock::now() - since).count();
}

long MaxRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int64_t Count(store::Database& db, const std::string& sql) {
  auto lease = db.Acquire();
  long long n = 0;
  *lease << sql, soci::into(n);
  return n;
}

// Items whose promised limit is counted in working days, so that each case has a deadline.
std::vector<Item> TimedItems(store::Database& db) {
  auto lease = db.Acquire();
  std::vector<Item> items;
  soci::rowset<soci::row> rows =
      (lease->prepare << "SELECT code, item_type, department_id, division_code FROM service_items "
                         "WHERE promised_unit = 'working_days' AND promised_amount >= 3 "
                         "ORDER BY code");
  for (const soci::row& r : rows) {
    items.push_back({store::Text(r, 0), store::Text(r, 1), store::Int64(r, 2), store::Text(r, 3)});
  }
  return items;
}

std::string Rfc3339(int64_t seconds) {
  return FormatRfc3339(TimePoint(std::chrono::seconds(seconds)));
}

// The three events of an open case accepted at `accepted_at`: submission half an hour before,
// acceptance, and the first review step started an hour after.
void AddCase(std::vector<json::value>& out, const Item& item, int64_t number,
             int64_t accepted_at) {
  std::string case_number = fmt::format("M{:07}", number);
  auto event = [&](int seq, std::string_view type, int64_t at) {
    json::object e{{"event_id", fmt::format("{}-{}", case_number, seq)},
                   {"event_type", type},
                   {"case_number", case_number},
                   {"item_code", item.code},
                   {"item_type", item.type},
                   {"division_code", item.division_code},
                   {"department_id", item.department_id},
                   {"occurred_at", Rfc3339(at)},
                   {"operator", "window-03"}};
    return e;
  };
  json::object submitted = event(1, "submitted", accepted_at - kHour / 2);
  submitted["applicant_name"] = "张三";
  out.emplace_back(std::move(submitted));
  out.emplace_back(event(2, "accepted", accepted_at));
  json::object step = event(3, "step_started", accepted_at + kHour);
  step["step_code"] = "审查";
  step["step_name"] = "审查";
  step["handler"] = "reviewer-07";
  out.emplace_back(std::move(step));
}

// A random moment in office hours (09:00–11:30 China time) within the `days` days before `end`.
int64_t AcceptedAt(std::mt19937_64& rng, int64_t end, int days) {
  int64_t day = std::uniform_int_distribution<int64_t>(1, days)(rng);
  int64_t start_of_day = (end + 8 * kHour) / kDay * kDay - 8 * kHour - day * kDay;
  return start_of_day + 9 * kHour + std::uniform_int_distribution<int64_t>(0, 150)(rng) * 60;
}

struct RawBaseline {
  int64_t timers = 0;
  double seconds = 0;
};

// The minimum of the timer work with prepared sqlite3 statements, in one transaction: read the
// timers due at `now`, read each one's case, insert an alert row, move the timer a day on.
RawBaseline RunRawBaseline(const std::string& path, int64_t now) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
               "CREATE TABLE raw_alerts (id INTEGER PRIMARY KEY, case_id INTEGER, rule_code TEXT, "
               "level TEXT, message TEXT, dedupe_key TEXT UNIQUE, created_at INTEGER)",
               nullptr, nullptr, nullptr);

  auto start = std::chrono::steady_clock::now();
  sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  sqlite3_stmt* due = nullptr;
  sqlite3_stmt* read_case = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* move = nullptr;
  sqlite3_prepare_v2(db, "SELECT subject_id FROM timers WHERE kind = 'case' AND due_at <= ?1 "
                     "ORDER BY due_at", -1, &due, nullptr);
  sqlite3_prepare_v2(db, "SELECT case_number, item_code, accepted_at, division_code FROM cases "
                     "WHERE id = ?1", -1, &read_case, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO raw_alerts (case_id, rule_code, level, message, dedupe_key, "
                     "created_at) VALUES (?1, 'time.promised', 'yellow', ?2, ?3, ?4)",
                     -1, &insert, nullptr);
  sqlite3_prepare_v2(db, "UPDATE timers SET due_at = due_at + 86400 WHERE kind = 'case' AND "
                     "subject_id = ?1", -1, &move, nullptr);

  std::vector<int64_t> ids;
  sqlite3_bind_int64(due, 1, now);
  while (sqlite3_step(due) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(due, 0));
  sqlite3_finalize(due);
  for (int64_t id : ids) {
    sqlite3_bind_int64(read_case, 1, id);
    std::string number;
    if (sqlite3_step(read_case) == SQLITE_ROW) {
      number = reinterpret_cast<const char*>(sqlite3_column_text(read_case, 0));
    }
    sqlite3_reset(read_case);
    std::string message = fmt::format("办件{}已超过承诺时限", number);
    std::string key = fmt::format("time.promised|{}", id);
    sqlite3_bind_int64(insert, 1, id);
    sqlite3_bind_text(insert, 2, message.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 4, now);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_bind_int64(move, 1, id);
    sqlite3_step(move);
    sqlite3_reset(move);
  }

  sqlite3_finalize(read_case);
  sqlite3_finalize(insert);
  sqlite3_finalize(move);
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  RawBaseline result{static_cast<int64_t>(ids.size()), Elapsed(start)};
  sqlite3_close(db);
  return result;
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--cases") o.cases = std::atoll(argv[i + 1]);
    if (flag == "--keep") o.keep_dir = argv[i + 1];
    if (flag == "--data-dir") o.data_dir = argv[i + 1];
  }
  return o;
}

int Run(const Options& options) {
  namespace fs = std::filesystem;
  fs::path dir = options.keep_dir.empty()
                     ? fs::temp_directory_path() / fmt::format("mingjing-million-{}", ::getpid())
                     : fs::path(options.keep_dir);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "mingjing.db").string();
  auto db = store::Database::Open("sqlite:" + path, 4).value();
  store::Migrate(*db).value();

  // The generation starts at the real time, so that a server started on the kept database
  // afterwards finds few timers due.
  int64_t t0 = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  ManualClock clock{TimePoint(std::chrono::seconds(t0))};
  ledger::Ledger ledger(clock, std::make_unique<ledger::Sm3Hasher>());
  demo::DemoSeedOptions seed_options{.data_dir = options.data_dir,
                                     .password = "million-cases-bench",
                                     .hash_cost = crypto::kModeratePasswordCost};
  auto seeded = demo::SeedDemo(*db, ledger, clock, seed_options);
  if (!seeded) {
    fmt::print(stderr, "seed failed: {}\n", seeded.error().message);
    return 1;
  }
  {
    // For bench/million_cases.sh: the same lines as var/demo-credentials.txt of `seed demo`.
    std::ofstream credentials(dir / "demo-credentials.txt");
    credentials << "password=" << seed_options.password << "\n"
                << "api_key_id=" << seeded->api_key_id << "\n"
                << "api_key_secret=" << seeded->api_key_secret << "\n";
  }
  supervision::EnsureDefaultRules(*db, ledger, clock);
  std::vector<Item> items = TimedItems(*db);
  if (items.empty()) {
    fmt::print(stderr, "no demo item has a working-day limit\n");
    return 1;
  }

  calendar::CalendarService calendars(*db);
  supervision::AlertService alerts(ledger);
  // As in the server: every card writes its notice to the outbox in the same transaction.
  alerts.AddListener([](soci::session& session, const supervision::AlertEvent& event, int64_t now) {
    notify::EnqueueAlertNotice(session, app::NoticeOf(event), now);
  });
  supervision::JudgementRunner runner(
      *db, alerts,
      supervision::StoredRulesJudgeFactory(*db, [&calendars] { return calendars.Current(); }),
      [&calendars] { return calendars.Current(); }, clock);
  exchange::Sender sender{seeded->api_key_id, "", {}};
  ledger::Actor actor{"system:" + seeded->api_key_id, "127.0.0.1"};

  std::mt19937_64 rng(20261204);
  auto start = std::chrono::steady_clock::now();
  double ingest_seconds = 0;
  double judge_seconds = 0;
  int64_t stored = 0;
  for (int64_t first = 0; first < options.cases; first += kCasesPerBatch) {
    std::vector<json::value> batch;
    int64_t last = std::min<int64_t>(first + kCasesPerBatch, options.cases);
    for (int64_t n = first; n < last; ++n) {
      AddCase(batch, items[n % items.size()], n, AcceptedAt(rng, t0, 5));
    }
    auto ingest_start = std::chrono::steady_clock::now();
    auto result = exchange::IngestEvents(*db, ledger, actor, sender, batch, clock);
    ingest_seconds += Elapsed(ingest_start);
    if (!result || result->rejected > 0) {
      fmt::print(stderr, "batch at case {} rejected: {}\n", first,
                 result ? result->events[0].errors.empty()
                              ? std::string("see the result")
                              : result->events[0].errors[0].message
                        : result.error().message);
      return 1;
    }
    stored += result->accepted;
    auto judge_start = std::chrono::steady_clock::now();
    runner.JudgeAfterIngest(supervision::TouchedCases(*result));
    judge_seconds += Elapsed(judge_start);
    if ((first / kCasesPerBatch) % 300 == 0) {
      fmt::print(stderr, "\r{} of {} cases", last, options.cases);
    }
  }
  fmt::print(stderr, "\n");
  double setup_seconds = Elapsed(start);
  int64_t timers = Count(*db, "SELECT count(*) FROM timers WHERE kind = 'case'");
  int64_t alerts_at_start = Count(*db, "SELECT count(*) FROM alerts");

  fmt::print("## Set-up\n\n");
  fmt::print("| what | figure |\n| --- | ---: |\n");
  fmt::print("| open cases | {} |\n", options.cases);
  fmt::print("| events ingested | {} in {:.0f} s ({:.0f} events/s) |\n", stored, ingest_seconds,
             stored / ingest_seconds);
  fmt::print("| cases judged after ingest | {} in {:.0f} s ({:.0f} cases/s) |\n", options.cases,
             judge_seconds, options.cases / judge_seconds);
  fmt::print("| case timers | {} |\n", timers);
  fmt::print("| cards issued at ingest | {} |\n", alerts_at_start);
  fmt::print("| database file | {} MiB |\n", fs::file_size(path) >> 20);
  fmt::print("| whole set-up | {:.0f} s |\n\n", setup_seconds);

  fmt::print("## Timer queries on the full schedule\n\n");
  {
    constexpr int kRounds = 200;
    auto q = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) supervision::NextClaimableAt(*db);
    fmt::print("- earliest claimable timer: {:.3f} ms a query\n", Elapsed(q) * 1000 / kRounds);
  }

  fmt::print("\n## Due cards, six hours at a time\n\n");
  fmt::print("| hours after set-up | timers run | cards issued | seconds | cards/s | raw SQLite, same timers | "
             "ratio |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  supervision::TimerLoop loop(*db, runner, clock);
  int64_t total_run = 0;
  int64_t total_cards = 0;
  double total_seconds = 0;
  for (int step = 1; step <= 28 && total_run < 50'000; ++step) {
    clock.Advance(std::chrono::hours(6));
    RawBaseline raw = RunRawBaseline(path, clock.NowSeconds());
    int64_t before = Count(*db, "SELECT count(*) FROM alerts");
    auto run_start = std::chrono::steady_clock::now();
    int ran = loop.RunDue();
    double seconds = Elapsed(run_start);
    int64_t cards = Count(*db, "SELECT count(*) FROM alerts") - before;
    total_run += ran;
    total_cards += cards;
    total_seconds += seconds;
    double raw_rate = raw.seconds > 0 ? raw.timers / raw.seconds : 0;
    double rate = seconds > 0 ? ran / seconds : 0;
    if (ran == 0) continue;
    fmt::print("| {} | {} | {} | {:.1f} | {:.0f} | {:.0f} timers/s | {:.3f} |\n", step * 6, ran, cards,
               seconds, cards / std::max(seconds, 1e-9), raw_rate,
               raw_rate > 0 ? rate / raw_rate : 0);
  }
  fmt::print("\nIn all: {} timers run, {} cards issued in {:.0f} s.\n", total_run, total_cards,
             total_seconds);
  fmt::print("Peak resident memory of this program: {} MiB.\n", MaxRssMiB());
  if (options.keep_dir.empty()) fs::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace mingjing

int main(int argc, char** argv) { return mingjing::Run(mingjing::ParseOptions(argc, argv)); }
