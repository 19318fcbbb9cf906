#include "calendar/suspension.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "calendar/enum_names.h"

namespace mingjing::calendar {

namespace {

constexpr EnumNames<SuspensionReason, 11> kReasonNames{{
    {SuspensionReason::kCorrection, "correction"},
    {SuspensionReason::kHearing, "hearing"},
    {SuspensionReason::kTendering, "tendering"},
    {SuspensionReason::kAuction, "auction"},
    {SuspensionReason::kInspection, "inspection"},
    {SuspensionReason::kTesting, "testing"},
    {SuspensionReason::kQuarantine, "quarantine"},
    {SuspensionReason::kAppraisal, "appraisal"},
    {SuspensionReason::kExpertReview, "expert_review"},
    {SuspensionReason::kOther, "other"},
    {SuspensionReason::kOutsideStep, "outside_step"},
}};

}  // namespace

std::string_view SuspensionReasonName(SuspensionReason reason) {
  return NameOfEnum(kReasonNames, reason);
}

Result<SuspensionReason> ParseSuspensionReason(std::string_view name, std::string_view field) {
  if (auto reason = EnumOfName(kReasonNames, name)) return *reason;
  return Error::InvalidField(std::string(field),
                             fmt::format("unknown suspension reason \"{}\"; expected correction, "
                                         "hearing, tendering, auction, inspection, testing, "
                                         "quarantine, appraisal, expert_review or other",
                                         name));
}

Result<void> ValidateSuspensions(const std::vector<Suspension>& suspensions,
                                 const std::vector<Extension>& extensions) {
  for (size_t i = 0; i < suspensions.size(); ++i) {
    const Suspension& suspension = suspensions[i];
    if (suspension.end && *suspension.end < suspension.start) {
      return Error::InvalidField(fmt::format("suspensions[{}].end", i),
                                 "a suspension cannot end before it starts");
    }
    if (suspension.extension_days < 0) {
      return Error::InvalidField(fmt::format("suspensions[{}].extension_days", i),
                                 "extension days cannot be negative");
    }
  }
  for (size_t i = 0; i < extensions.size(); ++i) {
    if (extensions[i].days < 0) {
      return Error::InvalidField(fmt::format("extensions[{}].days", i),
                                 "extension days cannot be negative");
    }
  }
  return {};
}

std::vector<SuspendedInterval> MergeSuspensions(const std::vector<Suspension>& suspensions) {
  std::vector<size_t> order(suspensions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return suspensions[a].start < suspensions[b].start; });

  std::vector<SuspendedInterval> merged;
  for (size_t index : order) {
    const Suspension& suspension = suspensions[index];
    bool joins_previous =
        !merged.empty() && (!merged.back().end || suspension.start <= *merged.back().end);
    if (!joins_previous) {
      merged.push_back({suspension.start, suspension.end, {}, 0});
    } else if (!suspension.end) {
      merged.back().end.reset();
    } else if (merged.back().end) {
      merged.back().end = std::max(*merged.back().end, *suspension.end);
    }
    merged.back().sources.push_back(index);
    merged.back().extension_days += suspension.extension_days;
  }
  return merged;
}

}  // namespace mingjing::calendar
