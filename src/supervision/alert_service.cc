#include "supervision/alert_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "store/row.h"
#include "supervision/rule_catalog.h"
#include "supervision/trend_rules.h"

namespace mingjing::supervision {
namespace {

const ledger::Actor kRulesActor{"system:rules", ""};

Alert AlertOfFinding(soci::session& session, const AlertTarget& target, const Finding& finding,
                     int64_t now) {
  auto [zh, en] = RenderMessages(session, finding);
  Alert a;
  a.dedupe_key = target.by_department ? DepartmentDedupeKey(finding, target.department_id)
                                      : DedupeKey(finding, target.case_id);
  a.rule_code = finding.rule_code;
  a.rule_version = finding.rule_version;
  a.level = std::string(LevelName(finding.level));
  a.state = std::string(finding.needs_confirmation ? kStatePending : kStateIssued);
  a.handling = "prompt";
  a.case_id = target.case_id;
  a.case_number = target.case_number;
  a.item_code = target.item_code;
  a.division_code = target.division_code;
  a.department_id = target.department_id;
  a.subject = finding.subject;
  a.message_zh = std::move(zh);
  a.message_en = std::move(en);
  a.evidence = boost::json::serialize(finding.evidence);
  a.detected_at = now;
  a.issued_at = finding.needs_confirmation ? 0 : now;
  a.updated_at = now;
  return a;
}

}  // namespace

AlertTarget TargetOfCase(soci::session& session, const exchange::Case& c) {
  AlertTarget target{c.id, c.case_number, c.item_code, c.division_code, c.department_id};
  if (target.department_id == 0 && !c.department_code.empty()) {
    long long id = 0;
    soci::indicator indicator = soci::i_null;
    session << "SELECT min(id) FROM departments WHERE code = :c AND division_code = :d",
        soci::use(c.department_code), soci::use(c.division_code), soci::into(id, indicator);
    if (indicator == soci::i_ok) target.department_id = id;
  }
  return target;
}

std::pair<std::string, std::string> RenderMessages(soci::session& session, const Finding& finding) {
  std::string zh;
  std::string en;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT template_zh, template_en FROM rules WHERE code = :c",
       soci::use(finding.rule_code));
  for (const soci::row& r : rows) {
    zh = store::Text(r, 0);
    en = store::Text(r, 1);
  }
  if (zh.empty() || en.empty()) {
    if (const RuleDefinition* rule = FindRuleDefinition(finding.rule_code)) {
      if (zh.empty()) zh = std::string(rule->template_zh);
      if (en.empty()) en = std::string(rule->template_en);
    }
  }
  // Every rule the platform raises is in the catalogue, so this default is reached only for a
  // finding whose code was mistyped. The message still names the rule and the case.
  if (zh.empty()) zh = fmt::format("{}：{{case_number}}", finding.rule_code);
  if (en.empty()) en = fmt::format("{}: {{case_number}}", finding.rule_code);
  return {FillTemplate(zh, finding.vars), FillTemplate(en, finding.vars)};
}

ApplyResult AlertService::ApplyJudgement(soci::session& session, const exchange::Case& c,
                                         const Judgement& judgement, int64_t now) const {
  return IssueFindings(session, TargetOfCase(session, c), judgement.findings, now);
}

ApplyResult AlertService::IssueFindings(soci::session& session, const AlertTarget& target,
                                        const std::vector<Finding>& findings, int64_t now) const {
  ApplyResult result;
  for (const Finding& finding : findings) {
    Alert alert = AlertOfFinding(session, target, finding, now);
    std::optional<int64_t> id = InsertAlertIfNew(session, alert);
    if (!id) {
      ++result.known;
      continue;
    }
    alert.id = *id;
    if (alert.department_id != 0) {
      if (auto stored = FindAlert(session, alert.id))
        alert.department_name = stored->department_name;
    }

    InsertAction(session, AlertAction{.alert_id = alert.id,
                                      .action = "issue",
                                      .from_state = "",
                                      .to_state = alert.state,
                                      .actor = kRulesActor.name,
                                      .actor_role = "",
                                      .text = alert.message_zh,
                                      .created_at = now});
    ledger_.Append(session, kRulesActor,
                   ledger::Entry{.action = "alert.issue",
                                 .object_type = "alert",
                                 .object_id = std::to_string(alert.id),
                                 .division_code = alert.division_code,
                                 .detail = {{"rule_code", alert.rule_code},
                                            {"rule_version", alert.rule_version},
                                            {"level", alert.level},
                                            {"state", alert.state},
                                            {"case_id", alert.case_id},
                                            {"case_number", alert.case_number},
                                            {"department_id", alert.department_id},
                                            {"dedupe_key", alert.dedupe_key}}});
    Announce(session, alert, "issued", now);
    spdlog::info("alert issued alert_id={} rule={} level={} state={} case_id={}", alert.id,
                 alert.rule_code, alert.level, alert.state, alert.case_id);
    result.issued.push_back(std::move(alert));
  }
  return result;
}

void AlertService::Announce(soci::session& session, const Alert& alert, std::string event,
                            int64_t now) const {
  AlertEvent e{alert, std::move(event)};
  for (const AlertListener& listener : listeners_) listener(session, e, now);
}

}  // namespace mingjing::supervision
