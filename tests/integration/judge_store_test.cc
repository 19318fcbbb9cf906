// JudgeCase over cases stored by the exchange ingest, with the imported catalogue and the
// stored 2026 calendar, on SQLite and PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "calendar/calendar_store.h"
#include "catalog_fixture.h"
#include "exchange/ingest.h"
#include "supervision/judge.h"
#include "supervision/rule_set.h"
#include "supervision/trend_rules.h"

namespace mingjing::testing {
namespace {

namespace json = boost::json;
namespace sv = mingjing::supervision;

constexpr const char* kLicensingCode = "511A0138000000-511602000000-000-115113010833722043-1-00";

// "2026-02-13T10:00:00+08:00" as Unix seconds.
int64_t At(const char* rfc3339) { return *exchange::ParseRfc3339(rfc3339); }

class JudgeStoreTest : public CatalogFixture {
 protected:
  void SetUp() override {
    CatalogFixture::SetUp();
    ImportItems(SharedItems());
    ImportCalendar();
    sv::EnsureDefaultRules(db(), ledger_, clock_);
    clock_.Set(TimePoint(std::chrono::seconds(At("2026-04-01T09:00:00+08:00"))));
  }

  json::object Event(const std::string& id, const char* type, const char* occurred_at,
                     json::object extra = {}) {
    json::object e{{"event_id", id},
                   {"event_type", type},
                   {"case_number", "GA-J-1"},
                   {"item_code", kLicensingCode},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_code", "511602-MZJ"},
                   {"occurred_at", occurred_at},
                   {"operator", "window-07"}};
    for (auto& [key, value] : extra) e[key] = value;
    return e;
  }

  int64_t Ingest(const std::vector<json::value>& events) {
    exchange::Sender sender{"mk_test", "5116", {}};
    auto result =
        exchange::IngestEvents(db(), ledger_, {"system:mk_test", ""}, sender, events, clock_);
    EXPECT_TRUE(result) << result.error().message;
    for (const auto& r : result->events) {
      EXPECT_NE(r.status, exchange::EventStatus::kRejected)
          << r.event_id << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    }
    return result->events.empty() ? 0 : result->events.front().case_id;
  }

  sv::Judgement JudgeAt(int64_t case_id, const char* now) {
    calendar::CalendarService calendars(db());
    auto calendar = calendars.Current();
    sv::RuleSet rules = sv::LoadRuleSet(db());
    auto lease = db().Acquire();
    auto judgement = sv::JudgeCase(*lease, case_id, rules, *calendar, At(now));
    EXPECT_TRUE(judgement) << judgement.error().message;
    return ValueOr(std::move(judgement), sv::Judgement{});
  }

  static std::vector<sv::Finding> Of(const sv::Judgement& j, std::string_view code) {
    std::vector<sv::Finding> out;
    for (const auto& f : j.findings) {
      if (f.rule_code == code) out.push_back(f);
    }
    return out;
  }
};

// The imported licensing item has the default promised limit of 10 working days. Accepted Fri
// 02-13: Sat 02-14 (1), 02-15..02-23 off, 02-24..02-28 (2–6, Sat 02-28 an adjusted workday),
// 03-02..03-05 (7–10). Deadline Thu 2026-03-05 17:30.
TEST_F(JudgeStoreTest, PromisedLimitAcrossSpringFestival) {
  int64_t case_id = Ingest({Event("J-1", "submitted", "2026-02-13T09:30:00+08:00"),
                            Event("J-2", "accepted", "2026-02-13T10:00:00+08:00")});
  ASSERT_GT(case_id, 0);

  sv::Judgement before = JudgeAt(case_id, "2026-03-05T17:30:00+08:00");
  EXPECT_TRUE(Of(before, "time.promised").empty());
  EXPECT_EQ(before.next_check_at, At("2026-03-05T17:30:01+08:00"));

  sv::Judgement after = JudgeAt(case_id, "2026-03-05T17:31:00+08:00");
  auto yellow = Of(after, "time.promised");
  ASSERT_EQ(yellow.size(), 1u);
  EXPECT_EQ(yellow[0].rule_version, 1);
  EXPECT_EQ(yellow[0].vars.at("deadline").as_string(), "2026-03-05 17:30");
  EXPECT_EQ(yellow[0].vars.at("item_name").as_string(), ItemByCode(kLicensingCode).name);
  EXPECT_EQ(sv::DedupeKey(yellow[0], case_id),
            "time.promised|" + std::to_string(case_id) + "||yellow");
}

TEST_F(JudgeStoreTest, FeeAndTamperFromStore) {
  int64_t case_id = Ingest({Event("J-1", "submitted", "2026-03-02T09:00:00+08:00"),
                            Event("J-2", "accepted", "2026-03-02T09:30:00+08:00"),
                            Event("J-3", "fee_charged", "2026-03-02T10:00:00+08:00",
                                  {{"amount_fen", 2000}, {"receipt_number", "R-1"}})});
  // The same event id resent with another amount: a new version and a tamper alarm.
  Ingest({Event("J-3", "fee_charged", "2026-03-02T10:00:00+08:00",
                {{"amount_fen", 200}, {"receipt_number", "R-1"}})});

  sv::Judgement j = JudgeAt(case_id, "2026-03-02T11:00:00+08:00");
  auto free = Of(j, "fee.free_item");
  ASSERT_EQ(free.size(), 1u);
  EXPECT_EQ(free[0].vars.at("amount_yuan").as_string(), "2.00");  // the current version
  auto tamper = Of(j, "tamper.resend");
  ASSERT_EQ(tamper.size(), 1u);
  EXPECT_EQ(tamper[0].vars.at("event_id").as_string(), "J-3");
  EXPECT_EQ(tamper[0].vars.at("new_version").as_int64(), 2);
}

TEST_F(JudgeStoreTest, DisabledRuleThroughStore) {
  int64_t case_id = Ingest({Event("J-1", "submitted", "2026-03-02T09:00:00+08:00"),
                            Event("J-2", "completed", "2026-03-02T10:00:00+08:00",
                                  {{"outcome", "approved"}, {"result_document_number", "D-1"}})});
  EXPECT_EQ(
      Of(JudgeAt(case_id, "2026-03-02T11:00:00+08:00"), "procedure.completed_without_acceptance")
          .size(),
      1u);

  sv::RuleChange off;
  off.enabled = false;
  ASSERT_TRUE(sv::UpdateRule(db(), ledger_, {"user:admin", ""},
                             "procedure.completed_without_acceptance", off, clock_));
  EXPECT_TRUE(
      Of(JudgeAt(case_id, "2026-03-02T11:00:00+08:00"), "procedure.completed_without_acceptance")
          .empty());
}

// 10 cases submitted in January and 12 in February: the volume moved by 20 %.
TEST_F(JudgeStoreTest, MonthlyVolumeTrend) {
  std::vector<json::value> events;
  for (int i = 0; i < 22; ++i) {
    json::object e = Event(fmt::format("T-{}", i), "submitted",
                           i < 10 ? "2026-01-20T10:00:00+08:00" : "2026-02-10T10:00:00+08:00");
    e["case_number"] = fmt::format("GA-T-{}", i);
    e.erase("department_code");
    e["department_id"] = civil_affairs_.id;
    events.push_back(std::move(e));
  }
  Ingest(events);

  auto lease = db().Acquire();
  auto months = sv::CountDepartmentMonths(*lease, 2026, 2);
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0].department_name, "区民政局");
  EXPECT_EQ(months[0].previous.cases, 10);
  EXPECT_EQ(months[0].current.cases, 12);
  EXPECT_EQ(months[0].current.overdue, 0);

  auto findings = sv::JudgeMonthlyTrends(*lease, sv::LoadRuleSet(*lease), 2026, 2);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].finding.rule_code, "trend.volume");
  EXPECT_EQ(findings[0].finding.subject, "month:2026-02");
  EXPECT_EQ(findings[0].department_id, civil_affairs_.id);
  EXPECT_EQ(findings[0].division_code, "511602");
}

TEST_F(JudgeStoreTest, MissingCaseNotFound) {
  calendar::CalendarService calendars(db());
  auto calendar = calendars.Current();
  auto lease = db().Acquire();
  auto judgement = sv::JudgeCase(*lease, 999, sv::RuleSet::Defaults(), *calendar, 0);
  ASSERT_FALSE(judgement);
  EXPECT_EQ(judgement.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace mingjing::testing
