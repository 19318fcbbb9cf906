#include "case_builder.h"

#include <algorithm>

#include "exchange/event.h"

namespace mingjing::supervision::testing {

namespace json = boost::json;
using calendar::TimeLimit;
using exchange::EventType;

int64_t LocalSeconds(std::string_view text) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             calendar::testing::Local(text).time_since_epoch())
      .count();
}

catalog::ServiceItem LicensingItem() {
  catalog::ServiceItem item;
  item.id = 1;
  item.code = "511A0138000000-511602000000-000-1";
  item.name = "社会团体成立登记";
  item.type = catalog::ItemType::kLicensing;
  item.statutory_limit = TimeLimit::WorkingDays(20);
  item.promised_limit = TimeLimit::WorkingDays(5);
  item.steps = {{"受理", TimeLimit::WorkingDays(1)},
                {"审查", TimeLimit::WorkingDays(3)},
                {"决定", TimeLimit::WorkingDays(1)},
                {"办结", TimeLimit::WorkingDays(1)}};
  return item;
}

CaseBuilder::CaseBuilder() {
  facts_.case_row.id = 7;
  facts_.case_row.case_number = "GA-2026-0007";
  facts_.case_row.item_code = "511A0138000000-511602000000-000-1";
  facts_.case_row.item_type = "行政许可";
  facts_.case_row.division_code = "511602";
  facts_.case_row.department_code = "511602-MZJ";
  facts_.item = LicensingItem();
}

CaseBuilder& CaseBuilder::Add(const std::string& event_id, EventType type,
                              std::string_view local_time, json::object fields) {
  int64_t at = LocalSeconds(local_time);
  fields["event_id"] = event_id;
  fields["event_type"] = exchange::EventTypeName(type);
  rows_.push_back(
      EventRow{int64_t(rows_.size() + 1), type, at, at, json::serialize(fields), false});
  return *this;
}

CaseBuilder& CaseBuilder::Item(std::optional<catalog::ServiceItem> item) {
  facts_.item = std::move(item);
  return *this;
}

CaseBuilder& CaseBuilder::ItemType(const std::string& item_type) {
  facts_.case_row.item_type = item_type;
  return *this;
}

CaseBuilder& CaseBuilder::ReceivedAt(std::string_view local_time) {
  facts_.first_received_at = LocalSeconds(local_time);
  return *this;
}

CaseBuilder& CaseBuilder::Alarm(int64_t id, const std::string& kind, const std::string& event_id) {
  facts_.tamper_alarms.push_back(
      exchange::TamperAlarm{id, facts_.case_row.id, event_id, kind, 1, 2, 0});
  return *this;
}

CaseFacts CaseBuilder::Build(std::string_view now) const {
  CaseFacts facts = facts_;
  facts.now = LocalSeconds(now);
  facts.events = CurrentEvents(rows_);
  exchange::Case& c = facts.case_row;
  for (const CaseEvent& e : facts.events) {
    c.last_event_at = std::max(c.last_event_at, e.occurred_at);
    if (e.type == EventType::kSubmitted && c.submitted_at == 0) c.submitted_at = e.occurred_at;
    if (e.type == EventType::kAccepted) c.accepted_at = e.occurred_at;
    if (e.type == EventType::kCompleted || e.type == EventType::kNotAccepted) {
      c.completed_at = e.occurred_at;
    }
  }
  if (facts.first_received_at == 0) {
    facts.first_received_at = facts.events.empty() ? 0 : facts.events.front().received_at;
  }
  return facts;
}

Judgement Judge(const CaseFacts& facts, const RuleSet& rules) {
  return JudgeFacts(facts, rules, ChinaCalendar());
}

std::vector<Finding> FindingsOf(const Judgement& judgement, std::string_view code) {
  std::vector<Finding> out;
  for (const Finding& f : judgement.findings) {
    if (f.rule_code == code) out.push_back(f);
  }
  return out;
}

std::vector<std::string> Codes(const Judgement& judgement) {
  std::vector<std::string> out;
  for (const Finding& f : judgement.findings) out.push_back(f.rule_code + ":" + f.subject);
  return out;
}

RuleSet WithSettings(std::string_view code, const json::object& settings) {
  RuleSet defaults = RuleSet::Defaults();
  std::vector<Rule> rules = defaults.rules();
  for (Rule& rule : rules) {
    if (rule.code != code) continue;
    for (const auto& [key, value] : settings) rule.settings[key] = value;
  }
  return RuleSet(std::move(rules), {});
}

}  // namespace mingjing::supervision::testing
