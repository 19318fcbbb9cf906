// The alert handling state machine: every allowed transition, and every other state and action
// pair rejected.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "supervision/handling.h"

namespace mingjing::supervision {
namespace {

struct Expected {
  std::string to;
  Handler handler;
  std::string handling;
};

// The contract's table, written out independently of kTransitions.
const std::map<std::pair<std::string, std::string>, Expected>& ContractTable() {
  static const std::map<std::pair<std::string, std::string>, Expected> table = {
      {{"pending", "confirm_issue"}, {"issued", Handler::kSupervisor, ""}},
      {{"pending", "revoke"}, {"revoked", Handler::kSupervisor, ""}},
      {{"issued", "respond"}, {"responded", Handler::kDepartment, ""}},
      {{"returned", "respond"}, {"responded", Handler::kDepartment, ""}},
      {{"issued", "appeal"}, {"appealed", Handler::kDepartmentHead, ""}},
      {{"issued", "inquire"}, {"issued", Handler::kSupervisor, "inquiry"}},
      {{"responded", "inquire"}, {"issued", Handler::kSupervisor, "inquiry"}},
      {{"responded", "send_back"}, {"returned", Handler::kSupervisor, ""}},
      {{"appealed", "send_back"}, {"returned", Handler::kSupervisor, ""}},
      {{"appealed", "revoke"}, {"revoked", Handler::kSupervisor, ""}},
      {{"issued", "revoke"}, {"revoked", Handler::kSupervisor, ""}},
      {{"responded", "revoke"}, {"revoked", Handler::kSupervisor, ""}},
      {{"issued", "order"}, {"ordered", Handler::kSupervisor, "order"}},
      {{"responded", "order"}, {"ordered", Handler::kSupervisor, "order"}},
      {{"returned", "order"}, {"ordered", Handler::kSupervisor, "order"}},
      {{"ordered", "start"}, {"rectifying", Handler::kDepartment, ""}},
      {{"rectifying", "rectify"}, {"rectifying", Handler::kDepartment, ""}},
      {{"rectifying", "report"}, {"reported", Handler::kDepartment, ""}},
      {{"reported", "confirm"}, {"closed", Handler::kSupervisor, ""}},
      {{"reported", "send_back"}, {"rectifying", Handler::kSupervisor, ""}},
      {{"responded", "close"}, {"closed", Handler::kSupervisor, ""}},
  };
  return table;
}

const std::vector<std::string> kStates = {"pending",  "issued",  "responded",  "appealed",
                                          "returned", "ordered", "rectifying", "reported",
                                          "closed",   "revoked"};
const std::vector<std::string> kActions = {"confirm_issue", "respond", "appeal",  "inquire",
                                           "send_back",     "revoke",  "order",   "start",
                                           "rectify",       "report",  "confirm", "close"};

TEST(HandlingTable, EveryPairMatchesContract) {
  for (const std::string& state : kStates) {
    for (const std::string& action : kActions) {
      SCOPED_TRACE(state + " × " + action);
      auto expected = ContractTable().find({state, action});
      std::optional<Transition> t = FindTransition(state, action);
      if (expected == ContractTable().end()) {
        EXPECT_FALSE(t.has_value());
        continue;
      }
      ASSERT_TRUE(t.has_value());
      EXPECT_EQ(t->to, expected->second.to);
      EXPECT_EQ(t->handler, expected->second.handler);
      EXPECT_EQ(t->handling, expected->second.handling);
    }
  }
}

TEST(HandlingTable, TableHasNoExtraTransitions) {
  EXPECT_EQ(Transitions().size(), ContractTable().size());
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const Transition& t : Transitions()) {
    EXPECT_TRUE(seen.insert({t.from, t.action}).second) << t.from << " " << t.action;
  }
}

TEST(HandlingTable, FinalStatesAllowNothing) {
  for (const std::string& action : kActions) {
    EXPECT_FALSE(FindTransition("closed", action).has_value()) << action;
    EXPECT_FALSE(FindTransition("revoked", action).has_value()) << action;
  }
  EXPECT_TRUE(IsFinalState("closed"));
  EXPECT_TRUE(IsFinalState("revoked"));
  EXPECT_FALSE(IsFinalState("reported"));
}

TEST(HandlingTable, UnknownActionHasNoHandler) {
  EXPECT_FALSE(HandlerOf("delete").has_value());
  EXPECT_EQ(HandlerOf("appeal"), Handler::kDepartmentHead);
  EXPECT_EQ(HandlerOf("respond"), Handler::kDepartment);
  EXPECT_EQ(HandlerOf("order"), Handler::kSupervisor);
}

auth::Principal Person(std::vector<auth::Role> roles, std::string division,
                       int64_t department_id = 0) {
  auth::Principal p;
  p.name = "someone";
  p.roles = std::move(roles);
  p.division_code = std::move(division);
  p.department_id = department_id;
  return p;
}

Alert AlertIn(std::string state) {
  Alert a;
  a.id = 7;
  a.state = std::move(state);
  a.division_code = "511602";
  a.department_id = 42;
  // Only a card awaiting confirmation has never been issued.
  if (a.state != "pending") a.issued_at = 1'767'225'600;
  return a;
}

TEST(HandlingRelation, DepartmentReadsNothingBeforeIssue) {
  CallerRelation r =
      RelationOf(Person({auth::Role::kDepartmentHead}, "511602", 42), AlertIn("pending"));
  EXPECT_FALSE(r.department);
  EXPECT_FALSE(r.reader);
}

TEST(HandlingRelation, SupervisorOfParentDivision) {
  CallerRelation r = RelationOf(Person({auth::Role::kSupervisor}, "5116"), AlertIn("issued"));
  EXPECT_TRUE(r.supervisor);
  EXPECT_TRUE(r.reader);
  EXPECT_FALSE(r.department);
}

TEST(HandlingRelation, SupervisorOfOtherCountyReadsNothing) {
  CallerRelation r = RelationOf(Person({auth::Role::kSupervisor}, "511621"), AlertIn("issued"));
  EXPECT_FALSE(r.supervisor);
  EXPECT_FALSE(r.reader);
}

TEST(HandlingRelation, StaffOfOtherDepartmentReadsNothing) {
  CallerRelation r =
      RelationOf(Person({auth::Role::kDepartmentStaff}, "511602", 43), AlertIn("issued"));
  EXPECT_FALSE(r.department);
  EXPECT_FALSE(r.reader);
}

TEST(HandlingRelation, AuditorReadsButTakesNoAction) {
  Alert alert = AlertIn("issued");
  CallerRelation r = RelationOf(Person({auth::Role::kAuditAdmin}, "5116"), alert);
  EXPECT_TRUE(r.reader);
  EXPECT_TRUE(AllowedActions(r, alert).empty());
}

TEST(HandlingRelation, OnlyHeadMayAppeal) {
  Alert alert = AlertIn("issued");
  CallerRelation staff = RelationOf(Person({auth::Role::kDepartmentStaff}, "511602", 42), alert);
  CallerRelation head = RelationOf(Person({auth::Role::kDepartmentHead}, "511602", 42), alert);
  EXPECT_EQ(AllowedActions(staff, alert), (std::vector<std::string>{"respond"}));
  EXPECT_EQ(AllowedActions(head, alert), (std::vector<std::string>{"respond", "appeal"}));
}

TEST(HandlingRequestCheck, TextRequiredExceptStartAndConfirmIssue) {
  HandlingRequest r{.alert_id = 1, .action = "respond", .text = "好"};
  auto short_text = ValidateHandlingRequest(r);
  ASSERT_FALSE(short_text.has_value());
  EXPECT_EQ(short_text.error().field, "text");
  r.text = "已整改";
  EXPECT_TRUE(ValidateHandlingRequest(r).has_value());
  EXPECT_TRUE(ValidateHandlingRequest({.alert_id = 1, .action = "start"}).has_value());
  EXPECT_TRUE(ValidateHandlingRequest({.alert_id = 1, .action = "confirm_issue"}).has_value());
}

TEST(HandlingRequestCheck, RejectsUnknownActionAndBadAttachments) {
  auto unknown = ValidateHandlingRequest({.alert_id = 1, .action = "erase", .text = "abc"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "action");

  HandlingRequest r{.alert_id = 1, .action = "report", .text = "整改报告"};
  r.attachments.assign(kMaxAttachments + 1, {"a.pdf", "application/pdf", "x"});
  auto too_many = ValidateHandlingRequest(r);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().field, "attachments");

  r.attachments = {{"../a.pdf", "application/pdf", "x"}};
  auto bad_name = ValidateHandlingRequest(r);
  ASSERT_FALSE(bad_name.has_value());
  EXPECT_EQ(bad_name.error().field, "attachments[0].file_name");

  r.attachments = {{"a.pdf", "application/pdf", std::string(kMaxAttachmentBytes + 1, 'x')}};
  auto too_big = ValidateHandlingRequest(r);
  ASSERT_FALSE(too_big.has_value());
  EXPECT_EQ(too_big.error().field, "attachments[0].content_base64");
}

}  // namespace
}  // namespace mingjing::supervision
