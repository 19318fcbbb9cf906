// Builds the CaseFacts of one case event by event, in platform local time, for the pure rule
// tests, and finds findings in a judgement.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "calendar_fixture.h"
#include "supervision/case_facts.h"
#include "supervision/case_rules.h"
#include "supervision/rule_set.h"

namespace mingjing::supervision::testing {

using calendar::testing::ChinaCalendar;

int64_t LocalSeconds(std::string_view text);  // "2026-02-13 10:00" → Unix seconds

// A licensing item with a 5-working-day promised and 20-working-day statutory limit, free, with
// the steps 受理 (1), 审查 (3), 决定 (1), 办结 (1) in working days.
catalog::ServiceItem LicensingItem();

class CaseBuilder {
 public:
  CaseBuilder();

  // Adds an event; `fields` contains the type's own fields (step_code, outcome …).
  CaseBuilder& Add(const std::string& event_id, exchange::EventType type,
                   std::string_view local_time, boost::json::object fields = {});
  CaseBuilder& Item(std::optional<catalog::ServiceItem> item);
  CaseBuilder& ItemType(const std::string& item_type);
  CaseBuilder& ReceivedAt(std::string_view local_time);  // when the platform first stored it
  CaseBuilder& Alarm(int64_t id, const std::string& kind, const std::string& event_id);

  // The facts at `now`, with the case row derived from the events.
  CaseFacts Build(std::string_view now) const;

 private:
  CaseFacts facts_;
  std::vector<EventRow> rows_;
};

// Judges `facts` with `rules` on the real calendar.
Judgement Judge(const CaseFacts& facts, const RuleSet& rules = RuleSet::Defaults());

// The findings of rule `code`.
std::vector<Finding> FindingsOf(const Judgement& judgement, std::string_view code);

// Every rule code in the judgement, in order, e.g. "time.promised:" or "fee.free_item:E-6".
std::vector<std::string> Codes(const Judgement& judgement);

// A rule set with `settings` merged into rule `code`'s stored settings.
RuleSet WithSettings(std::string_view code, const boost::json::object& settings);

}  // namespace mingjing::supervision::testing
