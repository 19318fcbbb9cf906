// Activity rules: an open case left untouched, a case entered late, and tampering with case
// data (one card per tamper alarm raised by the exchange).
#include <boost/json.hpp>

#include "calendar/local_time.h"
#include "exchange/ingest.h"
#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

// The same local time `months` months after `unix_seconds`, on the month's last day when the
// month is shorter (Civil Code art. 202 counts months this way).
int64_t AddMonths(int64_t unix_seconds, int months) {
  calendar::LocalDateTime local = calendar::ToLocal(TimePoint(seconds(unix_seconds)));
  std::chrono::year_month_day day{local.date};
  std::chrono::year_month_day shifted = day + std::chrono::months(months);
  if (!shifted.ok()) shifted = shifted.year() / shifted.month() / std::chrono::last;
  TimePoint t = calendar::FromLocal(calendar::LocalDate(shifted), local.time_of_day);
  return std::chrono::duration_cast<seconds>(t.time_since_epoch()).count();
}

void JudgeUntouched(const JudgeContext& context, Judgement& judgement) {
  const exchange::Case& c = context.facts.case_row;
  if (c.completed_at != 0 || c.last_event_at == 0 || !context.Enabled("dormancy.untouched")) {
    return;
  }
  json::object settings = context.Settings("dormancy.untouched");
  int64_t months = SettingInt(settings, "months", 3);
  int64_t due = AddMonths(c.last_event_at, int(months));
  if (context.facts.now < due) {
    NoteNextCheck(judgement, due, context.facts.now);
    return;
  }
  // The subject names the last activity, so a case that wakes up and sleeps again is flagged
  // again.
  Finding f = context.MakeFinding("dormancy.untouched", "since:" + std::to_string(c.last_event_at),
                                  settings);
  f.vars["months"] = months;
  f.vars["last_event"] = LocalMinute(c.last_event_at);
  f.evidence = {{"last_event_at", LocalMinute(c.last_event_at)},
                {"untouched_until", LocalMinute(due)},
                {"state", c.state}};
  judgement.findings.push_back(std::move(f));
}

void JudgeLateEntry(const JudgeContext& context, Judgement& judgement) {
  const CaseFacts& facts = context.facts;
  int64_t submitted = facts.case_row.submitted_at;
  if (submitted == 0 || facts.first_received_at <= submitted ||
      !context.Enabled("dormancy.late_entry")) {
    return;
  }
  json::object settings = context.Settings("dormancy.late_entry");
  int64_t limit = SettingInt(settings, "working_days", 10);
  calendar::LocalDate from = calendar::ToLocal(TimePoint(seconds(submitted))).date;
  calendar::LocalDate to = calendar::ToLocal(TimePoint(seconds(facts.first_received_at))).date;
  if (!context.calendar.Contains(from) || !context.calendar.Contains(to)) return;
  int late = context.calendar.WorkingDaysBetween(from, to);
  if (late <= limit) return;

  Finding f = context.MakeFinding("dormancy.late_entry", "", settings);
  f.vars["submitted"] = LocalMinute(submitted);
  f.vars["received"] = LocalMinute(facts.first_received_at);
  f.vars["late_working_days"] = int64_t(late);
  f.evidence = {{"submitted_at", LocalMinute(submitted)},
                {"received_at", LocalMinute(facts.first_received_at)},
                {"late_working_days", late},
                {"limit_working_days", limit}};
  judgement.findings.push_back(std::move(f));
}

void JudgeTamper(const JudgeContext& context, Judgement& judgement) {
  for (const exchange::TamperAlarm& alarm : context.facts.tamper_alarms) {
    std::string_view code;
    if (alarm.kind == exchange::kChangeAfterCompletion) {
      code = "tamper.after_completion";
    } else if (alarm.kind == exchange::kResendWithDifferentContent) {
      code = "tamper.resend";
    } else {
      continue;  // a deletion before completion is a withdrawal, visible on the timeline
    }
    if (!context.Enabled(code)) continue;
    Finding f =
        context.MakeFinding(code, "alarm:" + std::to_string(alarm.id), context.Settings(code));
    f.vars["event_id"] = alarm.event_id;
    f.vars["alarm_kind"] = alarm.kind;
    f.vars["old_version"] = alarm.old_version;
    f.vars["new_version"] = alarm.new_version;
    f.evidence = {{"tamper_alarm_id", alarm.id},
                  {"event_id", alarm.event_id},
                  {"kind", alarm.kind},
                  {"old_version", alarm.old_version},
                  {"new_version", alarm.new_version},
                  {"raised_at", LocalMinute(alarm.raised_at)}};
    judgement.findings.push_back(std::move(f));
  }
}

}  // namespace

void JudgeActivityRules(const JudgeContext& context, Judgement& judgement) {
  JudgeUntouched(context, judgement);
  JudgeLateEntry(context, judgement);
  JudgeTamper(context, judgement);
}

}  // namespace mingjing::supervision
