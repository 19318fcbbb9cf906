// Corrections (补正), returns (退回) and refusals: repeated correction notices, a notice that
// lists no materials, repeated returns to one step, and refusals with too short a reason.
#include <boost/json.hpp>
#include <map>

#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using exchange::EventType;

// A correction notice is a suspension for correction: the clock stops while the applicant
// completes the materials.
std::vector<const CaseEvent*> CorrectionNotices(const std::vector<CaseEvent>& events) {
  std::vector<const CaseEvent*> notices;
  for (const CaseEvent& e : events) {
    if (e.type == EventType::kSuspended && e.Text("reason_code") == "correction") {
      notices.push_back(&e);
    }
  }
  return notices;
}

json::object NoticeEvidence(const CaseEvent& notice) {
  return {{"event_id", notice.event_id},
          {"occurred_at", LocalMinute(notice.occurred_at)},
          {"days", notice.Number("days")},
          {"note", notice.Text("note")}};
}

void JudgeCorrections(const JudgeContext& context, Judgement& judgement) {
  std::vector<const CaseEvent*> notices = CorrectionNotices(context.facts.events);
  if (notices.empty()) return;

  if (context.Enabled("correction.repeated")) {
    json::object settings = context.Settings("correction.repeated");
    if (int64_t(notices.size()) > SettingInt(settings, "max_notices", 1)) {
      Finding f = context.MakeFinding("correction.repeated", "", settings);
      f.vars["count"] = int64_t(notices.size());
      json::array list;
      for (const CaseEvent* n : notices) list.push_back(NoticeEvidence(*n));
      f.evidence = {{"notices", std::move(list)}};
      judgement.findings.push_back(std::move(f));
    }
  }

  if (context.Enabled("correction.no_materials")) {
    json::object settings = context.Settings("correction.no_materials");
    for (const CaseEvent* n : notices) {
      if (CountCharacters(n->Text("note")) > 0) continue;
      Finding f = context.MakeFinding("correction.no_materials", n->event_id, settings);
      f.vars["event_id"] = n->event_id;
      f.evidence = NoticeEvidence(*n);
      judgement.findings.push_back(std::move(f));
    }
  }
}

void JudgeReturns(const JudgeContext& context, Judgement& judgement) {
  if (!context.Enabled("return.repeated")) return;
  json::object settings = context.Settings("return.repeated");
  std::map<std::string, std::vector<const CaseEvent*>> by_step;
  for (const CaseEvent& e : context.facts.events) {
    if (e.type == EventType::kReturned) by_step[CanonicalStepName(e.Text("to_step"))].push_back(&e);
  }
  int64_t max_returns = SettingInt(settings, "max_returns_per_step", 1);
  for (const auto& [step, returns] : by_step) {
    if (int64_t(returns.size()) <= max_returns) continue;
    Finding f = context.MakeFinding("return.repeated", step, settings);
    f.vars["step"] = step;
    f.vars["count"] = int64_t(returns.size());
    json::array list;
    for (const CaseEvent* r : returns) {
      list.push_back({{"event_id", r->event_id},
                      {"occurred_at", LocalMinute(r->occurred_at)},
                      {"reason", r->Text("reason")}});
    }
    f.evidence = {{"step", step}, {"returns", std::move(list)}};
    judgement.findings.push_back(std::move(f));
  }
}

// Refusals to accept carry their own reason. A refused completion carries none, so the reason
// is the opinion of the last finished step before it.
void JudgeRefusals(const JudgeContext& context, Judgement& judgement) {
  if (!context.Enabled("refusal.short_reason")) return;
  json::object settings = context.Settings("refusal.short_reason");
  int64_t min_chars = SettingInt(settings, "min_reason_chars", 10);

  const CaseEvent* last_finished = nullptr;
  for (const CaseEvent& e : context.facts.events) {
    if (e.type == EventType::kStepFinished) last_finished = &e;
    bool not_accepted = e.type == EventType::kNotAccepted;
    bool refused = e.type == EventType::kCompleted && e.Text("outcome") == "refused";
    if (!not_accepted && !refused) continue;

    std::string reason =
        not_accepted ? e.Text("reason") : (last_finished ? last_finished->Text("opinion") : "");
    int chars = CountCharacters(reason);
    if (chars >= min_chars) continue;
    Finding f = context.MakeFinding("refusal.short_reason", e.event_id, settings);
    f.vars["refusal_zh"] = not_accepted ? "不予受理" : "不予许可";
    f.vars["refusal_en"] = not_accepted ? "refusal to accept" : "refusal";
    f.vars["reason"] = reason;
    f.vars["reason_chars"] = int64_t(chars);
    f.evidence = {{"event_id", e.event_id},
                  {"occurred_at", LocalMinute(e.occurred_at)},
                  {"reason", reason},
                  {"reason_chars", chars},
                  {"min_reason_chars", min_chars}};
    if (refused && last_finished) f.evidence["reason_event_id"] = last_finished->event_id;
    judgement.findings.push_back(std::move(f));
  }
}

}  // namespace

void JudgeCorrectionRules(const JudgeContext& context, Judgement& judgement) {
  JudgeCorrections(context, judgement);
  JudgeReturns(context, judgement);
  JudgeRefusals(context, judgement);
}

}  // namespace mingjing::supervision
