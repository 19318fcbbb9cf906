// Event ingest, in one run:
// - BM_IngestBatch: exchange::IngestEvents on batches of 1,000 events (validation, scope and
//   identity checks, versions, the case state recomputed, a ledger entry, one durable commit);
// - BM_RawSqliteInsert: the baseline, the same case, event and version rows written with
//   prepared sqlite3 statements in one transaction a batch, on a file with the same pragmas
//   (WAL, synchronous=FULL);
// - BM_SingleEventOverHttp: one signed event a request over loopback to the full API (2 I/O
//   threads, SQLite) from several keep-alive clients in the same process.
// Items per second are events per second. Results and their limits are in docs/benchmarks.md.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <mutex>

#include "api/api_context.h"
#include "api/routes.h"
#include "auth/api_key.h"
#include "crypto/encoding.h"
#include "crypto/sm3.h"
#include "exchange/event_validation.h"
#include "exchange/ingest.h"
#include "exchange/signed_client.h"
#include "http/server.h"
#include "ledger/hasher.h"
#include "ledger/ledger.h"
#include "store/migrations.h"
#include "supervision/judgement_runner.h"
#include "supervision/rule_set.h"
#include "supervision/timer_schedule.h"
#include "calendar/calendar_store.h"

namespace mingjing {
namespace {

namespace json = boost::json;

constexpr int kBatchEvents = 1000;
constexpr int kEventsPerCase = 10;

// A migrated SQLite database in a fresh temporary folder.
struct BenchDatabase {
  explicit BenchDatabase(const std::string& name) {
    dir = std::filesystem::temp_directory_path() /
          fmt::format("mingjing-bench-{}-{}", name, ::getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    path = (dir / "bench.db").string();
    db = store::Database::Open("sqlite:" + path, 8).value();
    store::Migrate(*db).value();
  }
  ~BenchDatabase() { std::filesystem::remove_all(dir); }

  std::filesystem::path dir;
  std::string path;
  std::unique_ptr<store::Database> db;
};

// The ten events of case `number`: submission, acceptance, three steps, a fee, completion.
std::vector<json::value> CaseEvents(const std::string& number) {
  static constexpr std::string_view kTypes[kEventsPerCase] = {
      "submitted",     "accepted",     "step_started",  "step_finished", "step_started",
      "step_finished", "step_started", "step_finished", "fee_charged",   "completed"};
  std::vector<json::value> out;
  for (int i = 0; i < kEventsPerCase; ++i) {
    json::object e{{"event_id", fmt::format("{}-{}", number, i + 1)},
                   {"event_type", kTypes[i]},
                   {"case_number", number},
                   {"item_code", "511A0138000000-511602000000-000-1"},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_code", "511602-MZJ"},
                   {"occurred_at", fmt::format("2026-03-02T{:02}:15:00+08:00", 8 + i)},
                   {"operator", "window-07"}};
    if (kTypes[i] == "submitted") e["applicant_name"] = "张三";
    if (kTypes[i].starts_with("step_")) {
      e["step_code"] = fmt::format("step-{}", i / 2);
      e["handler"] = "reviewer-03";
    }
    if (kTypes[i] == "step_finished") e["opinion"] = "材料齐全，符合法定条件，同意。";
    if (kTypes[i] == "fee_charged") {
      e["amount_fen"] = 5000;
      e["receipt_number"] = fmt::format("R-{}", number);
    }
    if (kTypes[i] == "completed") {
      e["outcome"] = "approved";
      e["result_document_number"] = fmt::format("广安审〔2026〕{}号", number);
    }
    out.emplace_back(std::move(e));
  }
  return out;
}

std::vector<json::value> Batch(int64_t batch_number) {
  std::vector<json::value> batch;
  for (int c = 0; c < kBatchEvents / kEventsPerCase; ++c) {
    for (auto& e : CaseEvents(fmt::format("B{}-C{}", batch_number, c))) {
      batch.push_back(std::move(e));
    }
  }
  return batch;
}

void BM_IngestBatch(benchmark::State& state) {
  BenchDatabase bench("ingest");
  ManualClock clock(TimePoint(std::chrono::seconds(1'773'100'800)));  // 2026-03-10
  ledger::Ledger ledger(clock, std::make_unique<ledger::Sm3Hasher>());
  exchange::Sender sender{"mk_bench", "5116", {}};
  ledger::Actor actor{"system:mk_bench", "127.0.0.1"};
  int64_t batch_number = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<json::value> batch = Batch(++batch_number);
    state.ResumeTiming();
    auto result = exchange::IngestEvents(*bench.db, ledger, actor, sender, batch, clock);
    if (!result || result->accepted != kBatchEvents) state.SkipWithError("ingest rejected events");
  }
  state.SetItemsProcessed(state.iterations() * kBatchEvents);
}
BENCHMARK(BM_IngestBatch)->Unit(benchmark::kMillisecond)->MinTime(5.0)->UseRealTime();

// The rows IngestEvents writes, prepared outside the timing: validated canonical payloads.
struct RawRow {
  std::string case_number;
  std::string event_id;
  std::string type;
  int64_t occurred_at;
  std::string payload;
  std::string hash;
};

void Check(int rc, sqlite3* db, benchmark::State& state) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    state.SkipWithError(sqlite3_errmsg(db));
  }
}

void BM_RawSqliteInsert(benchmark::State& state) {
  BenchDatabase bench("raw");
  bench.db.reset();  // only the raw handle below writes
  sqlite3* db = nullptr;
  sqlite3_open(bench.path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  sqlite3_stmt* insert_case = nullptr;
  sqlite3_stmt* insert_event = nullptr;
  sqlite3_stmt* insert_version = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO cases (sender_system, case_number, item_code, item_type, "
                     "division_code, state, created_at, updated_at) "
                     "VALUES ('mk_bench', ?, '511A0138000000-511602000000-000-1', 'licensing', "
                     "'511602', 'submitted', 0, 0)",
                     -1, &insert_case, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO case_events (case_id, sender_system, event_id, event_type, "
                     "occurred_at, received_at, payload, content_hash, version) "
                     "VALUES (?, 'mk_bench', ?, ?, ?, 0, ?, ?, 1)",
                     -1, &insert_event, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO case_event_versions (event_row_id, version, occurred_at, "
                     "received_at, payload, content_hash) VALUES (?, 1, ?, 0, ?, ?)",
                     -1, &insert_version, nullptr);

  int64_t batch_number = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<RawRow> rows;
    for (const auto& v : Batch(++batch_number)) {
      auto validated = exchange::ValidateEvent(v, "", 1'773'100'800);
      const exchange::Event& e = *validated.event;
      rows.push_back({e.case_number, e.event_id, std::string(exchange::EventTypeName(e.type)),
                      e.occurred_at, e.payload, e.content_hash});
    }
    state.ResumeTiming();

    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    std::string current_case;
    int64_t case_id = 0;
    for (const RawRow& r : rows) {
      if (r.case_number != current_case) {
        current_case = r.case_number;
        sqlite3_bind_text(insert_case, 1, r.case_number.c_str(), -1, SQLITE_STATIC);
        Check(sqlite3_step(insert_case), db, state);
        sqlite3_reset(insert_case);
        case_id = sqlite3_last_insert_rowid(db);
      }
      sqlite3_bind_int64(insert_event, 1, case_id);
      sqlite3_bind_text(insert_event, 2, r.event_id.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert_event, 3, r.type.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(insert_event, 4, r.occurred_at);
      sqlite3_bind_text(insert_event, 5, r.payload.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert_event, 6, r.hash.c_str(), -1, SQLITE_STATIC);
      Check(sqlite3_step(insert_event), db, state);
      sqlite3_reset(insert_event);
      int64_t event_row = sqlite3_last_insert_rowid(db);
      sqlite3_bind_int64(insert_version, 1, event_row);
      sqlite3_bind_int64(insert_version, 2, r.occurred_at);
      sqlite3_bind_text(insert_version, 3, r.payload.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert_version, 4, r.hash.c_str(), -1, SQLITE_STATIC);
      Check(sqlite3_step(insert_version), db, state);
      sqlite3_reset(insert_version);
    }
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, state);
  }
  state.SetItemsProcessed(state.iterations() * kBatchEvents);
  sqlite3_finalize(insert_case);
  sqlite3_finalize(insert_event);
  sqlite3_finalize(insert_version);
  sqlite3_close(db);
}
BENCHMARK(BM_RawSqliteInsert)->Unit(benchmark::kMillisecond)->MinTime(5.0)->UseRealTime();

// The whole API on loopback with one API key, shared by the client threads.
struct LoopbackServer {
  LoopbackServer() : bench("http"), ledger(clock, std::make_unique<ledger::Sm3Hasher>()) {
    // The benchmark imports no divisions, so the key's division and the key are written
    // directly.
    key_secret = "bench-secret-0123456789";
    auto lease = bench.db->Acquire();
    std::string signing_key = auth::DeriveSigningKey(key_secret);
    *lease << "INSERT INTO divisions (code, name, level) VALUES ('5116', '广安市', 2)";
    *lease << "INSERT INTO api_keys (key_id, signing_key, name, division_code, item_types, "
              "created_at) VALUES ('mk_bench', :s, 'bench', '5116', '[]', 0)",
        soci::use(signing_key);
    lease.Release();

    context = std::make_unique<api::ApiContext>(api::ApiContext{
        *bench.db, ledger, clock, auth::AuthContext{*bench.db, ledger, clock, {}, {}}});
    // Judging as in `mingjing serve`: the ingest schedules the touched cases and wakes the timer
    // loop, which judges them after the response.
    supervision::EnsureDefaultRules(*bench.db, ledger, clock);
    runner = std::make_unique<supervision::JudgementRunner>(
        *bench.db, alerts,
        supervision::StoredRulesJudgeFactory(*bench.db, [this] { return calendars.Current(); }),
        [this] { return calendars.Current(); }, clock);
    context->supervision = runner.get();
    timers = std::make_unique<supervision::TimerLoop>(*bench.db, *runner, clock);
    timers->Start();
    runner->SetTimerWake([this] { timers->Wake(); });
    http::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.io_threads = 2;
    options.access_log = false;
    server = std::make_unique<http::Server>(options);
    api::RegisterApi(server->router(), *context);
    server->Start().value();
  }
  ~LoopbackServer() {
    server->Stop();
    runner->SetTimerWake({});
    timers->Stop();
  }

  BenchDatabase bench;
  SystemClock clock;
  ledger::Ledger ledger;
  std::string key_secret;
  std::unique_ptr<api::ApiContext> context;
  calendar::CalendarService calendars{*bench.db};
  supervision::AlertService alerts{ledger};
  std::unique_ptr<supervision::JudgementRunner> runner;
  std::unique_ptr<supervision::TimerLoop> timers;
  std::unique_ptr<http::Server> server;
};

LoopbackServer& SharedServer() {
  static LoopbackServer server;
  return server;
}

void BM_SingleEventOverHttp(benchmark::State& state) {
  LoopbackServer& server = SharedServer();
  SystemClock clock;
  exchange::SignedClient client({"127.0.0.1", std::to_string(server.server->port())}, "mk_bench",
                                server.key_secret, clock);
  std::string prefix = fmt::format("T{}-{}", state.thread_index(), ::getpid());
  int64_t n = 0;
  for (auto _ : state) {
    ++n;
    json::object e{{"event_id", fmt::format("{}-{}", prefix, n)},
                   {"event_type", "submitted"},
                   {"case_number", fmt::format("{}-{}", prefix, n)},
                   {"item_code", "511A0138000000-511602000000-000-1"},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_code", "511602-MZJ"},
                   {"occurred_at", "2026-03-02T09:15:00+08:00"},
                   {"operator", "window-07"}};
    auto r = client.PostEvents(json::serialize(e));
    if (!r || r->status != 200) {
      state.SkipWithError(r ? r->body.c_str() : r.error().message.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SingleEventOverHttp)->Threads(8)->MinTime(5.0)->UseRealTime();

}  // namespace
}  // namespace mingjing

BENCHMARK_MAIN();
