#include "api/case_json.h"

#include "common/clock.h"

namespace mingjing::api {

namespace json = boost::json;

json::value UtcTimeOrNull(int64_t seconds) {
  if (seconds == 0) return nullptr;
  return json::value(FormatRfc3339(TimePoint(std::chrono::seconds(seconds))));
}

json::object CaseJson(const exchange::Case& c) {
  return {{"id", c.id},
          {"sender_system", c.sender_system},
          {"case_number", c.case_number},
          {"item_code", c.item_code},
          {"item_type", c.item_type},
          {"division_code", c.division_code},
          {"department_code", c.department_code},
          {"department_id", c.department_id},
          {"applicant_name_hash", c.applicant_name_hash},
          {"state", c.state},
          {"current_step", c.current_step},
          {"suspended", c.suspended},
          {"outcome", c.outcome},
          {"result_document_number", c.result_document_number},
          {"submitted_at", UtcTimeOrNull(c.submitted_at)},
          {"accepted_at", UtcTimeOrNull(c.accepted_at)},
          {"completed_at", UtcTimeOrNull(c.completed_at)},
          {"last_event_at", UtcTimeOrNull(c.last_event_at)},
          {"fee_total_fen", c.fee_total_fen},
          {"fee_count", c.fee_count},
          {"return_count", c.return_count},
          {"suspension_count", c.suspension_count},
          {"version", c.version}};
}

json::object TimelineEventJson(const exchange::TimelineEvent& e) {
  json::array versions;
  for (const auto& v : e.versions) {
    boost::system::error_code ec;
    json::value payload = json::parse(v.payload, ec);
    versions.push_back({{"version", v.version},
                        {"occurred_at", UtcTimeOrNull(v.occurred_at)},
                        {"received_at", UtcTimeOrNull(v.received_at)},
                        {"content_hash", v.content_hash},
                        {"payload", ec ? json::value(v.payload) : std::move(payload)}});
  }
  return {{"event_id", e.event_id},
          {"event_type", e.event_type},
          {"occurred_at", UtcTimeOrNull(e.occurred_at)},
          {"received_at", UtcTimeOrNull(e.received_at)},
          {"version", e.version},
          {"withdrawn", e.withdrawn},
          {"versions", std::move(versions)}};
}

json::object TamperAlarmJson(const exchange::TamperAlarm& a) {
  return {{"id", a.id},
          {"event_id", a.event_id},
          {"kind", a.kind},
          {"old_version", a.old_version},
          {"new_version", a.new_version},
          {"raised_at", UtcTimeOrNull(a.raised_at)}};
}

}  // namespace mingjing::api
