#include "notify/sms_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mingjing::notify {
namespace {

// A sample of rule codes with their own phrase, a procurement code and an unknown code. Every
// code of the rule catalogue is checked in sms_catalog_test.cc.
const std::vector<std::string> kRuleCodes = {
    "time.promised", "procedure.completed_without_acceptance", "order.not_closed",
    "procurement.single_bid", "unknown.rule"};

const std::vector<std::string> kEvents = {"issued",
                                          "action:confirm_issue",
                                          "action:inquire",
                                          "action:order",
                                          "action:send_back",
                                          "action:respond",
                                          "action:appeal",
                                          "action:start",
                                          "action:report",
                                          "action:confirm",
                                          "action:close",
                                          "action:revoke",
                                          "action:something_new"};

AlertNotice Notice(std::string rule, std::string event, std::string case_number) {
  AlertNotice notice;
  notice.alert_id = 7;
  notice.level = "red";
  notice.rule_code = std::move(rule);
  notice.event = std::move(event);
  notice.case_number = std::move(case_number);
  return notice;
}

TEST(CountCharacters, CountsCodePoints) {
  EXPECT_EQ(CountCharacters(""), 0u);
  EXPECT_EQ(CountCharacters("abc"), 3u);
  EXPECT_EQ(CountCharacters("黄牌"), 2u);
  EXPECT_EQ(CountCharacters("【明镜】A1"), 6u);
}

TEST(TruncateCharacters, KeepsShortText) {
  EXPECT_EQ(TruncateCharacters("超过承诺时限", 6), "超过承诺时限");
}

TEST(TruncateCharacters, CutsWithEllipsis) {
  std::string cut = TruncateCharacters("超过承诺时限", 4);
  EXPECT_EQ(cut, "超过承…");
  EXPECT_EQ(CountCharacters(cut), 4u);
}

TEST(TruncateCharacters, ZeroGivesEmpty) { EXPECT_EQ(TruncateCharacters("abc", 0), ""); }

TEST(RulePhrase, KnownAndFamilyCodes) {
  EXPECT_EQ(RulePhrase("time.promised"), "超过承诺时限");
  EXPECT_EQ(RulePhrase("fee.something_else"), "收费异常");
  EXPECT_EQ(RulePhrase("procurement.single_bid"), "采购异常");
  EXPECT_EQ(RulePhrase("unknown.rule"), "监察异常");
}

TEST(RenderAlertSms, IssuedYellowCard) {
  AlertNotice notice = Notice("time.promised", "issued", "2026-0001");
  notice.level = "yellow";
  EXPECT_EQ(RenderAlertSms(notice),
            "【明镜监察】黄牌：办件2026-0001超过承诺时限。请登录监察系统处理。");
}

TEST(RenderAlertSms, OrderNamesLevel) {
  EXPECT_EQ(RenderAlertSms(Notice("time.statutory", "action:order", "A7")),
            "【明镜监察】督办（红牌）：办件A7超过法定时限。请按期整改并报告。");
}

TEST(RenderAlertSms, NoCaseNumber) {
  EXPECT_EQ(RenderAlertSms(Notice("trend.volume", "issued", "")),
            "【明镜监察】红牌：办件量异常波动。请登录监察系统处理。");
}

TEST(RenderAlertSms, EveryRuleAndEventFitsOneSegment) {
  std::string long_case(80, '9');
  for (const std::string& rule : kRuleCodes) {
    for (const std::string& event : kEvents) {
      for (const std::string& case_number : {std::string(), std::string("2026-0001"), long_case}) {
        std::string text = RenderAlertSms(Notice(rule, event, case_number));
        EXPECT_LE(CountCharacters(text), kSmsSegmentCharacters) << rule << " " << event;
        EXPECT_TRUE(text.starts_with("【明镜监察】")) << text;
        EXPECT_TRUE(text.ends_with("。")) << text;
      }
    }
  }
}

TEST(RenderAlertSms, LongCaseNumberKeepsInstruction) {
  std::string text = RenderAlertSms(Notice("time.promised", "issued", std::string(80, '9')));
  EXPECT_EQ(CountCharacters(text), kSmsSegmentCharacters);
  EXPECT_NE(text.find("…"), std::string::npos);
  EXPECT_TRUE(text.ends_with("请登录监察系统处理。"));
}

TEST(RenderDigestSms, ListsNonZeroCounts) {
  EXPECT_EQ(RenderDigestSms({.red = 2, .yellow = 0, .other = 1}),
            "【明镜监察】您有3条新的监察提醒（红牌2条、其他1条），请登录监察系统查看。");
}

TEST(RenderDigestSms, LargeCountsFitOneSegment) {
  std::string text = RenderDigestSms({.red = 123456, .yellow = 654321, .other = 99999});
  EXPECT_LE(CountCharacters(text), kSmsSegmentCharacters);
}

TEST(MaskPhone, KeepsPrefixAndSuffix) {
  EXPECT_EQ(MaskPhone("13800138000"), "138****8000");
  EXPECT_EQ(MaskPhone("+8613800138000"), "+86*******8000");
  EXPECT_EQ(MaskPhone("12345"), "*****");
}

}  // namespace
}  // namespace mingjing::notify
