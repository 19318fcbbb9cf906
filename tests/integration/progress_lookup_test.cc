// The public progress lookup over HTTP: the right code shows the case without personal data,
// any mismatch gets the same 404, each address has its own tight rate limit, and a case number
// with too many wrong codes is locked.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fmt/format.h>

#include "catalog/item_store.h"
#include "exchange/event_validation.h"
#include "demo_server_fixture.h"
#include "store/row.h"

namespace mingjing::exchange {
namespace {

namespace json = boost::json;

class ProgressLookupTest : public testing::DemoServerFixture {
 protected:
  void SetUp() override {
    DemoServerFixture::SetUp();
    catalog::ItemQuery query;
    query.division_scope = "511602";
    query.type = catalog::ItemType::kLicensing;
    query.page_size = 1;
    auto page = catalog::SearchItems(db(), query);
    ASSERT_FALSE(page.items.empty());
    item_ = page.items.front();
  }

  json::object Event(const std::string& number, std::string_view type, int n,
                     std::string_view occurred_at, json::object extra = {}) {
    json::object e{{"event_id", fmt::format("{}-{}", number, n)},
                   {"event_type", type},
                   {"case_number", number},
                   {"item_code", item_.code},
                   {"item_type", "licensing"},
                   {"division_code", "511602"},
                   {"department_id", item_.department_id},
                   {"occurred_at", occurred_at},
                   {"operator", "window-07"}};
    for (auto& [key, value] : extra) e[key] = value;
    return e;
  }

  // Submits and accepts a case with `code` on Monday 2026-02-02.
  void SendCase(const std::string& number, const std::string& code) {
    SignedClient client = Client();
    json::array batch{
        Event(number, "submitted", 1, "2026-02-02T09:00:00+08:00",
              {{"applicant_name", "张三"}, {"query_code", code}}),
        Event(number, "accepted", 2, "2026-02-02T09:30:00+08:00"),
    };
    auto r = client.PostEvents(json::serialize(batch));
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->status, 200) << r->body;
    ASSERT_EQ(r->json.at("accepted").as_int64(), 2) << r->body;
  }

  testing::ApiResponse Lookup(const std::string& number, const std::string& code) {
    return server_->Client().Get(
        fmt::format("/api/v1/public/progress?case_number={}&query_code={}", number, code));
  }

  catalog::ServiceItem item_;
};

TEST_F(ProgressLookupTest, RightCodeShowsProgress) {
  SendCase("GA-P-1", "QC123456");
  auto r = Lookup("GA-P-1", "QC123456");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object& p = r.json.as_object();
  EXPECT_EQ(p.at("case_number").as_string(), "GA-P-1");
  EXPECT_EQ(p.at("item_name").as_string(), item_.name);
  EXPECT_FALSE(p.at("department_name").as_string().empty());
  EXPECT_EQ(p.at("state").as_string(), "accepted");
  ASSERT_EQ(p.at("steps").as_array().size(), 2u);
  EXPECT_EQ(p.at("steps").as_array()[0].at("event_type").as_string(), "submitted");
  EXPECT_EQ(p.at("steps").as_array()[1].at("name").as_string(), "受理");
  EXPECT_EQ(p.at("deadline_state").as_string(), "running");
  EXPECT_TRUE(p.at("deadline").is_string()) << r.body;
}

TEST_F(ProgressLookupTest, AnswerCarriesNoPersonalData) {
  SendCase("GA-P-2", "QC223456");
  auto r = Lookup("GA-P-2", "QC223456");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("张三"), std::string::npos);
  EXPECT_EQ(r.body.find("applicant"), std::string::npos);
  EXPECT_EQ(r.body.find("window-07"), std::string::npos);
  EXPECT_EQ(r.body.find("QC223456"), std::string::npos);
}

TEST_F(ProgressLookupTest, WrongCodeLooksLikeNoCase) {
  SendCase("GA-P-3", "QC323456");
  auto wrong = Lookup("GA-P-3", "QC999999");
  auto missing = Lookup("GA-NO-SUCH-CASE", "QC323456");
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(wrong.body, missing.body);
}

TEST_F(ProgressLookupTest, OtherCasesCodeIsRejected) {
  SendCase("GA-P-4", "QC423456");
  SendCase("GA-P-5", "QC523456");
  EXPECT_EQ(Lookup("GA-P-4", "QC523456").status, 404);
  EXPECT_EQ(Lookup("GA-P-5", "QC523456").status, 200);
}

TEST_F(ProgressLookupTest, CaseWithoutCodeCannotBeFound) {
  SignedClient client = Client();
  auto r = client.PostEvents(
      json::serialize(Event("GA-P-6", "submitted", 1, "2026-02-02T09:00:00+08:00")));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Lookup("GA-P-6", "QC623456").status, 404);
}

TEST_F(ProgressLookupTest, ShortCodeIsRejectedAtIngest) {
  SignedClient client = Client();
  auto r = client.PostEvents(json::serialize(Event("GA-P-7", "submitted", 1,
                                                   "2026-02-02T09:00:00+08:00",
                                                   {{"query_code", "12345"}})));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->json.at("events").at(0).at("status").as_string(), "rejected") << r->body;
}

TEST_F(ProgressLookupTest, QueryCodeIsStoredOnlyAsHash) {
  SendCase("GA-P-8", "QC823456");
  auto lease = db().Acquire();
  long long clear = 0;
  *lease << "SELECT count(*) FROM case_events WHERE payload LIKE '%QC823456%'",
      soci::into(clear);
  EXPECT_EQ(clear, 0);
  std::string hash;
  *lease << "SELECT query_code_hash FROM cases WHERE case_number = 'GA-P-8'", soci::into(hash);
  EXPECT_EQ(hash, HashQueryCode("GA-P-8", "QC823456"));
}

TEST_F(ProgressLookupTest, RateLimitIsPerAddress) {
  SendCase("GA-P-9", "QC923456");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Lookup("GA-P-9", "QC923456").status, 200) << "lookup " << i;
  }
  auto limited = Lookup("GA-P-9", "QC923456");
  EXPECT_EQ(limited.status, 429);
  clock_.Advance(std::chrono::seconds(6));
  EXPECT_EQ(Lookup("GA-P-9", "QC923456").status, 200);
}

// Five wrong codes for one case number within 15 minutes lock it for 30 minutes: from then on
// even the right code gets 429 with Retry-After, and the body is the body of a mismatch. The
// clock moves 6 s between lookups so that the per-address rate limit never rejects a lookup.
TEST_F(ProgressLookupTest, WrongCodesLockCaseNumber) {
  SendCase("GA-L-1", "QCL23456");
  std::string mismatch_body = Lookup("GA-NO-SUCH-CASE", "QCL23456").body;
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(std::chrono::seconds(6));
    EXPECT_EQ(Lookup("GA-L-1", fmt::format("WRONG{:03}", i)).status, 404) << "lookup " << i;
  }
  clock_.Advance(std::chrono::seconds(6));
  auto fifth = Lookup("GA-L-1", "WRONG999");
  EXPECT_EQ(fifth.status, 429);
  EXPECT_EQ(fifth.body, mismatch_body);

  clock_.Advance(std::chrono::seconds(6));
  auto right = Lookup("GA-L-1", "QCL23456");
  EXPECT_EQ(right.status, 429);
  EXPECT_EQ(right.body, mismatch_body);
  EXPECT_EQ(right.headers["Retry-After"], std::to_string(30 * 60 - 6));

  clock_.Advance(std::chrono::seconds(6));
  SendCase("GA-L-2", "QCL33456");
  EXPECT_EQ(Lookup("GA-L-2", "QCL33456").status, 200);  // other numbers are not locked

  auto lease = db().Acquire();
  long long entries = 0;
  *lease << "SELECT count(*) FROM ledger_entries WHERE action = 'progress.lock' "
            "AND object_id = 'GA-L-1'",
      soci::into(entries);
  EXPECT_EQ(entries, 1);
  lease.Release();

  clock_.Advance(std::chrono::seconds(30 * 60));
  EXPECT_EQ(Lookup("GA-L-1", "QCL23456").status, 200);
}

// A case number that does not exist is locked the same way, so a lock reveals nothing.
TEST_F(ProgressLookupTest, UnknownCaseNumberLocksAlike) {
  auto last = Lookup("GA-NONE-1", "WRONG000");
  for (int i = 1; i < 5; ++i) {
    clock_.Advance(std::chrono::seconds(6));
    last = Lookup("GA-NONE-1", fmt::format("WRONG{:03}", i));
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.headers["Retry-After"], std::to_string(30 * 60));
}

// Wrong codes spread over more than the 15-minute window never add up to a lock.
TEST_F(ProgressLookupTest, FailuresOutsideWindowDoNotLock) {
  SendCase("GA-L-3", "QCL43456");
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 4; ++i) {
      clock_.Advance(std::chrono::seconds(6));
      EXPECT_EQ(Lookup("GA-L-3", "WRONG000").status, 404) << round << "/" << i;
    }
    clock_.Advance(std::chrono::minutes(16));
  }
  EXPECT_EQ(Lookup("GA-L-3", "QCL43456").status, 200);
}

TEST_F(ProgressLookupTest, MissingParameterIsBadRequest) {
  auto r = server_->Client().Get("/api/v1/public/progress?case_number=GA-P-1");
  EXPECT_EQ(r.status, 400);
}

}  // namespace
}  // namespace mingjing::exchange
