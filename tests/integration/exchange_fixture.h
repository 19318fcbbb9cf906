// A migrated database, a ledger and helpers that build valid events for exchange tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "exchange/case_query.h"
#include "exchange/ingest.h"
#include "ledger/ledger.h"
#include "support/test_database.h"

namespace mingjing::testing {

class ExchangeFixture : public ::testing::Test {
 protected:
  // An event of case `case_number` with every common field; `extra` adds the type's fields.
  static boost::json::object MakeEvent(const std::string& event_id, const std::string& type,
                                       const std::string& occurred_at,
                                       boost::json::object extra = {},
                                       const std::string& case_number = "GA-2026-0001") {
    boost::json::object e{{"event_id", event_id},
                          {"event_type", type},
                          {"case_number", case_number},
                          {"item_code", "511A0138000000-511602000000-000-1"},
                          {"item_type", "licensing"},
                          {"division_code", "511602"},
                          {"department_code", "511602-MZJ"},
                          {"occurred_at", occurred_at},
                          {"operator", "window-07"}};
    for (auto& [key, value] : extra) e[key] = value;
    return e;
  }

  // The events of one complete case, in the order they happened.
  static std::vector<boost::json::value> CompleteCase(const std::string& case_number) {
    std::string p = case_number + "-";
    return {
        MakeEvent(p + "1", "submitted", "2026-03-02T09:00:00+08:00", {{"applicant_name", "张三"}},
                  case_number),
        MakeEvent(p + "2", "accepted", "2026-03-02T10:00:00+08:00", {}, case_number),
        MakeEvent(p + "3", "step_started", "2026-03-03T09:00:00+08:00",
                  {{"step_code", "review"}, {"handler", "李四"}}, case_number),
        MakeEvent(p + "4", "suspended", "2026-03-03T11:00:00+08:00",
                  {{"reason_code", "correction"}, {"days", 5}}, case_number),
        MakeEvent(p + "5", "resumed", "2026-03-05T09:00:00+08:00", {{"reason_code", "correction"}},
                  case_number),
        MakeEvent(p + "6", "fee_charged", "2026-03-05T10:00:00+08:00",
                  {{"amount_fen", 5000}, {"receipt_number", "R-001"}}, case_number),
        MakeEvent(p + "7", "step_finished", "2026-03-06T09:00:00+08:00",
                  {{"step_code", "review"}, {"handler", "李四"}, {"opinion", "同意"}}, case_number),
        MakeEvent(p + "8", "completed", "2026-03-06T15:00:00+08:00",
                  {{"outcome", "approved"}, {"result_document_number", "广安许〔2026〕8号"}},
                  case_number),
    };
  }

  Result<exchange::BatchResult> Ingest(const std::vector<boost::json::value>& events) {
    return exchange::IngestEvents(db(), ledger_, actor_, sender_, events, clock_);
  }

  // The one case the sender has with `case_number`.
  exchange::Case CaseByNumber(const std::string& case_number) {
    auto cases = exchange::ListCases(db(), {.case_number = case_number});
    EXPECT_EQ(cases.size(), 1u) << case_number;
    return cases.empty() ? exchange::Case{} : cases.front();
  }

  int64_t Count(const std::string& table) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << "SELECT count(*) FROM " + table, soci::into(n);
    return n;
  }

  store::Database& db() { return t_.db(); }

  TestDatabase t_;
  // 2026-03-10T00:00:00Z, after every event the helpers build.
  ManualClock clock_{TimePoint(std::chrono::seconds(1'773'100'800))};
  ledger::Ledger ledger_{clock_, std::make_unique<ledger::Sm3Hasher>()};
  ledger::Actor actor_{"system:mk_test", "127.0.0.1"};
  exchange::Sender sender_{"mk_test", "5116", {"licensing", "penalty"}};
};

}  // namespace mingjing::testing
