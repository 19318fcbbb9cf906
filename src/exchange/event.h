// The event schema of the exchange interface (数据交换接口): what a business system sends for
// each step of a case. One event is one JSON object; docs/interface.md describes every field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mingjing::exchange {

enum class EventType {
  kSubmitted,     // 申报: the applicant handed in the application
  kPreAccepted,   // 预受理: the materials passed a first check
  kAccepted,      // 受理
  kNotAccepted,   // 不予受理, with the reason
  kStepStarted,   // a processing step (环节) began
  kStepFinished,  // a step ended, with the handler's opinion
  kSuspended,     // the clock stops for a special procedure (特别程序) or a correction (补正)
  kResumed,
  kFeeCharged,  // 收费, amount in fen
  kReturned,    // sent back (退回) to an earlier step
  kCompleted,   // 办结: approved, refused or withdrawn
  kCorrection,  // corrects fields of an earlier event
  kDeleted,     // withdraws an earlier event
};

// Stable wire names, e.g. "step_started".
std::string_view EventTypeName(EventType type);
std::optional<EventType> ParseEventType(std::string_view name);
const std::vector<EventType>& AllEventTypes();

// Reasons a case may be suspended. Each names a procedure whose time does not count against the
// promised limit: correction of materials (补正), hearing (听证), tendering (招标), auction (拍卖),
// inspection (检验), testing (检测), quarantine (检疫), appraisal (鉴定), expert review (专家评审).
inline constexpr std::string_view kSuspensionReasons[] = {
    "correction", "hearing",    "tendering", "auction",      "inspection",
    "testing",    "quarantine", "appraisal", "expert_review"};

inline constexpr std::string_view kOutcomes[] = {"approved", "refused", "withdrawn"};

// Largest number of events in one call or one batch of a file import.
inline constexpr size_t kMaxEventsPerBatch = 1000;

// How far in the future of the platform's clock an occurred_at may lie, for senders whose
// clocks run slightly fast.
inline constexpr int64_t kMaxFutureSkewSeconds = 300;

// One event after validation. `payload` is the canonical JSON stored and hashed: the fields as
// sent, keys sorted, with `applicant_name` replaced by `applicant_name_hash` and `query_code` by
// `query_code_hash`.
struct Event {
  EventType type = EventType::kSubmitted;
  std::string event_id;
  std::string case_number;
  std::string item_code;
  std::string item_type;  // a catalog::ItemTypeName code, e.g. "licensing"
  std::string division_code;
  std::string department_code;
  int64_t department_id = 0;
  int64_t occurred_at = 0;  // Unix seconds, UTC
  std::string operator_name;
  std::string target_event_id;  // for correction and deleted events
  std::string payload;
  std::string content_hash;  // hex SM3 of payload
};

// Parses an RFC 3339 timestamp with a UTC offset ("2026-03-02T09:15:00+08:00" or "...Z"),
// fractional seconds allowed and dropped. Returns Unix seconds, or nullopt when invalid.
std::optional<int64_t> ParseRfc3339(std::string_view text);

}  // namespace mingjing::exchange
