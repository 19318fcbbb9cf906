// Procedure rules: required steps skipped or run out of order, events dated before the
// application, completion without acceptance, and a decision that turns the previous step's
// opinion around without a reason.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "calendar/local_time.h"
#include "catalog/service_item.h"
#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using exchange::EventType;

// The steps between acceptance and completion that the case must pass, in order: the
// required_steps setting, or else the item's steps other than 受理 and 办结 (which are the
// accepted and completed events themselves).
std::vector<std::string> RequiredSteps(const JudgeContext& context, const json::object& settings) {
  std::vector<std::string> steps;
  for (const std::string& s : SettingTexts(settings, "required_steps")) {
    steps.push_back(CanonicalStepName(s));
  }
  if (!steps.empty() || !context.facts.item) return steps;
  for (const catalog::Step& step : context.facts.item->steps) {
    if (step.name != "受理" && step.name != "办结") steps.push_back(step.name);
  }
  return steps;
}

// The first moment each step appears in the case, by its started or finished event.
std::map<std::string, const CaseEvent*> FirstAppearance(const std::vector<CaseEvent>& events) {
  std::map<std::string, const CaseEvent*> first;
  for (const CaseEvent& e : events) {
    if (e.type != EventType::kStepStarted && e.type != EventType::kStepFinished) continue;
    first.emplace(StepOf(e), &e);  // events are in time order, so the first one stays
  }
  return first;
}

const CaseEvent* Completion(const std::vector<CaseEvent>& events) {
  for (const CaseEvent& e : events) {
    if (e.type == EventType::kCompleted) return &e;
  }
  return nullptr;
}

bool Decided(const CaseEvent* completion) {
  return completion != nullptr && completion->Text("outcome") != "withdrawn";
}

void JudgeSkippedSteps(const JudgeContext& context, const std::vector<std::string>& required,
                       Judgement& judgement) {
  if (!context.Enabled("procedure.skipped_step")) return;
  json::object settings = context.Settings("procedure.skipped_step");
  auto first = FirstAppearance(context.facts.events);
  const CaseEvent* completion = Completion(context.facts.events);

  for (size_t i = 0; i < required.size(); ++i) {
    if (first.count(required[i])) continue;
    // The step is skipped once a later required step has begun or the case is decided.
    const CaseEvent* passed_by = nullptr;
    for (size_t j = i + 1; j < required.size() && passed_by == nullptr; ++j) {
      if (auto it = first.find(required[j]); it != first.end()) passed_by = it->second;
    }
    if (passed_by == nullptr && Decided(completion)) passed_by = completion;
    if (passed_by == nullptr) continue;

    Finding f = context.MakeFinding("procedure.skipped_step", required[i], settings);
    f.vars["step"] = required[i];
    json::array seen;
    for (const auto& [step, event] : first) seen.push_back(json::value(step));
    f.evidence = {{"required_steps", json::value_from(required)},
                  {"steps_seen", std::move(seen)},
                  {"passed_by_event_id", passed_by->event_id},
                  {"passed_at", LocalMinute(passed_by->occurred_at)}};
    judgement.findings.push_back(std::move(f));
  }
}

void JudgeOutOfOrder(const JudgeContext& context, const std::vector<std::string>& required,
                     Judgement& judgement) {
  if (!context.Enabled("procedure.out_of_order")) return;
  json::object settings = context.Settings("procedure.out_of_order");
  auto first = FirstAppearance(context.facts.events);

  for (size_t i = 0; i < required.size(); ++i) {
    auto earlier = first.find(required[i]);
    if (earlier == first.end()) continue;
    for (size_t j = i + 1; j < required.size(); ++j) {
      auto later = first.find(required[j]);
      if (later == first.end() || later->second->occurred_at >= earlier->second->occurred_at) {
        continue;
      }
      Finding f = context.MakeFinding("procedure.out_of_order", required[i], settings);
      f.vars["step"] = required[i];
      f.vars["before_step"] = required[j];
      f.evidence = {{"step", required[i]},
                    {"step_event_id", earlier->second->event_id},
                    {"step_at", LocalMinute(earlier->second->occurred_at)},
                    {"later_step", required[j]},
                    {"later_step_event_id", later->second->event_id},
                    {"later_step_at", LocalMinute(later->second->occurred_at)}};
      judgement.findings.push_back(std::move(f));
      break;
    }
  }
}

void JudgeBeforeApplication(const JudgeContext& context, Judgement& judgement) {
  if (!context.Enabled("procedure.before_application")) return;
  const CaseEvent* submitted = nullptr;
  for (const CaseEvent& e : context.facts.events) {
    if (e.type == EventType::kSubmitted) {
      submitted = &e;
      break;
    }
  }
  if (submitted == nullptr) return;
  json::object settings = context.Settings("procedure.before_application");

  for (const CaseEvent& e : context.facts.events) {
    if (e.type == EventType::kSubmitted || e.occurred_at >= submitted->occurred_at) continue;
    Finding f = context.MakeFinding("procedure.before_application", e.event_id, settings);
    f.vars["event_id"] = e.event_id;
    f.vars["event_type"] = exchange::EventTypeName(e.type);
    f.vars["occurred"] = LocalMinute(e.occurred_at);
    f.vars["submitted"] = LocalMinute(submitted->occurred_at);
    f.evidence = {{"event_id", e.event_id},
                  {"occurred_at", LocalMinute(e.occurred_at)},
                  {"submitted_event_id", submitted->event_id},
                  {"submitted_at", LocalMinute(submitted->occurred_at)}};
    judgement.findings.push_back(std::move(f));
  }
}

void JudgeCompletedWithoutAcceptance(const JudgeContext& context, Judgement& judgement) {
  if (!context.Enabled("procedure.completed_without_acceptance")) return;
  const CaseEvent* completion = Completion(context.facts.events);
  if (!Decided(completion)) return;
  for (const CaseEvent& e : context.facts.events) {
    if (e.type == EventType::kAccepted) return;
  }
  Finding f = context.MakeFinding("procedure.completed_without_acceptance", "",
                                  context.Settings("procedure.completed_without_acceptance"));
  f.vars["outcome"] = completion->Text("outcome");
  f.evidence = {{"completed_event_id", completion->event_id},
                {"completed_at", LocalMinute(completion->occurred_at)},
                {"outcome", completion->Text("outcome")}};
  judgement.findings.push_back(std::move(f));
}

enum class Stance { kUnknown, kApprove, kRefuse };

// The stance of an opinion. Refusing words are checked first because "不同意" contains "同意".
Stance StanceOf(std::string_view opinion) {
  static constexpr std::string_view kRefuse[] = {"不同意",   "不予",   "不准",  "驳回",
                                                 "不通过",   "否决",   "拒绝",  "不符合",
                                                 "disagree", "reject", "refuse"};
  static constexpr std::string_view kApprove[] = {"同意", "准予", "通过",  "符合",
                                                  "批准", "予以", "agree", "approve"};
  for (std::string_view word : kRefuse) {
    if (opinion.find(word) != std::string_view::npos) return Stance::kRefuse;
  }
  for (std::string_view word : kApprove) {
    if (opinion.find(word) != std::string_view::npos) return Stance::kApprove;
  }
  return Stance::kUnknown;
}

struct Decision {
  const CaseEvent* event;
  std::string step;
  Stance stance;
  std::string reason;  // the opinion text; "" for a completion, which carries none
};

void JudgeContradictingDecisions(const JudgeContext& context, Judgement& judgement) {
  if (!context.Enabled("procedure.contradicting_decision")) return;
  json::object settings = context.Settings("procedure.contradicting_decision");
  int64_t min_chars = SettingInt(settings, "min_reason_chars", 10);

  std::vector<Decision> decisions;
  for (const CaseEvent& e : context.facts.events) {
    if (e.type == EventType::kStepFinished) {
      Stance stance = StanceOf(e.Text("opinion"));
      if (stance != Stance::kUnknown)
        decisions.push_back({&e, StepOf(e), stance, e.Text("opinion")});
    } else if (e.type == EventType::kCompleted && e.Text("outcome") != "withdrawn") {
      Stance stance = e.Text("outcome") == "approved" ? Stance::kApprove : Stance::kRefuse;
      decisions.push_back({&e, "办结", stance, ""});
    }
  }

  auto zh = [](Stance s) { return s == Stance::kApprove ? "同意" : "不同意"; };
  auto en = [](Stance s) { return s == Stance::kApprove ? "approve" : "refuse"; };
  for (size_t i = 1; i < decisions.size(); ++i) {
    const Decision& previous = decisions[i - 1];
    const Decision& current = decisions[i];
    if (current.stance == previous.stance || CountCharacters(current.reason) >= min_chars) {
      continue;
    }
    Finding f =
        context.MakeFinding("procedure.contradicting_decision", current.event->event_id, settings);
    f.vars["step"] = current.step;
    f.vars["previous_step"] = previous.step;
    f.vars["stance_zh"] = zh(current.stance);
    f.vars["stance_en"] = en(current.stance);
    f.vars["previous_stance_zh"] = zh(previous.stance);
    f.vars["previous_stance_en"] = en(previous.stance);
    f.evidence = {{"event_id", current.event->event_id},
                  {"opinion", current.reason},
                  {"previous_event_id", previous.event->event_id},
                  {"previous_opinion", previous.reason},
                  {"min_reason_chars", min_chars}};
    judgement.findings.push_back(std::move(f));
  }
}

}  // namespace

void JudgeProcedureRules(const JudgeContext& context, Judgement& judgement) {
  std::vector<std::string> required =
      RequiredSteps(context, context.Settings("procedure.skipped_step"));
  JudgeSkippedSteps(context, required, judgement);
  JudgeOutOfOrder(context, required, judgement);
  JudgeBeforeApplication(context, judgement);
  JudgeCompletedWithoutAcceptance(context, judgement);
  JudgeContradictingDecisions(context, judgement);
}

}  // namespace mingjing::supervision
