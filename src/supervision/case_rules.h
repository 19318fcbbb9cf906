// The case rules as pure functions of CaseFacts, one family per file: time_rules.cc,
// procedure_rules.cc, fee_rules.cc, correction_rules.cc (corrections, returns, refusals) and
// activity_rules.cc (dormancy, late entry, tampering). JudgeCase (judge.h) reads the facts from
// the store and calls JudgeFacts.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.h"
#include "supervision/case_facts.h"
#include "supervision/finding.h"
#include "supervision/rule_set.h"

namespace mingjing::supervision {

// The inputs of every rule family: the facts, the rules and the calendar, with the case's
// by_type key worked out once.
struct JudgeContext {
  const CaseFacts& facts;
  const RuleSet& rules;
  const calendar::WorkingCalendar& calendar;
  std::string type_key;

  bool Enabled(std::string_view code) const;
  // RuleSet::EffectiveSettings for this case's item and type.
  boost::json::object Settings(std::string_view code) const;
  // A finding of rule `code` on `subject` with the rule's version and mode, the level from
  // `settings` ("level") or the catalogue, and the case's common template values
  // (case_number, item_name, item_code, department_code).
  Finding MakeFinding(std::string_view code, std::string subject,
                      const boost::json::object& settings) const;
};

// Keeps the earliest moment after facts.now at which a rule could fire with no new event.
void NoteNextCheck(Judgement& judgement, int64_t at, int64_t now);

void JudgeTimeRules(const JudgeContext& context, Judgement& judgement);
void JudgeProcedureRules(const JudgeContext& context, Judgement& judgement);
void JudgeFeeRules(const JudgeContext& context, Judgement& judgement);
void JudgeCorrectionRules(const JudgeContext& context, Judgement& judgement);
void JudgeActivityRules(const JudgeContext& context, Judgement& judgement);

// Runs every enabled case rule over `facts`.
Judgement JudgeFacts(const CaseFacts& facts, const RuleSet& rules,
                     const calendar::WorkingCalendar& calendar);

// Setting readers that fall back when the member is missing or of the wrong type.
int64_t SettingInt(const boost::json::object& settings, std::string_view key, int64_t fallback);
double SettingNumber(const boost::json::object& settings, std::string_view key, double fallback);
std::vector<std::string> SettingTexts(const boost::json::object& settings, std::string_view key);

// The canonical name of a step: one of catalog::kStepNames when `code_or_name` is one of them or
// a common English code for one ("review" → 审查), otherwise `code_or_name` unchanged.
std::string CanonicalStepName(std::string_view code_or_name);
// The step an event names: its step_name when that is canonical, else its step_code.
std::string StepOf(const CaseEvent& event);

// "2026-02-26 17:30" in platform local time.
std::string LocalMinute(int64_t unix_seconds);
// "12.50" for 1250 fen.
std::string Yuan(int64_t fen);

}  // namespace mingjing::supervision
