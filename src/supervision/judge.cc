#include "supervision/judge.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "calendar/local_time.h"
#include "catalog/service_item.h"
#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;

struct StepAlias {
  std::string_view alias;
  std::string_view name;
};

// English codes business systems commonly send for the four steps of kStepNames.
constexpr StepAlias kStepAliases[] = {
    {"accept", "受理"},  {"acceptance", "受理"}, {"review", "审查"},   {"examination", "审查"},
    {"examine", "审查"}, {"审核", "审查"},       {"decide", "决定"},   {"decision", "决定"},
    {"approve", "决定"}, {"审批", "决定"},       {"complete", "办结"}, {"completion", "办结"},
    {"close", "办结"},
};

}  // namespace

bool JudgeContext::Enabled(std::string_view code) const {
  return rules.Enabled(code, facts.case_row.item_code);
}

json::object JudgeContext::Settings(std::string_view code) const {
  return rules.EffectiveSettings(code, facts.case_row.item_code, type_key);
}

Finding JudgeContext::MakeFinding(std::string_view code, std::string subject,
                                  const json::object& settings) const {
  Finding f;
  f.rule_code = std::string(code);
  f.subject = std::move(subject);
  const RuleDefinition* definition = FindRuleDefinition(code);
  f.level = definition ? definition->level : Level::kWarning;
  if (const json::value* level = settings.if_contains("level"); level && level->is_string()) {
    f.level = ParseLevel(level->get_string()).value_or(f.level);
  }
  if (const Rule* rule = rules.Find(code)) {
    f.rule_version = rule->version;
    f.needs_confirmation = rule->mode == RuleMode::kConfirm;
  }
  const exchange::Case& c = facts.case_row;
  f.vars = {{"case_number", c.case_number},
            {"item_name", facts.item ? facts.item->name : c.item_code},
            {"item_code", c.item_code},
            {"department_code", c.department_code}};
  return f;
}

void NoteNextCheck(Judgement& judgement, int64_t at, int64_t now) {
  if (at <= now) return;
  if (judgement.next_check_at == 0 || at < judgement.next_check_at) judgement.next_check_at = at;
}

int64_t SettingInt(const json::object& settings, std::string_view key, int64_t fallback) {
  const json::value* v = settings.if_contains(key);
  if (v && (v->is_int64() || v->is_uint64())) return v->to_number<int64_t>();
  return fallback;
}

double SettingNumber(const json::object& settings, std::string_view key, double fallback) {
  const json::value* v = settings.if_contains(key);
  if (v && v->is_number()) return v->to_number<double>();
  return fallback;
}

std::vector<std::string> SettingTexts(const json::object& settings, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = settings.if_contains(key);
  if (v == nullptr || !v->is_array()) return out;
  for (const json::value& item : v->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

std::string CanonicalStepName(std::string_view code_or_name) {
  for (std::string_view name : catalog::kStepNames) {
    if (name == code_or_name) return std::string(name);
  }
  for (const StepAlias& a : kStepAliases) {
    if (a.alias == code_or_name) return std::string(a.name);
  }
  return std::string(code_or_name);
}

std::string StepOf(const CaseEvent& event) {
  std::string by_name = CanonicalStepName(event.Text("step_name"));
  for (std::string_view name : catalog::kStepNames) {
    if (name == by_name) return by_name;
  }
  return CanonicalStepName(event.Text("step_code"));
}

std::string LocalMinute(int64_t unix_seconds) {
  calendar::LocalDateTime local = calendar::ToLocal(TimePoint(std::chrono::seconds(unix_seconds)));
  int64_t minutes = local.time_of_day.count() / 60;
  return fmt::format("{} {:02d}:{:02d}", calendar::FormatDate(local.date), minutes / 60,
                     minutes % 60);
}

std::string Yuan(int64_t fen) { return fmt::format("{}.{:02d}", fen / 100, fen % 100); }

Judgement JudgeFacts(const CaseFacts& facts, const RuleSet& rules,
                     const calendar::WorkingCalendar& calendar) {
  json::object promised = rules.EffectiveSettings("time.promised", facts.case_row.item_code, "");
  const json::value* flag = promised.if_contains("complaint");
  bool flagged_complaint = flag && flag->is_bool() && flag->get_bool();

  JudgeContext context{facts, rules, calendar, ItemTypeKey(facts, flagged_complaint)};
  Judgement judgement;
  JudgeTimeRules(context, judgement);
  JudgeProcedureRules(context, judgement);
  JudgeFeeRules(context, judgement);
  JudgeCorrectionRules(context, judgement);
  JudgeActivityRules(context, judgement);
  return judgement;
}

Result<Judgement> JudgeCase(soci::session& session, int64_t case_id, const RuleSet& rules,
                            const calendar::WorkingCalendar& calendar, int64_t now) {
  auto facts = LoadCaseFacts(session, case_id, now);
  if (!facts) return facts.error();
  return JudgeFacts(*facts, rules, calendar);
}

}  // namespace mingjing::supervision
