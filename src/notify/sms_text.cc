#include "notify/sms_text.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace mingjing::notify {
namespace {

constexpr std::string_view kSignature = "【明镜监察】";

// Phrases of the rule codes that the rules and the web console share.
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kRulePhrases{{
    {"time.warning", "即将超过承诺时限"},
    {"time.promised", "超过承诺时限"},
    {"time.statutory", "超过法定时限"},
    {"step.warning", "环节即将超时"},
    {"step.promised", "环节超过时限"},
    {"procedure.skipped_step", "跳过必经环节"},
    {"procedure.out_of_order", "环节顺序颠倒"},
    {"procedure.before_application", "环节早于申请"},
    {"procedure.completed_without_acceptance", "未受理即办结"},
    {"procedure.contradicting_decision", "决定与审查意见矛盾"},
    {"fee.free_item", "免费事项收费"},
    {"fee.above_standard", "超标准收费"},
    {"fee.receipt_missing", "收费缺少票据"},
    {"fee.receipt_duplicate", "收费票据重复"},
    {"correction.repeated", "多次补正"},
    {"correction.no_materials", "补正未列材料"},
    {"return.repeated", "重复退回"},
    {"refusal.short_reason", "不予受理理由过短"},
    {"dormancy.untouched", "长期未处理"},
    {"dormancy.late_entry", "补录超期"},
    {"tamper.after_completion", "办结后修改数据"},
    {"tamper.resend", "重发数据被改动"},
    {"trend.volume", "办件量异常波动"},
    {"trend.overdue_rate", "超期率异常波动"},
    {"trend.warning_rate", "预警率异常波动"},
    {"order.not_started", "督办逾期未整改"},
    {"order.not_closed", "督办逾期未办结"},
    {"procurement", "采购异常"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kFamilyPhrases{{
    {"time", "办理超时"},
    {"step", "环节超时"},
    {"procedure", "程序异常"},
    {"fee", "收费异常"},
    {"correction", "补正异常"},
    {"return", "退回异常"},
    {"refusal", "不予受理异常"},
    {"dormancy", "办件异常"},
    {"tamper", "数据被改动"},
    {"procurement", "采购异常"},
}};

struct EventWording {
  std::string_view event;
  std::string_view title;  // "" means the level's own name (黄牌, 红牌 …)
  std::string_view instruction;
};

constexpr std::array<EventWording, 13> kEventWordings{{
    {"issued", "", "请登录监察系统处理。"},
    {"action:confirm_issue", "", "请登录监察系统处理。"},
    {"action:inquire", "质询", "请按期书面答复。"},
    {"action:order", "督办", "请按期整改并报告。"},
    {"action:send_back", "退回", "请重新办理。"},
    {"action:respond", "已答复", "请审核答复。"},
    {"action:appeal", "申诉", "请审核申诉。"},
    {"action:start", "开始整改", "请跟踪整改。"},
    {"action:report", "整改报告", "请审核整改情况。"},
    {"action:confirm", "已摘牌", "无需处理。"},
    {"action:close", "已办结", "无需处理。"},
    {"action:revoke", "已撤销", "无需处理。"},
    {"", "处理进展", "请登录监察系统查看。"},  // any other step
}};

const EventWording& WordingOf(std::string_view event) {
  for (const EventWording& wording : kEventWordings) {
    if (wording.event == event) return wording;
  }
  return kEventWordings.back();
}

// The byte length of the UTF-8 sequence that starts with `lead`; 1 for a stray byte.
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

size_t CountCharacters(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // every byte but a continuation byte starts a character
  }
  return count;
}

std::string TruncateCharacters(std::string_view text, size_t max_characters) {
  if (CountCharacters(text) <= max_characters) return std::string(text);
  if (max_characters == 0) return "";

  size_t end = 0;
  for (size_t kept = 0; kept + 1 < max_characters && end < text.size(); ++kept) {
    end += SequenceLength(static_cast<unsigned char>(text[end]));
  }
  end = std::min(end, text.size());
  return std::string(text.substr(0, end)) + "…";
}

std::string RulePhrase(std::string_view rule_code) {
  for (const auto& [code, phrase] : kRulePhrases) {
    if (code == rule_code) return std::string(phrase);
  }
  std::string_view family = rule_code.substr(0, rule_code.find('.'));
  for (const auto& [name, phrase] : kFamilyPhrases) {
    if (name == family) return std::string(phrase);
  }
  return "监察异常";
}

std::string LevelNameZh(std::string_view level) {
  if (level == "warning") return "预警";
  if (level == "yellow") return "黄牌";
  if (level == "red") return "红牌";
  return std::string(level);
}

std::string RenderAlertSms(const AlertNotice& notice) {
  const EventWording& wording = WordingOf(notice.event);
  std::string level = LevelNameZh(notice.level);
  std::string title = wording.title.empty() ? level : fmt::format("{}（{}）", wording.title, level);

  std::string head = fmt::format("{}{}：", kSignature, title);
  std::string tail = fmt::format("。{}", wording.instruction);
  std::string middle = notice.case_number.empty() ? RulePhrase(notice.rule_code)
                                                  : fmt::format("办件{}{}", notice.case_number,
                                                                RulePhrase(notice.rule_code));

  // The case number is the part that may be long; the signature and instruction always fit.
  size_t fixed = CountCharacters(head) + CountCharacters(tail);
  size_t room = kSmsSegmentCharacters > fixed ? kSmsSegmentCharacters - fixed : 0;
  return head + TruncateCharacters(middle, room) + tail;
}

std::string RenderDigestSms(const DigestCounts& counts) {
  int total = counts.red + counts.yellow + counts.other;
  std::string parts;
  auto add = [&parts](int n, std::string_view name) {
    if (n == 0) return;
    if (!parts.empty()) parts += "、";
    parts += fmt::format("{}{}条", name, n);
  };
  add(counts.red, "红牌");
  add(counts.yellow, "黄牌");
  add(counts.other, "其他");

  std::string text =
      fmt::format("{}您有{}条新的监察提醒（{}），请登录监察系统查看。", kSignature, total, parts);
  return TruncateCharacters(text, kSmsSegmentCharacters);
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return fmt::format("{}{}{}", phone.substr(0, 3), std::string(phone.size() - 7, '*'),
                     phone.substr(phone.size() - 4));
}

}  // namespace mingjing::notify
