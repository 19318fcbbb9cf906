// Every rule of the catalogue has its own SMS phrase, so a card never reaches a phone as the
// generic "监察异常" and a new rule without a phrase fails here.
#include <gtest/gtest.h>

#include <string>

#include "notify/sms_text.h"
#include "supervision/rule_catalog.h"

namespace mingjing::notify {
namespace {

TEST(SmsCatalog, EveryRuleHasPhrase) {
  for (const supervision::RuleDefinition& rule : supervision::RuleCatalog()) {
    EXPECT_NE(RulePhrase(rule.code), "监察异常") << rule.code;
  }
}

TEST(SmsCatalog, EveryRuleFitsOneSegment) {
  for (const supervision::RuleDefinition& rule : supervision::RuleCatalog()) {
    AlertNotice notice{.alert_id = 1,
                       .level = std::string(supervision::LevelName(rule.level)),
                       .rule_code = std::string(rule.code),
                       .case_number = "GA-2026-0000123456",
                       .event = "action:order"};
    EXPECT_LE(CountCharacters(RenderAlertSms(notice)), kSmsSegmentCharacters) << rule.code;
  }
}

}  // namespace
}  // namespace mingjing::notify
