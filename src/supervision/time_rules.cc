// Time rules: the whole case (time.warning, time.promised, time.statutory), the first response
// to an application (pre-acceptance, judged by the same three rules) and each step with a limit
// of its own (step.warning, step.promised). Deadlines come from the calendar library with the
// case's suspensions, so a suspended case's clock stops until it resumes.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "calendar/explanation.h"
#include "calendar/limit_clock.h"
#include "calendar/local_time.h"
#include "calendar/progress.h"
#include "catalog/service_item.h"
#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using exchange::EventType;
using std::chrono::seconds;

TimePoint At(int64_t unix_seconds) { return TimePoint(seconds(unix_seconds)); }

int64_t Unix(TimePoint t) {
  return std::chrono::duration_cast<seconds>(t.time_since_epoch()).count();
}

// A span of a case that runs against a limit: from the event that starts it to the event that
// ends it, or still open.
struct TimedSpan {
  std::string subject;  // "" for the whole case, "pre_acceptance", or a step name
  const CaseEvent* start = nullptr;
  const CaseEvent* end = nullptr;
  // Stretches between start and end that the limit does not count, such as the time between
  // the runs of a step that was sent back and run again.
  std::vector<calendar::Suspension> excluded;
  json::array runs;  // evidence for a step run more than once: each run's events and times
};

// The case's suspensions from its suspended and resumed events. A resumed event ends the open
// suspension with the same reason_code, or the latest open one; completion ends them all.
// NOTE: the stated `days` of a suspension is not added as extension days, because the suspended
// time itself is already excluded from the limit.
std::vector<calendar::Suspension> SuspensionsOf(const std::vector<CaseEvent>& events) {
  std::vector<calendar::Suspension> out;
  std::vector<std::pair<std::string, size_t>> open;  // reason_code, index into out
  for (const CaseEvent& e : events) {
    if (e.type == EventType::kSuspended) {
      auto reason = calendar::ParseSuspensionReason(e.Text("reason_code"));
      out.push_back(
          calendar::Suspension{.reason = reason ? *reason : calendar::SuspensionReason::kOther,
                               .start = At(e.occurred_at),
                               .note = e.event_id});
      open.emplace_back(e.Text("reason_code"), out.size() - 1);
    } else if (e.type == EventType::kResumed && !open.empty()) {
      auto match = open.end() - 1;
      for (auto it = open.begin(); it != open.end(); ++it) {
        if (it->first == e.Text("reason_code")) match = it;
      }
      out[match->second].end = At(std::max(e.occurred_at, Unix(out[match->second].start)));
      open.erase(match);
    } else if (e.type == EventType::kCompleted) {
      for (const auto& [reason, index] : open) {
        out[index].end = At(std::max(e.occurred_at, Unix(out[index].start)));
      }
      open.clear();
    }
  }
  return out;
}

std::string LimitText(const calendar::TimeLimit& limit, bool chinese) {
  using calendar::LimitUnit;
  std::string_view plural = limit.amount == 1 ? "" : "s";
  switch (limit.unit) {
    case LimitUnit::kWorkingDays:
      return chinese ? fmt::format("{}个工作日", limit.amount)
                     : fmt::format("{} working day{}", limit.amount, plural);
    case LimitUnit::kCalendarDays:
      return chinese ? fmt::format("{}日", limit.amount)
                     : fmt::format("{} day{}", limit.amount, plural);
    case LimitUnit::kMonths:
      return chinese ? fmt::format("{}个月", limit.amount)
                     : fmt::format("{} month{}", limit.amount, plural);
    case LimitUnit::kYears:
      return chinese ? fmt::format("{}年", limit.amount)
                     : fmt::format("{} year{}", limit.amount, plural);
    case LimitUnit::kWorkingHours:
      return chinese ? fmt::format("{}个工作小时", limit.amount)
                     : fmt::format("{} working hour{}", limit.amount, plural);
    case LimitUnit::kImmediate:
      return chinese ? "即办" : "immediate";
  }
  return "";
}

// A limit from the settings member `key`, if there is a valid one.
std::optional<calendar::TimeLimit> LimitSetting(const json::object& settings,
                                                std::string_view key) {
  const json::value* v = settings.if_contains(key);
  if (v == nullptr) return std::nullopt;
  auto limit = catalog::TimeLimitFromJson(*v, std::string(key));
  if (!limit) return std::nullopt;
  return *limit;
}

// One span measured against one limit at the moment that matters: its end, or now.
struct Measurement {
  calendar::DeadlineRequest request;
  calendar::DeadlineProgress progress;
  int64_t at = 0;
};

std::optional<Measurement> Measure(const JudgeContext& context, const TimedSpan& span,
                                   const calendar::TimeLimit& limit) {
  Measurement m;
  m.request.start = At(span.start->occurred_at);
  m.request.limit = limit;
  int64_t end = span.end ? span.end->occurred_at : context.facts.now;
  for (calendar::Suspension& s : SuspensionsOf(context.facts.events)) {
    if (Unix(s.start) < span.start->occurred_at) continue;  // before the span began
    m.request.suspensions.push_back(std::move(s));
  }
  m.request.suspensions.insert(m.request.suspensions.end(), span.excluded.begin(),
                               span.excluded.end());
  m.at = std::max(end, span.start->occurred_at);
  auto progress = calendar::MeasureProgress(context.calendar, m.request, At(m.at));
  if (!progress) {
    spdlog::warn("case deadline not computed case_id={} subject={} error={}",
                 context.facts.case_row.id, span.subject, progress.error().message);
    return std::nullopt;
  }
  m.progress = std::move(*progress);
  return m;
}

// The last instant that is not yet late: the deadline itself, or close of business of the
// `working_days`-th working day after the deadline's day.
std::optional<int64_t> LateAfter(const JudgeContext& context, const calendar::Deadline& deadline,
                                 int64_t working_days) {
  if (deadline.state != calendar::DeadlineState::kRunning) return std::nullopt;
  if (working_days <= 0) return Unix(*deadline.deadline);
  auto day = context.calendar.AddWorkingDays(*deadline.last_day, int(working_days));
  if (!day) return std::nullopt;
  return Unix(context.calendar.CloseOfBusiness(*day));
}

json::object SpanEvidence(const JudgeContext& context, const TimedSpan& span,
                          const Measurement& m) {
  json::object evidence{
      {"start_event_id", span.start->event_id},
      {"start", calendar::FormatLocal(At(span.start->occurred_at))},
      {"limit", catalog::TimeLimitToJson(m.request.limit)},
      {"measured_at", calendar::FormatLocal(At(m.at))},
      {"used_fraction", m.progress.elapsed_fraction},
      {"explanation", calendar::ExplainDeadline(context.calendar, m.request, m.progress.deadline)}};
  if (span.end) {
    evidence["end_event_id"] = span.end->event_id;
    evidence["end"] = calendar::FormatLocal(At(span.end->occurred_at));
  }
  if (m.progress.deadline.deadline) {
    evidence["deadline"] = calendar::FormatLocal(*m.progress.deadline.deadline);
  }
  if (!span.runs.empty()) evidence["runs"] = span.runs;
  return evidence;
}

void FillLimitVars(Finding& f, const TimedSpan& span, const Measurement& m) {
  f.vars["limit_zh"] = LimitText(m.request.limit, true);
  f.vars["limit_en"] = LimitText(m.request.limit, false);
  f.vars["deadline"] =
      m.progress.deadline.deadline ? LocalMinute(Unix(*m.progress.deadline.deadline)) : "";
  f.vars["used_percent"] = int64_t(m.progress.elapsed_fraction * 100);
  f.vars["step"] = span.subject;
}

// The warning at warn_ratio of the limit, for a span that is still open and not yet overdue.
void JudgeWarning(const JudgeContext& context, std::string_view code, const TimedSpan& span,
                  const Measurement& m, Judgement& judgement) {
  if (span.end || !context.Enabled(code)) return;
  const calendar::DeadlineProgress& p = m.progress;
  if (p.deadline.state != calendar::DeadlineState::kRunning || p.overdue) return;
  json::object settings = context.Settings(code);
  double ratio = SettingNumber(settings, "warn_ratio", 0.8);

  if (p.elapsed_fraction >= ratio) {
    Finding f = context.MakeFinding(code, span.subject, settings);
    FillLimitVars(f, span, m);
    f.evidence = SpanEvidence(context, span, m);
    f.evidence["warn_ratio"] = ratio;
    judgement.findings.push_back(std::move(f));
    return;
  }
  // The instant the ratio is reached, if the clock keeps running from now.
  calendar::LimitClock clock(context.calendar, m.request.limit);
  auto position = clock.Position(At(m.at));
  if (!position) return;
  auto to_go = seconds(int64_t(ratio * double(p.allowed.count()))) - p.used;
  auto when = clock.InstantAt(*position + to_go);
  if (when) NoteNextCheck(judgement, Unix(*when), context.facts.now);
}

// A card once the span is later than `late_after_working_days` past its deadline.
void JudgeLate(const JudgeContext& context, std::string_view code, const TimedSpan& span,
               const Measurement& m, int64_t late_after_working_days, Judgement& judgement) {
  auto late_after = LateAfter(context, m.progress.deadline, late_after_working_days);
  if (!late_after) return;
  if (m.at <= *late_after) {
    if (!span.end) NoteNextCheck(judgement, *late_after + 1, context.facts.now);
    return;
  }
  Finding f = context.MakeFinding(code, span.subject, context.Settings(code));
  FillLimitVars(f, span, m);
  calendar::LocalDate due_day = *m.progress.deadline.last_day;
  calendar::LocalDate at_day = calendar::ToLocal(At(m.at)).date;
  f.vars["overdue_working_days"] =
      at_day > due_day ? int64_t(context.calendar.WorkingDaysBetween(due_day, at_day)) : 0;
  f.evidence = SpanEvidence(context, span, m);
  f.evidence["late_after_working_days"] = late_after_working_days;
  judgement.findings.push_back(std::move(f));
}

const CaseEvent* First(const std::vector<CaseEvent>& events,
                       std::initializer_list<EventType> types) {
  for (const CaseEvent& e : events) {
    for (EventType t : types) {
      if (e.type == t) return &e;
    }
  }
  return nullptr;
}

// The first response to an application: pre-acceptance, acceptance or refusal to accept.
void JudgePreAcceptance(const JudgeContext& context, Judgement& judgement) {
  const auto& events = context.facts.events;
  TimedSpan span{
      "pre_acceptance", First(events, {EventType::kSubmitted}),
      First(events, {EventType::kPreAccepted, EventType::kAccepted, EventType::kNotAccepted})};
  if (span.start == nullptr) return;
  json::object promised = context.Settings("time.promised");
  int64_t days = SettingInt(promised, "pre_acceptance_working_days", 1);
  if (days <= 0) return;
  auto m = Measure(context, span, calendar::TimeLimit::WorkingDays(int(days)));
  if (!m) return;

  JudgeWarning(context, "time.warning", span, *m, judgement);
  if (context.Enabled("time.promised")) {
    JudgeLate(context, "time.promised", span, *m, SettingInt(promised, "grace_working_days", 0),
              judgement);
  }
  if (context.Enabled("time.statutory")) {
    int64_t red_after =
        SettingInt(context.Settings("time.statutory"), "pre_acceptance_red_after_working_days", 5);
    JudgeLate(context, "time.statutory", span, *m, red_after, judgement);
  }
}

// The whole case, from acceptance to completion.
void JudgeWholeCase(const JudgeContext& context, Judgement& judgement) {
  const auto& events = context.facts.events;
  TimedSpan span{"", First(events, {EventType::kAccepted}), First(events, {EventType::kCompleted})};
  if (span.start == nullptr) return;

  json::object promised_settings = context.Settings("time.promised");
  json::object statutory_settings = context.Settings("time.statutory");
  const auto& item = context.facts.item;
  std::optional<calendar::TimeLimit> promised = LimitSetting(promised_settings, "promised_limit");
  std::optional<calendar::TimeLimit> statutory =
      LimitSetting(statutory_settings, "statutory_limit");
  if (!promised && item) promised = item->promised_limit;
  if (!statutory && item) statutory = item->statutory_limit;
  // 即办件 (immediate items) are handled on the spot and not time-monitored.
  if (!promised || promised->unit == calendar::LimitUnit::kImmediate) return;

  if (auto m = Measure(context, span, *promised)) {
    JudgeWarning(context, "time.warning", span, *m, judgement);
    if (context.Enabled("time.promised")) {
      JudgeLate(context, "time.promised", span, *m,
                SettingInt(promised_settings, "grace_working_days", 0), judgement);
    }
  }
  if (statutory && statutory->unit != calendar::LimitUnit::kImmediate &&
      context.Enabled("time.statutory")) {
    if (auto m = Measure(context, span, *statutory)) {
      JudgeLate(context, "time.statutory", span, *m,
                SettingInt(statutory_settings, "red_after_working_days", 0), judgement);
    }
  }
}

// One run of a middle step: opened by its step_started event or by a return to it, closed by
// its step_finished event.
struct StepRun {
  const CaseEvent* start = nullptr;
  const CaseEvent* end = nullptr;
  bool awaiting_restart = false;  // opened by a return, and no step_started has followed yet
};

// True for an event that sends the case to the applicant for corrected materials (补正): a
// suspension for correction, or a return with reason_code "correction".
bool IsApplicantCorrection(const CaseEvent& e) {
  bool by_type = e.type == EventType::kSuspended || e.type == EventType::kReturned;
  return by_type && e.Text("reason_code") == "correction";
}

// The runs of `step` that count against its limit, in order. Every run counts, so a step sent
// back and run again uses up one limit across its runs. A return for the applicant's correction
// starts the count afresh, because under 行政许可法 art. 32 the time runs from the complete
// materials. Such a return is a return with reason_code "correction", or a return followed by a
// correction notice before the step starts again. A correction notice between two runs counts
// the same.
std::vector<StepRun> CountedRuns(const std::vector<CaseEvent>& events, const std::string& step) {
  std::vector<StepRun> runs;
  bool corrected_since_last_run = false;
  for (const CaseEvent& e : events) {
    bool returned_here =
        e.type == EventType::kReturned && CanonicalStepName(e.Text("to_step")) == step;
    bool started = e.type == EventType::kStepStarted && StepOf(e) == step;
    bool finished = e.type == EventType::kStepFinished && StepOf(e) == step;
    bool running = !runs.empty() && runs.back().end == nullptr;

    if (IsApplicantCorrection(e)) {
      if (!running) {
        corrected_since_last_run = true;
      } else if (runs.back().awaiting_restart) {
        runs.erase(runs.begin(), runs.end() - 1);
      }
    }
    if ((started || returned_here) && !running) {
      if (corrected_since_last_run) runs.clear();
      corrected_since_last_run = false;
      runs.push_back(StepRun{&e, nullptr, returned_here});
    } else if (started && running) {
      runs.back().awaiting_restart = false;
    } else if (finished && running) {
      runs.back().end = &e;
    }
  }
  return runs;
}

// The span of one step of the item. 受理 runs from the application to the acceptance. 办结 runs
// from the end of the last step to completion, or from the acceptance when the item has no step
// in between. Any other step runs from the start of its first counted run (CountedRuns) to the
// end of its last, and the time between runs is excluded.
TimedSpan StepSpan(const std::vector<CaseEvent>& events, const std::string& step,
                   bool has_middle_steps) {
  TimedSpan span{step};
  if (step == "受理") {
    span.start = First(events, {EventType::kSubmitted});
    span.end = First(events, {EventType::kAccepted, EventType::kNotAccepted});
    return span;
  }
  if (step == "办结") {
    span.end = First(events, {EventType::kCompleted});
    for (const CaseEvent& e : events) {
      if (span.end && e.occurred_at > span.end->occurred_at) break;
      if (e.type == EventType::kAccepted && span.start == nullptr && !has_middle_steps) {
        span.start = &e;
      }
      if (e.type == EventType::kStepFinished) span.start = &e;
    }
    return span;
  }

  std::vector<StepRun> runs = CountedRuns(events, step);
  if (runs.empty()) return span;
  span.start = runs.front().start;
  span.end = runs.back().end;
  if (runs.size() == 1) return span;
  for (size_t i = 0; i < runs.size(); ++i) {
    const StepRun& run = runs[i];
    json::object entry{{"start_event_id", run.start->event_id},
                       {"start", calendar::FormatLocal(At(run.start->occurred_at))}};
    if (run.end) {
      entry["end_event_id"] = run.end->event_id;
      entry["end"] = calendar::FormatLocal(At(run.end->occurred_at));
    }
    span.runs.push_back(std::move(entry));
    if (i == 0 || runs[i - 1].end->occurred_at >= run.start->occurred_at) continue;
    span.excluded.push_back(
        calendar::Suspension{.reason = calendar::SuspensionReason::kOutsideStep,
                             .start = At(runs[i - 1].end->occurred_at),
                             .end = At(run.start->occurred_at),
                             .note = runs[i - 1].end->event_id + " to " + run.start->event_id});
  }
  return span;
}

void JudgeSteps(const JudgeContext& context, Judgement& judgement) {
  if (!context.facts.item) return;
  bool warning = context.Enabled("step.warning");
  bool late = context.Enabled("step.promised");
  if (!warning && !late) return;
  int64_t grace = SettingInt(context.Settings("step.promised"), "grace_working_days", 0);

  const auto& steps = context.facts.item->steps;
  bool has_middle_steps = std::any_of(steps.begin(), steps.end(), [](const catalog::Step& s) {
    return s.name != "受理" && s.name != "办结";
  });
  for (const catalog::Step& step : steps) {
    if (step.limit.unit == calendar::LimitUnit::kImmediate) continue;
    TimedSpan span = StepSpan(context.facts.events, step.name, has_middle_steps);
    if (span.start == nullptr) continue;
    auto m = Measure(context, span, step.limit);
    if (!m) continue;
    JudgeWarning(context, "step.warning", span, *m, judgement);
    if (late) JudgeLate(context, "step.promised", span, *m, grace, judgement);
  }
}

}  // namespace

void JudgeTimeRules(const JudgeContext& context, Judgement& judgement) {
  JudgePreAcceptance(context, judgement);
  JudgeWholeCase(context, judgement);
  JudgeSteps(context, judgement);
}

}  // namespace mingjing::supervision
