#include <algorithm>

#include "exchange/batch_body.h"
#include "exchange_fixture.h"

namespace mingjing::exchange {
namespace {

using ExchangeIngestTest = testing::ExchangeFixture;
namespace json = boost::json;

bool HasError(const EventResult& r, const std::string& field) {
  return std::any_of(r.errors.begin(), r.errors.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

TEST_F(ExchangeIngestTest, CompleteCaseBuildsState) {
  auto result = Ingest(CompleteCase("GA-1"));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->accepted, 8);
  EXPECT_EQ(result->rejected, 0);

  Case c = CaseByNumber("GA-1");
  EXPECT_EQ(c.state, "completed");
  EXPECT_EQ(c.outcome, "approved");
  EXPECT_EQ(c.result_document_number, "广安许〔2026〕8号");
  EXPECT_EQ(c.current_step, "review");
  EXPECT_FALSE(c.suspended);
  EXPECT_EQ(c.fee_total_fen, 5000);
  EXPECT_EQ(c.suspension_count, 1);
  EXPECT_EQ(c.submitted_at, 1772413200);  // 2026-03-02T01:00:00Z
  EXPECT_EQ(c.completed_at, 1772780400);  // 2026-03-06T07:00:00Z
  EXPECT_EQ(c.sender_system, "mk_test");
  EXPECT_EQ(c.applicant_name_hash, HashApplicantName("张三"));
}

TEST_F(ExchangeIngestTest, ApplicantNameIsNotStored) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-1")).has_value());
  auto lease = db().Acquire();
  long long n = 0;
  *lease << "SELECT count(*) FROM case_event_versions WHERE payload LIKE '%张三%'", soci::into(n);
  EXPECT_EQ(n, 0);
}

TEST_F(ExchangeIngestTest, IdenticalResendIsDuplicate) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-1")).has_value());
  int64_t ledger_rows = Count("ledger_entries");

  auto again = Ingest(CompleteCase("GA-1"));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->duplicates, 8);
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(again->alarms, 0);
  EXPECT_EQ(Count("case_event_versions"), 8);
  EXPECT_EQ(Count("tamper_alarms"), 0);
  EXPECT_EQ(Count("ledger_entries"), ledger_rows);
}

TEST_F(ExchangeIngestTest, KeyOrderDoesNotMakeANewVersion) {
  json::object e = MakeEvent("k-1", "submitted", "2026-03-02T09:00:00+08:00");
  ASSERT_TRUE(Ingest({e}).has_value());
  json::object reordered;
  std::vector<std::string> keys;
  for (auto& [key, value] : e) keys.emplace_back(key);
  std::reverse(keys.begin(), keys.end());
  for (const auto& key : keys) reordered[key] = e[key];

  auto again = Ingest({reordered});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->events[0].status, EventStatus::kDuplicate);
}

TEST_F(ExchangeIngestTest, AlteredResendKeepsBothVersions) {
  ASSERT_TRUE(Ingest({MakeEvent("a-1", "fee_charged", "2026-03-05T10:00:00+08:00",
                                {{"amount_fen", 5000}, {"receipt_number", "R-1"}})})
                  .has_value());
  auto altered = Ingest({MakeEvent("a-1", "fee_charged", "2026-03-05T10:00:00+08:00",
                                   {{"amount_fen", 500}, {"receipt_number", "R-1"}})});
  ASSERT_TRUE(altered.has_value());
  ASSERT_EQ(altered->events.size(), 1u);
  EXPECT_EQ(altered->events[0].status, EventStatus::kNewVersion);
  EXPECT_EQ(altered->events[0].version, 2);
  ASSERT_EQ(altered->events[0].alarms.size(), 1u);
  EXPECT_EQ(altered->events[0].alarms[0], kResendWithDifferentContent);

  Case c = CaseByNumber("GA-2026-0001");
  EXPECT_EQ(c.fee_total_fen, 500);
  auto timeline = CaseTimeline(db(), c.id);
  ASSERT_EQ(timeline.size(), 1u);
  ASSERT_EQ(timeline[0].versions.size(), 2u);
  EXPECT_NE(timeline[0].versions[0].payload.find("5000"), std::string::npos);
  EXPECT_NE(timeline[0].versions[1].payload.find("500"), std::string::npos);
  EXPECT_NE(timeline[0].versions[0].content_hash, timeline[0].versions[1].content_hash);

  auto alarms = ListTamperAlarms(db(), c.id);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].kind, "resend_with_different_content");
  EXPECT_EQ(alarms[0].old_version, 1);
  EXPECT_EQ(alarms[0].new_version, 2);
}

TEST_F(ExchangeIngestTest, OutOfOrderArrivalGivesSameState) {
  auto in_order = CompleteCase("GA-A");
  ASSERT_TRUE(Ingest(in_order).has_value());

  auto shuffled = CompleteCase("GA-B");
  std::reverse(shuffled.begin(), shuffled.end());
  // Send in three calls as well, so the state is recomputed between arrivals.
  ASSERT_TRUE(Ingest({shuffled.begin(), shuffled.begin() + 3}).has_value());
  Case partial = CaseByNumber("GA-B");
  EXPECT_EQ(partial.state, "completed");
  ASSERT_TRUE(Ingest({shuffled.begin() + 3, shuffled.begin() + 5}).has_value());
  ASSERT_TRUE(Ingest({shuffled.begin() + 5, shuffled.end()}).has_value());

  Case a = CaseByNumber("GA-A");
  Case b = CaseByNumber("GA-B");
  EXPECT_EQ(b.state, a.state);
  EXPECT_EQ(b.current_step, a.current_step);
  EXPECT_EQ(b.suspended, a.suspended);
  EXPECT_EQ(b.fee_total_fen, a.fee_total_fen);
  EXPECT_EQ(b.submitted_at, a.submitted_at);
  EXPECT_EQ(b.accepted_at, a.accepted_at);
  EXPECT_EQ(b.completed_at, a.completed_at);
  EXPECT_EQ(b.outcome, a.outcome);
  EXPECT_EQ(Count("tamper_alarms"), 0);
}

TEST_F(ExchangeIngestTest, SuspendedArrivingLateStillResumes) {
  auto events = CompleteCase("GA-S");
  events.pop_back();                // not completed yet
  std::swap(events[3], events[4]);  // resumed arrives before suspended
  ASSERT_TRUE(Ingest(events).has_value());
  EXPECT_FALSE(CaseByNumber("GA-S").suspended);
}

TEST_F(ExchangeIngestTest, BadEventsDoNotBlockGoodOnes) {
  std::vector<json::value> events = {
      MakeEvent("b-1", "submitted", "2026-03-02T09:00:00+08:00"),
      MakeEvent("b-2", "accepted", "2026-03-02 10:00"),
      MakeEvent("b-3", "fee_charged", "2026-03-05T10:00:00+08:00",
                {{"amount_fen", -5}, {"receipt_number", "R-1"}, {"colour", "red"}}),
      json::value("not an event"),
      MakeEvent("b-5", "step_started", "2026-03-03T09:00:00+08:00",
                {{"step_code", "review"}, {"handler", "李四"}}),
  };
  events[1].as_object().erase("operator");

  auto result = Ingest(events);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->accepted, 2);
  EXPECT_EQ(result->rejected, 3);
  EXPECT_EQ(result->events[0].status, EventStatus::kAccepted);
  EXPECT_EQ(result->events[4].status, EventStatus::kAccepted);

  const EventResult& bad_time = result->events[1];
  EXPECT_EQ(bad_time.status, EventStatus::kRejected);
  EXPECT_TRUE(HasError(bad_time, "events[1].occurred_at"));
  EXPECT_TRUE(HasError(bad_time, "events[1].operator"));

  const EventResult& bad_fee = result->events[2];
  EXPECT_TRUE(HasError(bad_fee, "events[2].amount_fen"));
  EXPECT_TRUE(HasError(bad_fee, "events[2].colour"));
  EXPECT_TRUE(HasError(result->events[3], "events[3]"));

  EXPECT_EQ(CaseByNumber("GA-2026-0001").state, "in_progress");
}

TEST_F(ExchangeIngestTest, TypeSpecificFieldsAreRequired) {
  auto result = Ingest(
      {MakeEvent("r-1", "completed", "2026-03-06T15:00:00+08:00", {{"outcome", "granted"}}),
       MakeEvent("r-2", "suspended", "2026-03-06T15:00:00+08:00", {{"reason_code", "lunch"}})});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(HasError(result->events[0], "events[0].outcome"));
  EXPECT_TRUE(HasError(result->events[0], "events[0].result_document_number"));
  EXPECT_TRUE(HasError(result->events[1], "events[1].reason_code"));
  EXPECT_TRUE(HasError(result->events[1], "events[1].days"));
}

TEST_F(ExchangeIngestTest, FutureEventIsRejected) {
  auto result = Ingest({MakeEvent("f-1", "submitted", "2026-03-11T09:00:00+08:00")});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(HasError(result->events[0], "events[0].occurred_at"));
}

TEST_F(ExchangeIngestTest, ScopeViolationsAreRejected) {
  json::object outside = MakeEvent("s-1", "submitted", "2026-03-02T09:00:00+08:00", {}, "GA-X");
  outside["division_code"] = "510104";  // Chengdu, outside Guang'an
  json::object wrong_type = MakeEvent("s-2", "submitted", "2026-03-02T09:00:00+08:00", {}, "GA-Y");
  wrong_type["item_type"] = "payment";  // a catalogue type that the key does not allow
  json::object inside = MakeEvent("s-3", "submitted", "2026-03-02T09:00:00+08:00", {}, "GA-Z");

  auto result = Ingest({outside, wrong_type, inside});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(HasError(result->events[0], "events[0].division_code"));
  EXPECT_TRUE(HasError(result->events[1], "events[1].item_type"));
  EXPECT_EQ(result->events[2].status, EventStatus::kAccepted);
  EXPECT_EQ(Count("cases"), 1);
}

TEST_F(ExchangeIngestTest, ChineseItemTypeIsRejected) {
  json::object event = MakeEvent("t-1", "submitted", "2026-03-02T09:00:00+08:00", {}, "GA-T");
  event["item_type"] = "行政许可";  // the catalogue's code for this type is "licensing"

  auto result = Ingest({event});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->events[0].status, EventStatus::kRejected);
  EXPECT_TRUE(HasError(result->events[0], "events[0].item_type"));
}

TEST_F(ExchangeIngestTest, CaseIdentityCannotChange) {
  ASSERT_TRUE(Ingest({MakeEvent("i-1", "submitted", "2026-03-02T09:00:00+08:00")}).has_value());
  json::object moved = MakeEvent("i-2", "accepted", "2026-03-02T10:00:00+08:00");
  moved["item_code"] = "511A0999";
  auto result = Ingest({moved});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(HasError(result->events[0], "events[0].item_code"));
}

TEST_F(ExchangeIngestTest, CorrectionChangesState) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-C")).has_value());
  auto result = Ingest(
      {MakeEvent("GA-C-9", "correction", "2026-03-07T09:00:00+08:00",
                 {{"corrects_event_id", "GA-C-6"}, {"values", {{"amount_fen", 3000}}}}, "GA-C")});
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->events[0].status, EventStatus::kAccepted);
  EXPECT_EQ(CaseByNumber("GA-C").fee_total_fen, 3000);
}

TEST_F(ExchangeIngestTest, ChangeAfterCompletionRaisesAlarm) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-D")).has_value());
  auto result = Ingest(
      {MakeEvent("GA-D-9", "correction", "2026-03-07T09:00:00+08:00",
                 {{"corrects_event_id", "GA-D-7"}, {"values", {{"opinion", "不同意"}}}}, "GA-D")});
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->events[0].alarms.size(), 1u);
  EXPECT_EQ(result->events[0].alarms[0], kChangeAfterCompletion);

  auto alarms = ListTamperAlarms(db(), CaseByNumber("GA-D").id);
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].event_id, "GA-D-7");
}

TEST_F(ExchangeIngestTest, AlteredResendAfterCompletionRaisesBothAlarms) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-E")).has_value());
  auto events = CompleteCase("GA-E");
  events[2].as_object()["handler"] = "王五";
  auto result = Ingest({events[2]});
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->events[0].alarms.size(), 2u);
  EXPECT_EQ(result->events[0].alarms[0], kResendWithDifferentContent);
  EXPECT_EQ(result->events[0].alarms[1], kChangeAfterCompletion);
}

TEST_F(ExchangeIngestTest, DeletionWithdrawsEventAndRaisesAlarms) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-F")).has_value());
  auto result = Ingest({MakeEvent("GA-F-9", "deleted", "2026-03-07T09:00:00+08:00",
                                  {{"deletes_event_id", "GA-F-6"}}, "GA-F")});
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->events[0].status, EventStatus::kAccepted);
  ASSERT_EQ(result->events[0].alarms.size(), 2u);
  EXPECT_EQ(result->events[0].alarms[0], kDeletion);
  EXPECT_EQ(result->events[0].alarms[1], kChangeAfterCompletion);

  Case c = CaseByNumber("GA-F");
  EXPECT_EQ(c.fee_total_fen, 0);
  auto timeline = CaseTimeline(db(), c.id);
  auto fee = std::find_if(timeline.begin(), timeline.end(),
                          [](const TimelineEvent& e) { return e.event_id == "GA-F-6"; });
  ASSERT_NE(fee, timeline.end());
  EXPECT_TRUE(fee->withdrawn);
  EXPECT_EQ(fee->versions.size(), 1u);
}

TEST_F(ExchangeIngestTest, DeletionOfUnknownEventIsRejected) {
  auto result = Ingest(
      {MakeEvent("d-1", "deleted", "2026-03-07T09:00:00+08:00", {{"deletes_event_id", "nope"}})});
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(HasError(result->events[0], "events[0].deletes_event_id"));
  EXPECT_EQ(Count("cases"), 0);
}

TEST_F(ExchangeIngestTest, LateEventAfterCompletionRaisesAlarm) {
  ASSERT_TRUE(Ingest(CompleteCase("GA-G")).has_value());
  auto result = Ingest({MakeEvent("GA-G-9", "step_started", "2026-03-08T09:00:00+08:00",
                                  {{"step_code", "archive"}, {"handler", "李四"}}, "GA-G")});
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->events[0].alarms.size(), 1u);
  EXPECT_EQ(result->events[0].alarms[0], kChangeAfterCompletion);
}

// The state of a case is recomputed once at the end of a batch, except after a completion: an
// event in the same batch that happened after it must still be seen as a change after completion.
TEST_F(ExchangeIngestTest, LateEventInTheCompletingBatchRaisesAlarm) {
  std::vector<json::value> batch = CompleteCase("GA-H");
  batch.push_back(MakeEvent("GA-H-9", "step_started", "2026-03-08T09:00:00+08:00",
                            {{"step_code", "archive"}, {"handler", "李四"}}, "GA-H"));
  auto result = Ingest(batch);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->accepted, 9);
  ASSERT_EQ(result->events.back().alarms.size(), 1u);
  EXPECT_EQ(result->events.back().alarms[0], kChangeAfterCompletion);
}

// A refusal to accept closes the case like a completion, also for a later event of its batch.
TEST_F(ExchangeIngestTest, EventAfterRefusalInSameBatchRaisesAlarm) {
  auto result = Ingest(
      {MakeEvent("GA-R-1", "submitted", "2026-03-02T09:00:00+08:00", {{"applicant_name", "张三"}},
                 "GA-R"),
       MakeEvent("GA-R-2", "not_accepted", "2026-03-02T10:00:00+08:00",
                 {{"reason", "申请材料不齐全，且不属于本机关职权范围"}}, "GA-R"),
       MakeEvent("GA-R-3", "step_started", "2026-03-02T15:00:00+08:00",
                 {{"step_code", "review"}, {"handler", "李四"}}, "GA-R")});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->rejected, 0) << result->events[1].errors.size();
  ASSERT_EQ(result->events[2].alarms.size(), 1u);
  EXPECT_EQ(result->events[2].alarms[0], kChangeAfterCompletion);
}

TEST_F(ExchangeIngestTest, EventBefore2000IsRejected) {
  auto result = Ingest({MakeEvent("GA-OLD-1", "submitted", "1999-03-01T09:00:00+08:00",
                                  {{"applicant_name", "张三"}}, "GA-OLD")});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->rejected, 1);
  EXPECT_TRUE(HasError(result->events[0], "events[0].occurred_at"));
}

// Several cases in one batch, interleaved, each end up with the state of its own events.
TEST_F(ExchangeIngestTest, InterleavedCasesKeepOwnState) {
  std::vector<json::value> a = CompleteCase("GA-I");
  std::vector<json::value> b = CompleteCase("GA-J");
  b.pop_back();  // GA-J is not completed
  std::vector<json::value> batch;
  for (size_t i = 0; i < a.size(); ++i) {
    batch.push_back(a[i]);
    if (i < b.size()) batch.push_back(b[i]);
  }
  auto result = Ingest(batch);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->rejected, 0);
  EXPECT_EQ(CaseByNumber("GA-I").state, "completed");
  EXPECT_NE(CaseByNumber("GA-J").state, "completed");
  EXPECT_EQ(CaseByNumber("GA-J").fee_total_fen, CaseByNumber("GA-I").fee_total_fen);
}

TEST_F(ExchangeIngestTest, OverLimitBatchIsRejectedWhole) {
  std::vector<json::value> events;
  for (int i = 0; i <= static_cast<int>(kMaxEventsPerBatch); ++i) {
    events.push_back(MakeEvent("o-" + std::to_string(i), "submitted", "2026-03-02T09:00:00+08:00",
                               {}, "GA-O" + std::to_string(i)));
  }
  auto result = Ingest(events);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(Count("cases"), 0);
}

TEST_F(ExchangeIngestTest, FullBatchIsAccepted) {
  std::vector<json::value> events;
  for (int i = 0; i < static_cast<int>(kMaxEventsPerBatch); ++i) {
    events.push_back(MakeEvent("m-" + std::to_string(i), "submitted", "2026-03-02T09:00:00+08:00",
                               {}, "GA-M" + std::to_string(i % 100)));
  }
  auto result = Ingest(events);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->accepted, static_cast<int64_t>(kMaxEventsPerBatch));
  EXPECT_EQ(Count("cases"), 100);
}

TEST_F(ExchangeIngestTest, NdjsonLinesIngest) {
  std::string text;
  for (const auto& e : CompleteCase("GA-N")) text += json::serialize(e) + "\n";
  text += "\n{broken\n";
  auto lines = ParseNdjson(text);
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[8].line_number, 10u);
  EXPECT_FALSE(lines[8].parse_error.empty());

  std::vector<json::value> values;
  for (const auto& line : lines) values.push_back(line.value);
  auto result = Ingest(values);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->accepted, 8);
  EXPECT_EQ(result->events[8].status, EventStatus::kRejected);
  EXPECT_EQ(CaseByNumber("GA-N").state, "completed");
}

TEST_F(ExchangeIngestTest, BatchWritesOneLedgerEntryPlusAlarms) {
  int64_t before = Count("ledger_entries");
  ASSERT_TRUE(Ingest(CompleteCase("GA-L")).has_value());
  EXPECT_EQ(Count("ledger_entries"), before + 1);
  ASSERT_TRUE(Ingest({MakeEvent("GA-L-9", "deleted", "2026-03-07T09:00:00+08:00",
                                {{"deletes_event_id", "GA-L-6"}}, "GA-L")})
                  .has_value());
  EXPECT_EQ(Count("ledger_entries"), before + 4);  // the batch, deletion, change after completion
}

}  // namespace
}  // namespace mingjing::exchange
