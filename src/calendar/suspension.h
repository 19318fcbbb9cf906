// Periods during which a case's clock stops, and extensions of its time limit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"

namespace mingjing::calendar {

// The reason the clock stopped. Administrative Licensing Law art. 45: the time needed for a
// hearing, tendering, auction, inspection, testing, quarantine, appraisal or expert review is not
// counted in the licensing time limit. NOTE: Under art. 32 a correction of materials (补正)
// normally comes before acceptance. Where a case is accepted first and corrected later, stopping
// the clock meanwhile is platform policy, not a rule of the Law.
enum class SuspensionReason {
  kCorrection,    // 补正
  kHearing,       // 听证
  kTendering,     // 招标
  kAuction,       // 拍卖
  kInspection,    // 检验
  kTesting,       // 检测
  kQuarantine,    // 检疫
  kAppraisal,     // 鉴定
  kExpertReview,  // 专家评审
  kOther,
  // Not a procedure: the time a case spent in other steps between two runs of a step that was
  // sent back, which the step's own limit does not count. Business systems cannot send it.
  kOutsideStep,
};

// "correction", "hearing", "tendering", "auction", "inspection", "testing", "quarantine",
// "appraisal", "expert_review", "other", "outside_step".
std::string_view SuspensionReasonName(SuspensionReason reason);
Result<SuspensionReason> ParseSuspensionReason(std::string_view name,
                                               std::string_view field = "reason");

struct Suspension {
  SuspensionReason reason = SuspensionReason::kOther;
  TimePoint start;
  std::optional<TimePoint> end;  // empty while the case is still suspended
  // Extra days granted with the procedure, counted as working days for limits in working days or
  // working hours and as calendar days otherwise.
  int extension_days = 0;
  std::string note;
};

// An extension of the limit not tied to a suspension, e.g. the 10 extra working days a head of
// office may approve under Administrative Licensing Law art. 42. Counted like
// Suspension::extension_days.
struct Extension {
  int days = 0;
  std::string reason;
};

// Fails when a suspension ends before it starts or carries negative extension days, or when an
// extension is negative. The error names the field, e.g. "suspensions[2].end".
Result<void> ValidateSuspensions(const std::vector<Suspension>& suspensions,
                                 const std::vector<Extension>& extensions);

// Suspensions merged where they overlap or touch, so that no time is excluded twice.
struct SuspendedInterval {
  TimePoint start;
  std::optional<TimePoint> end;  // empty: still suspended
  std::vector<size_t> sources;   // indexes into the original list, in start order
  int extension_days = 0;        // sum over the sources
};

// Sorts by start and merges overlapping or touching suspensions. Requires valid input.
std::vector<SuspendedInterval> MergeSuspensions(const std::vector<Suspension>& suspensions);

}  // namespace mingjing::calendar
