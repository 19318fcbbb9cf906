#include "supervision/rule_catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "calendar/time_limit.h"
#include "supervision/procurement_rule_catalog.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using K = SettingKind;

constexpr int64_t kMaxDays = 3650;

constexpr SettingSpec kWarningSettings[] = {{"warn_ratio", K::kRatio}};
constexpr SettingSpec kPromisedSettings[] = {
    {"grace_working_days", K::kWholeNumber, 0, kMaxDays},
    {"pre_acceptance_working_days", K::kWholeNumber, 0, kMaxDays},
    {"promised_limit", K::kTimeLimit},
    {"complaint", K::kFlag},
};
constexpr SettingSpec kStatutorySettings[] = {
    {"red_after_working_days", K::kWholeNumber, 0, kMaxDays},
    {"pre_acceptance_red_after_working_days", K::kWholeNumber, 0, kMaxDays},
    {"statutory_limit", K::kTimeLimit},
};
constexpr SettingSpec kStepPromisedSettings[] = {
    {"grace_working_days", K::kWholeNumber, 0, kMaxDays}};
constexpr SettingSpec kSkippedStepSettings[] = {{"required_steps", K::kTextList}};
constexpr SettingSpec kReasonSettings[] = {{"min_reason_chars", K::kWholeNumber, 1, 1000}};
constexpr SettingSpec kAboveStandardSettings[] = {
    {"tolerance_fen", K::kWholeNumber, 0, 1'000'000'000}};
constexpr SettingSpec kReceiptSettings[] = {{"placeholder_receipts", K::kTextList}};
constexpr SettingSpec kRepeatedCorrectionSettings[] = {{"max_notices", K::kWholeNumber, 1, 100}};
constexpr SettingSpec kRepeatedReturnSettings[] = {
    {"max_returns_per_step", K::kWholeNumber, 1, 100}};
constexpr SettingSpec kUntouchedSettings[] = {{"months", K::kWholeNumber, 1, 120}};
constexpr SettingSpec kWorkingDaysSettings[] = {{"working_days", K::kWholeNumber, 1, kMaxDays}};
constexpr SettingSpec kTrendSettings[] = {{"min_change_ratio", K::kRatio},
                                          {"min_cases", K::kWholeNumber, 1, 1'000'000}};

// Legal sources, stated once. APL = Administrative Licensing Law of the PRC (行政许可法, 2019).
constexpr std::string_view kApl42 =
    "行政许可法 art. 42 (decision within 20 days, extendable by 10) and art. 82 (limits in "
    "working days, holidays excluded)";
constexpr std::string_view kPromise =
    "the promised limit (承诺时限) published in the item's service guide, which may not exceed "
    "the statutory one";
constexpr std::string_view kApl32 =
    "行政许可法 art. 32: materials to correct are notified all at once (一次告知), within five "
    "days, and refusals to accept are given in writing";
constexpr std::string_view kApl34 =
    "行政许可法 arts. 32, 34 and 37: a licence is accepted, reviewed and decided in that order";
constexpr std::string_view kApl38 =
    "行政许可法 art. 38: a refusal is a written decision that states its reasons";
constexpr std::string_view kApl58 =
    "行政许可法 art. 58 (no fee unless a law or administrative regulation provides one) and "
    "art. 59 (only the published fee items and amounts)";
constexpr std::string_view kReceipt =
    "财政票据管理办法 (Measures on Fiscal Receipts): every fee is paid against a numbered "
    "fiscal receipt";
constexpr std::string_view kPolicy =
    "platform policy, as common in provincial electronic supervision systems";
constexpr std::string_view kTamperPolicy =
    "platform policy: case data is evidence, so a change after the fact keeps every version "
    "and raises an alarm";

constexpr RuleDefinition kRules[] = {
    // Time limits of the whole case and of the first response to an application.
    {"time.warning", "time", Level::kWarning, RuleMode::kAuto, R"({"warn_ratio":0.8})",
     kWarningSettings,
     "预警：办件 {case_number}（{item_name}）已用去承诺时限 {limit_zh} 的 {used_percent}%，"
     "将于 {deadline} 到期。",
     "Warning: case {case_number} ({item_name}) has used {used_percent}% of its promised limit "
     "of {limit_en}, due {deadline}.",
     "A case, or the first response to an application, has used warn_ratio of its promised "
     "limit and is still open.",
     kPromise},
    {"time.promised", "time", Level::kYellow, RuleMode::kAuto,
     R"({"grace_working_days":0,"pre_acceptance_working_days":1,)"
     R"("by_type":{"complaint":{"promised_limit":{"unit":"working_days","amount":15}}}})",
     kPromisedSettings,
     "黄牌：办件 {case_number}（{item_name}）超过承诺时限 {limit_zh}，截止 {deadline}，"
     "已超期 {overdue_working_days} 个工作日。",
     "Yellow card: case {case_number} ({item_name}) passed its promised limit of {limit_en}, "
     "due {deadline}, by {overdue_working_days} working days.",
     "A case passed its promised limit (plus grace_working_days), or an application got no "
     "pre-acceptance, acceptance or refusal within pre_acceptance_working_days.",
     kPromise},
    {"time.statutory", "time", Level::kRed, RuleMode::kAuto,
     R"({"red_after_working_days":0,"pre_acceptance_red_after_working_days":5,)"
     R"("by_type":{"complaint":{"statutory_limit":{"unit":"calendar_days","amount":60}}}})",
     kStatutorySettings,
     "红牌：办件 {case_number}（{item_name}）超过法定时限 {limit_zh}，截止 {deadline}，"
     "已超期 {overdue_working_days} 个工作日。",
     "Red card: case {case_number} ({item_name}) passed its statutory limit of {limit_en}, "
     "due {deadline}, by {overdue_working_days} working days.",
     "A case passed its statutory limit by more than red_after_working_days working days (0: "
     "at the limit itself).",
     kApl42},
    {"step.warning", "step", Level::kWarning, RuleMode::kAuto, R"({"warn_ratio":0.8})",
     kWarningSettings,
     "预警：办件 {case_number} 的「{step}」环节已用去时限 {limit_zh} 的 {used_percent}%，"
     "将于 {deadline} 到期。",
     "Warning: step {step} of case {case_number} has used {used_percent}% of its limit of "
     "{limit_en}, due {deadline}.",
     "A step of a case has used warn_ratio of its own limit and is still running.", kPromise},
    {"step.promised", "step", Level::kYellow, RuleMode::kAuto, R"({"grace_working_days":0})",
     kStepPromisedSettings,
     "黄牌：办件 {case_number} 的「{step}」环节超过时限 {limit_zh}，截止 {deadline}。",
     "Yellow card: step {step} of case {case_number} passed its limit of {limit_en}, due "
     "{deadline}.",
     "A step of a case passed its own limit.", kPromise},

    // Procedure.
    {"procedure.skipped_step", "procedure", Level::kYellow, RuleMode::kAuto,
     R"({"required_steps":[]})", kSkippedStepSettings,
     "黄牌：办件 {case_number}（{item_name}）缺少必经环节「{step}」。",
     "Yellow card: case {case_number} ({item_name}) skipped the required step {step}.",
     "A case went past or completed without a step that its item requires (required_steps, or "
     "the item's steps when empty).",
     kApl34},
    {"procedure.out_of_order",
     "procedure",
     Level::kYellow,
     RuleMode::kAuto,
     "{}",
     {},
     "黄牌：办件 {case_number} 的「{step}」环节在「{before_step}」之后才开始，顺序颠倒。",
     "Yellow card: case {case_number} started step {step} after step {before_step}, which "
     "should follow it.",
     "Two steps of a case started in the opposite order to the item's steps.",
     kApl34},
    {"procedure.before_application",
     "procedure",
     Level::kYellow,
     RuleMode::kAuto,
     "{}",
     {},
     "黄牌：办件 {case_number} 的事件 {event_id}（{event_type}）时间 {occurred} 早于申报时间 "
     "{submitted}。",
     "Yellow card: event {event_id} ({event_type}) of case {case_number} is dated {occurred}, "
     "before the application of {submitted}.",
     "An event of a case is dated before the application itself.",
     kPolicy},
    {"procedure.completed_without_acceptance",
     "procedure",
     Level::kRed,
     RuleMode::kAuto,
     "{}",
     {},
     "红牌：办件 {case_number}（{item_name}）未经受理即办结（{outcome}）。",
     "Red card: case {case_number} ({item_name}) was completed ({outcome}) without being "
     "accepted.",
     "A case was approved or refused without an acceptance.",
     kApl34},
    {"procedure.contradicting_decision", "procedure", Level::kYellow, RuleMode::kAuto,
     R"({"min_reason_chars":10})", kReasonSettings,
     "黄牌：办件 {case_number} 的「{step}」（{stance_zh}）与上一环节「{previous_step}」意见"
     "（{previous_stance_zh}）相反，且未说明理由。",
     "Yellow card: {step} of case {case_number} ({stance_en}) contradicts the opinion of "
     "{previous_step} ({previous_stance_en}) without giving a reason.",
     "A step's opinion or the final outcome contradicts the previous step's opinion, and its "
     "own opinion is shorter than min_reason_chars characters.",
     kApl38},

    // Fees.
    {"fee.free_item",
     "fee",
     Level::kRed,
     RuleMode::kAuto,
     "{}",
     {},
     "红牌：办件 {case_number}（{item_name}）为免费事项，却收取费用 {amount_yuan} 元（票据 "
     "{receipt_number}）。",
     "Red card: case {case_number} ({item_name}) is a free item but {amount_yuan} yuan was "
     "charged (receipt {receipt_number}).",
     "A fee was charged on an item that is free by law.",
     kApl58},
    {"fee.above_standard", "fee", Level::kRed, RuleMode::kAuto, R"({"tolerance_fen":0})",
     kAboveStandardSettings,
     "红牌：办件 {case_number}（{item_name}）收费合计 {amount_yuan} 元，超过标准 "
     "{standard_yuan} 元。",
     "Red card: case {case_number} ({item_name}) was charged {amount_yuan} yuan in all, above "
     "the standard of {standard_yuan} yuan.",
     "The fees of a case add up to more than the item's standard amount plus tolerance_fen.",
     kApl58},
    {"fee.receipt_missing", "fee", Level::kYellow, RuleMode::kAuto,
     R"({"placeholder_receipts":["无","-","0","none","n/a","null","待补"]})", kReceiptSettings,
     "黄牌：办件 {case_number} 的收费 {amount_yuan} 元（事件 {event_id}）没有有效票据号。",
     "Yellow card: the fee of {amount_yuan} yuan on case {case_number} (event {event_id}) has "
     "no valid receipt number.",
     "A fee was recorded with a blank or placeholder receipt number.", kReceipt},
    {"fee.receipt_duplicate",
     "fee",
     Level::kYellow,
     RuleMode::kAuto,
     "{}",
     {},
     "黄牌：办件 {case_number} 的票据号 {receipt_number} 被 {count} 笔收费重复使用{elsewhere_zh}。",
     "Yellow card: receipt number {receipt_number} of case {case_number} is used by {count} "
     "fees{elsewhere_en}.",
     "Two fees carry the same receipt number: on one case, or on two cases of the same "
     "department or sending system.",
     kReceipt},

    // Corrections, returns and refusals.
    {"correction.repeated", "correction", Level::kYellow, RuleMode::kAuto, R"({"max_notices":1})",
     kRepeatedCorrectionSettings,
     "黄牌：办件 {case_number}（{item_name}）已发出 {count} 次补正通知，违反一次性告知。",
     "Yellow card: case {case_number} ({item_name}) has had {count} correction notices, "
     "which breaks the one-time notice rule.",
     "A case has more correction notices (suspensions for correction) than max_notices.", kApl32},
    {"correction.no_materials",
     "correction",
     Level::kWarning,
     RuleMode::kAuto,
     "{}",
     {},
     "预警：办件 {case_number} 的补正通知（事件 {event_id}）未列明需补正的材料。",
     "Warning: the correction notice of case {case_number} (event {event_id}) lists no "
     "materials to correct.",
     "A correction notice was sent without a note naming the materials.",
     kApl32},
    {"return.repeated", "return", Level::kYellow, RuleMode::kAuto, R"({"max_returns_per_step":1})",
     kRepeatedReturnSettings, "黄牌：办件 {case_number} 已 {count} 次退回到「{step}」环节。",
     "Yellow card: case {case_number} was sent back to step {step} {count} times.",
     "A case was sent back to the same step more than max_returns_per_step times.", kPolicy},
    {"refusal.short_reason", "refusal", Level::kWarning, RuleMode::kAuto,
     R"({"min_reason_chars":10})", kReasonSettings,
     "预警：办件 {case_number} 的{refusal_zh}理由只有 {reason_chars} 个字：「{reason}」。",
     "Warning: the {refusal_en} of case {case_number} gives a reason of only {reason_chars} "
     "characters: \"{reason}\".",
     "A refusal to accept (不予受理) or to license (不予许可) gives a reason shorter than "
     "min_reason_chars characters.",
     kApl38},

    // Dormancy and late entry.
    {"dormancy.untouched", "dormancy", Level::kYellow, RuleMode::kConfirm, R"({"months":3})",
     kUntouchedSettings,
     "黄牌：办件 {case_number}（{item_name}）自 {last_event} 起 {months} 个月无任何办理记录。",
     "Yellow card: case {case_number} ({item_name}) has had no activity for {months} months, "
     "since {last_event}.",
     "An open case has had no event for `months` months.", kPolicy},
    {"dormancy.late_entry", "dormancy", Level::kWarning, RuleMode::kConfirm,
     R"({"working_days":10})", kWorkingDaysSettings,
     "预警：办件 {case_number}（{item_name}）于 {submitted} 申报，{received} 才录入平台，"
     "迟延 {late_working_days} 个工作日。",
     "Warning: case {case_number} ({item_name}) was submitted on {submitted} but entered on "
     "{received}, {late_working_days} working days late.",
     "A case reached the platform more than working_days working days after its application.",
     kPolicy},

    // Tampering: one card per tamper alarm of the exchange.
    {"tamper.after_completion",
     "tamper",
     Level::kRed,
     RuleMode::kAuto,
     "{}",
     {},
     "红牌：办件 {case_number} 办结后数据被更改（事件 {event_id}，{alarm_kind}，版本 "
     "{old_version}→{new_version}）。",
     "Red card: data of case {case_number} changed after completion (event {event_id}, "
     "{alarm_kind}, version {old_version} to {new_version}).",
     "Data of a closed case was changed, corrected or withdrawn, or a new event dated after "
     "the closing arrived.",
     kTamperPolicy},
    {"tamper.resend",
     "tamper",
     Level::kYellow,
     RuleMode::kAuto,
     "{}",
     {},
     "黄牌：办件 {case_number} 的事件 {event_id} 以不同内容重发（版本 {old_version}→"
     "{new_version}）。",
     "Yellow card: event {event_id} of case {case_number} was resent with different content "
     "(version {old_version} to {new_version}).",
     "A business system resent an event id with different content.",
     kTamperPolicy},

    // Monthly trends of a department.
    {"trend.volume", "trend", Level::kWarning, RuleMode::kConfirm,
     R"({"min_change_ratio":0.1,"min_cases":10})", kTrendSettings,
     "预警：{department_name} {month} 办件量 {current} 件，环比 {change_percent}%（上月 "
     "{previous} 件）。",
     "Warning: {department_name} handled {current} cases in {month}, {change_percent}% month "
     "on month ({previous} the month before).",
     "A department's monthly case volume moved by min_change_ratio or more month on month.",
     kPolicy},
    {"trend.overdue_rate", "trend", Level::kWarning, RuleMode::kConfirm,
     R"({"min_change_ratio":0.1,"min_cases":10})", kTrendSettings,
     "预警：{department_name} {month} 超期率 {current_percent}%，环比 {change_percent}%（上月 "
     "{previous_percent}%）。",
     "Warning: {department_name} had an overdue rate of {current_percent}% in {month}, "
     "{change_percent}% month on month ({previous_percent}% the month before).",
     "A department's monthly share of overdue cases moved by min_change_ratio or more.", kPolicy},
    {"trend.warning_rate", "trend", Level::kWarning, RuleMode::kConfirm,
     R"({"min_change_ratio":0.1,"min_cases":10})", kTrendSettings,
     "预警：{department_name} {month} 预警率 {current_percent}%，环比 {change_percent}%（上月 "
     "{previous_percent}%）。",
     "Warning: {department_name} had a warning rate of {current_percent}% in {month}, "
     "{change_percent}% month on month ({previous_percent}% the month before).",
     "A department's monthly share of cases with a time warning moved by min_change_ratio or "
     "more.",
     kPolicy},

    // Supervision orders (督办), judged by the alert service.
    {"order.not_started", "order", Level::kRed, RuleMode::kAuto, R"({"working_days":5})",
     kWorkingDaysSettings,
     "红牌：督办单（告警 {alert_id}）下达 {working_days} 个工作日后仍未开始整改。",
     "Red card: the supervision order of alert {alert_id} was not started within "
     "{working_days} working days.",
     "A supervision order was not started within working_days working days.", kPolicy},
    {"order.not_closed", "order", Level::kRed, RuleMode::kAuto, R"({"working_days":20})",
     kWorkingDaysSettings,
     "红牌：督办单（告警 {alert_id}）下达 {working_days} 个工作日后仍未办结。",
     "Red card: the supervision order of alert {alert_id} was not closed within "
     "{working_days} working days.",
     "A supervision order was not closed within working_days working days.", kPolicy},
};

Result<void> CheckSetting(const SettingSpec& spec, const json::value& value,
                          const std::string& path) {
  switch (spec.kind) {
    case K::kRatio:
      if (!value.is_number() || value.to_number<double>() <= 0 || value.to_number<double>() > 1) {
        return Error::InvalidField(path, path + " must be a number above 0 and at most 1");
      }
      return {};
    case K::kWholeNumber: {
      bool whole = value.is_int64() || value.is_uint64();
      int64_t n = whole ? value.to_number<int64_t>() : 0;
      if (!whole || n < spec.min || n > spec.max) {
        return Error::InvalidField(
            path, fmt::format("{} must be a whole number from {} to {}", path, spec.min, spec.max));
      }
      return {};
    }
    case K::kTextList:
      if (!value.is_array() || value.get_array().size() > 100 ||
          !std::all_of(value.get_array().begin(), value.get_array().end(),
                       [](const json::value& v) { return v.is_string(); })) {
        return Error::InvalidField(path, path + " must be an array of at most 100 strings");
      }
      return {};
    case K::kTimeLimit: {
      const json::object* o = value.if_object();
      const json::value* unit = o ? o->if_contains("unit") : nullptr;
      const json::value* amount = o ? o->if_contains("amount") : nullptr;
      if (!unit || !unit->is_string()) {
        return Error::InvalidField(path + ".unit", path +
                                                       ".unit must be a limit unit such as "
                                                       "working_days");
      }
      auto parsed_unit = calendar::ParseLimitUnit(unit->get_string(), path + ".unit");
      if (!parsed_unit) return parsed_unit.error();
      int64_t n =
          amount && (amount->is_int64() || amount->is_uint64()) ? amount->to_number<int64_t>() : -1;
      if (*parsed_unit != calendar::LimitUnit::kImmediate && (n < 1 || n > 1'000'000)) {
        return Error::InvalidField(path + ".amount", path +
                                                         ".amount must be a whole number of "
                                                         "at least 1");
      }
      return calendar::ValidateTimeLimit({*parsed_unit, int(std::max<int64_t>(n, 0))}, path);
    }
    case K::kFlag:
      if (!value.is_bool()) return Error::InvalidField(path, path + " must be true or false");
      return {};
    case K::kLevel:
      if (!value.is_string() || !ParseLevel(value.get_string())) {
        return Error::InvalidField(path, path + " must be warning, yellow or red");
      }
      return {};
  }
  return {};
}

Result<void> CheckMembers(const RuleDefinition& rule, const json::object& settings,
                          const std::string& field, bool allow_by_type) {
  static constexpr SettingSpec kLevelSpec{"level", K::kLevel};
  for (const auto& [key, value] : settings) {
    std::string path = fmt::format("{}.{}", field, std::string_view(key));
    if (key == "by_type" && allow_by_type) {
      if (!value.is_object()) {
        return Error::InvalidField(path, path + " must be an object of item types");
      }
      for (const auto& [type, type_settings] : value.get_object()) {
        std::string type_path = fmt::format("{}.{}", path, std::string_view(type));
        if (!type_settings.is_object()) {
          return Error::InvalidField(type_path, type_path + " must be an object");
        }
        auto ok = CheckMembers(rule, type_settings.get_object(), type_path, false);
        if (!ok) return ok;
      }
      continue;
    }
    const SettingSpec* spec = key == "level" ? &kLevelSpec : nullptr;
    for (const SettingSpec& s : rule.settings) {
      if (s.name == key) spec = &s;
    }
    if (spec == nullptr) {
      return Error::InvalidField(
          path, fmt::format("{} is not a setting of rule {}: remove it", path, rule.code));
    }
    auto ok = CheckSetting(*spec, value, path);
    if (!ok) return ok;
  }
  return {};
}

}  // namespace

std::optional<Level> ParseLevel(std::string_view name) {
  if (name == "warning") return Level::kWarning;
  if (name == "yellow") return Level::kYellow;
  if (name == "red") return Level::kRed;
  return std::nullopt;
}

std::string_view RuleModeName(RuleMode mode) {
  return mode == RuleMode::kConfirm ? "confirm" : "auto";
}

std::optional<RuleMode> ParseRuleMode(std::string_view name) {
  if (name == "auto") return RuleMode::kAuto;
  if (name == "confirm") return RuleMode::kConfirm;
  return std::nullopt;
}

std::span<const RuleDefinition> RuleCatalog() {
  static const std::vector<RuleDefinition> catalog = [] {
    std::vector<RuleDefinition> rules(std::begin(kRules), std::end(kRules));
    std::span<const RuleDefinition> procurement = ProcurementRuleDefinitions();
    rules.insert(rules.end(), procurement.begin(), procurement.end());
    return rules;
  }();
  return catalog;
}

const RuleDefinition* FindRuleDefinition(std::string_view code) {
  for (const RuleDefinition& rule : RuleCatalog()) {
    if (rule.code == code) return &rule;
  }
  return nullptr;
}

boost::json::object DefaultSettings(const RuleDefinition& rule) {
  return json::parse(rule.default_settings).as_object();
}

Result<void> ValidateSettings(const RuleDefinition& rule, const boost::json::object& settings,
                              const std::string& field) {
  return CheckMembers(rule, settings, field, true);
}

std::string FillTemplate(std::string_view text, const boost::json::object& vars) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::string_view name = text.substr(open + 1, close - open - 1);
    const json::value* value = vars.if_contains(name);
    if (value == nullptr) {
      out.append(text.substr(open, close - open + 1));
    } else if (value->is_string()) {
      out.append(value->get_string());
    } else {
      out.append(json::serialize(*value));
    }
    i = close + 1;
  }
  return out;
}

Result<void> ValidateTemplate(std::string_view text, const std::string& field) {
  if (text.empty() || text.size() > 1000) {
    return Error::InvalidField(field, field + " must be 1 to 1,000 bytes of text");
  }
  int depth = 0;
  for (char c : text) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (depth < 0 || depth > 1) {
      return Error::InvalidField(field, field + " has unbalanced or nested braces");
    }
  }
  if (depth != 0) return Error::InvalidField(field, field + " has an unclosed {");
  return {};
}

}  // namespace mingjing::supervision
