// A fee receipt number reused across cases, through the exchange ingest and the fee receipt
// index, judged by fee.receipt_duplicate on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "calendar/calendar_store.h"
#include "catalog_fixture.h"
#include "exchange/fee_receipts.h"
#include "exchange/ingest.h"
#include "supervision/judge.h"
#include "supervision/rule_set.h"

namespace mingjing::testing {
namespace {

namespace json = boost::json;
namespace sv = mingjing::supervision;

constexpr const char* kLicensingCode = "511A0138000000-511602000000-000-115113010833722043-1-00";

int64_t At(const char* rfc3339) { return *exchange::ParseRfc3339(rfc3339); }

class ReceiptReuseTest : public CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    ImportItems(SharedItems());
    ImportCalendar();
    sv::EnsureDefaultRules(db(), ledger_, clock_);
    clock_.Set(TimePoint(std::chrono::seconds(At("2026-04-01T09:00:00+08:00"))));
  }

  // The events of an accepted case of `department` that charged one fee with `receipt`.
  static std::vector<json::value> FeeCase(const std::string& number, const std::string& department,
                                          const std::string& receipt) {
    std::vector<json::value> events;
    const char* types[] = {"submitted", "accepted", "fee_charged"};
    const char* times[] = {"2026-03-02T09:00:00+08:00", "2026-03-02T09:30:00+08:00",
                           "2026-03-02T10:00:00+08:00"};
    for (int i = 0; i < 3; ++i) {
      json::object e{{"event_id", number + "-" + std::to_string(i + 1)},
                     {"event_type", types[i]},
                     {"case_number", number},
                     {"item_code", kLicensingCode},
                     {"item_type", "licensing"},
                     {"division_code", "511602"},
                     {"department_code", department},
                     {"occurred_at", times[i]},
                     {"operator", "window-07"}};
      if (i == 2) {
        e["amount_fen"] = 2000;
        e["receipt_number"] = receipt;
      }
      events.push_back(std::move(e));
    }
    return events;
  }

  exchange::BatchResult Ingest(const std::string& system, const std::vector<json::value>& events) {
    exchange::Sender sender{system, "5116", {}};
    auto result =
        exchange::IngestEvents(db(), ledger_, {"system:" + system, ""}, sender, events, clock_);
    EXPECT_TRUE(result) << result.error().message;
    if (!result) return {};
    for (const auto& r : result->events) {
      EXPECT_NE(r.status, exchange::EventStatus::kRejected)
          << r.event_id << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    }
    return *result;
  }

  static int64_t CaseOf(const exchange::BatchResult& batch) {
    return batch.events.empty() ? 0 : batch.events.front().case_id;
  }

  // The fee.receipt_duplicate findings of case `case_id` judged now.
  std::vector<sv::Finding> DuplicateCards(int64_t case_id) {
    calendar::CalendarService calendars(db());
    auto calendar = calendars.Current();
    sv::RuleSet rules = sv::LoadRuleSet(db());
    auto lease = db().Acquire();
    auto judgement = sv::JudgeCase(*lease, case_id, rules, *calendar, clock_.NowSeconds());
    EXPECT_TRUE(judgement) << judgement.error().message;
    std::vector<sv::Finding> out;
    if (!judgement) return out;
    for (const auto& f : judgement->findings) {
      if (f.rule_code == "fee.receipt_duplicate") out.push_back(f);
    }
    return out;
  }

  int64_t IndexRows(int64_t case_id) {
    auto lease = db().Acquire();
    long long key = case_id;
    long long n = 0;
    *lease << "SELECT count(*) FROM fee_receipts WHERE case_id = :c", soci::use(key),
        soci::into(n);
    return n;
  }
};

TEST_F(ReceiptReuseTest, SameDepartmentNamesOtherCase) {
  int64_t first = CaseOf(Ingest("mk_one", FeeCase("GA-R-1", "511602-MZJ", "FS-2026-0001")));
  EXPECT_EQ(IndexRows(first), 1);
  EXPECT_TRUE(DuplicateCards(first).empty());

  exchange::BatchResult second_batch =
      Ingest("mk_two", FeeCase("GA-R-2", "511602-MZJ", " FS-2026-0001 "));
  int64_t second = CaseOf(second_batch);
  // The first case is handed back for judging, since its receipt is now shared.
  ASSERT_EQ(second_batch.related_cases.size(), 1u);
  EXPECT_EQ(second_batch.related_cases[0], first);

  auto cards = DuplicateCards(second);
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].subject, "FS-2026-0001");
  const json::array& others = cards[0].evidence.at("other_cases").as_array();
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others[0].at("case_number").as_string(), "GA-R-1");
  EXPECT_EQ(others[0].at("event_id").as_string(), "GA-R-1-3");
  EXPECT_EQ(others[0].at("shared").as_string(), "department");

  auto first_cards = DuplicateCards(first);
  ASSERT_EQ(first_cards.size(), 1u);
  EXPECT_EQ(first_cards[0].evidence.at("other_cases").as_array()[0].at("case_number").as_string(),
            "GA-R-2");
}

TEST_F(ReceiptReuseTest, SameSystemOtherDepartment) {
  int64_t first = CaseOf(Ingest("mk_one", FeeCase("GA-R-1", "511602-MZJ", "FS-7")));
  int64_t second = CaseOf(Ingest("mk_one", FeeCase("GA-R-2", "511602-SPJ", "FS-7")));
  auto cards = DuplicateCards(second);
  ASSERT_EQ(cards.size(), 1u);
  const json::array& others = cards[0].evidence.at("other_cases").as_array();
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others[0].at("case_id").as_int64(), first);
  EXPECT_EQ(others[0].at("shared").as_string(), "sending_system");
}

TEST_F(ReceiptReuseTest, OtherDepartmentAndSystemIgnored) {
  int64_t first = CaseOf(Ingest("mk_one", FeeCase("GA-R-1", "511602-MZJ", "FS-8")));
  exchange::BatchResult batch = Ingest("mk_two", FeeCase("GA-R-2", "511602-SPJ", "FS-8"));
  EXPECT_TRUE(batch.related_cases.empty());
  EXPECT_TRUE(DuplicateCards(CaseOf(batch)).empty());
  EXPECT_TRUE(DuplicateCards(first).empty());
}

// A correction of the receipt number moves the index row, so the old number no longer matches.
TEST_F(ReceiptReuseTest, CorrectedReceiptLeavesIndex) {
  int64_t first = CaseOf(Ingest("mk_one", FeeCase("GA-R-1", "511602-MZJ", "FS-9")));
  Ingest("mk_one", FeeCase("GA-R-2", "511602-MZJ", "FS-9"));
  ASSERT_EQ(DuplicateCards(first).size(), 1u);

  json::object correction{{"event_id", "GA-R-2-4"},
                          {"event_type", "correction"},
                          {"case_number", "GA-R-2"},
                          {"item_code", kLicensingCode},
                          {"item_type", "licensing"},
                          {"division_code", "511602"},
                          {"department_code", "511602-MZJ"},
                          {"occurred_at", "2026-03-02T11:00:00+08:00"},
                          {"operator", "window-07"},
                          {"corrects_event_id", "GA-R-2-3"},
                          {"values", {{"receipt_number", "FS-10"}}}};
  Ingest("mk_one", {correction});
  EXPECT_TRUE(DuplicateCards(first).empty());

  auto lease = db().Acquire();
  std::string number;
  *lease << "SELECT r.receipt_number FROM fee_receipts r JOIN cases c ON c.id = r.case_id "
            "WHERE c.case_number = 'GA-R-2'",
      soci::into(number);
  EXPECT_EQ(number, "FS-10");
}

// The lookup finds no use on the case itself, and on SQLite the query plan reads the receipt
// number through its index rather than scanning the table. PostgreSQL plans a scan for tables
// this small, so its plan is not checked.
TEST_F(ReceiptReuseTest, LookupUsesIndex) {
  int64_t first = CaseOf(Ingest("mk_one", FeeCase("GA-R-1", "511602-MZJ", "FS-11")));
  auto lease = db().Acquire();
  auto uses = exchange::FindReceiptUsesElsewhere(
      *lease, first, "mk_one", exchange::DepartmentKey(0, "511602-MZJ"), "FS-11", 20);
  EXPECT_TRUE(uses.empty());
  if (db().backend() != store::Backend::kSqlite) return;

  std::string plan;
  soci::rowset<soci::row> rows =
      (lease->prepare << "EXPLAIN QUERY PLAN SELECT r.case_id FROM fee_receipts r "
                         "WHERE r.receipt_number = 'FS-11' AND r.case_id <> 1 "
                         "AND (r.sender_system = 'mk_one' OR r.department_key = 'x')");
  for (const soci::row& r : rows) plan += r.get<std::string>(3) + "\n";
  EXPECT_NE(plan.find("USING INDEX fee_receipts_number"), std::string::npos) << plan;
}

}  // namespace
}  // namespace mingjing::testing
