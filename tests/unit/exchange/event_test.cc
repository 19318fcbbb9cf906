#include "exchange/event.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "exchange/case_state.h"
#include "exchange/event_validation.h"

namespace mingjing::exchange {
namespace {

TEST(ParseRfc3339, AppliesTheOffset) {
  EXPECT_EQ(ParseRfc3339("2026-03-02T09:00:00+08:00"), 1772413200);
  EXPECT_EQ(ParseRfc3339("2026-03-02T01:00:00Z"), 1772413200);
  EXPECT_EQ(ParseRfc3339("2026-03-01T20:00:00-05:00"), 1772413200);
  EXPECT_EQ(ParseRfc3339("2026-03-02T01:00:00.123456Z"), 1772413200);
}

TEST(ParseRfc3339, RejectsInvalidText) {
  for (const char* text :
       {"2026-03-02T09:00:00", "2026-03-02 09:00:00+08:00", "2026-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-03-02T24:00:00Z", "2026-03-02T09:00:00+0800",
        "2026-03-02T09:00:00.Z", "2026-03-02T09:00:00Z trailing", ""}) {
    EXPECT_FALSE(ParseRfc3339(text).has_value()) << text;
  }
  EXPECT_TRUE(ParseRfc3339("2028-02-29T00:00:00Z").has_value());
}

TEST(CanonicalJson, SortsKeysAtEveryDepth) {
  auto a = boost::json::parse(R"({"b":1,"a":{"y":[2,{"d":1,"c":2}],"x":null}})");
  EXPECT_EQ(CanonicalJson(a), R"({"a":{"x":null,"y":[2,{"c":2,"d":1}]},"b":1})");
}

TEST(FoldEvents, SameSecondFollowsTypeOrder) {
  std::vector<StoredEvent> events = {
      {1, EventType::kCompleted, 100, R"({"event_id":"c","outcome":"approved"})", false},
      {2, EventType::kAccepted, 100, R"({"event_id":"a"})", false},
      {3, EventType::kSubmitted, 100, R"({"event_id":"s"})", false},
  };
  CaseState state = FoldEvents(events);
  EXPECT_EQ(state.state, "completed");
  EXPECT_EQ(state.accepted_at, 100);
}

TEST(FoldEvents, WithdrawnEventIsIgnored) {
  std::vector<StoredEvent> events = {
      {1, EventType::kFeeCharged, 100, R"({"event_id":"f1","amount_fen":500})", false},
      {2, EventType::kFeeCharged, 110, R"({"event_id":"f2","amount_fen":700})", true},
  };
  EXPECT_EQ(FoldEvents(events).fee_total_fen, 500);
}

TEST(FoldEvents, CorrectionCanMoveAnEvent) {
  // The correction moves the resumption before the suspension, so the case stays suspended.
  std::vector<StoredEvent> events = {
      {1, EventType::kSuspended, 100, R"({"event_id":"s"})", false},
      {2, EventType::kResumed, 200, R"({"event_id":"r"})", false},
      {3, EventType::kCorrection, 300,
       R"({"event_id":"c","corrects_event_id":"r","values":{"occurred_at":"1970-01-01T00:00:50Z"}})",
       false},
  };
  EXPECT_TRUE(FoldEvents(events).suspended);
}

}  // namespace
}  // namespace mingjing::exchange
