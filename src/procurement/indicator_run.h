// One run of the red-flag indicators over an OCDS file: read, compile, examine, report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "procurement/indicator_results.h"
#include "procurement/indicator_settings.h"
#include "procurement/ocds_item.h"

namespace mingjing::procurement {

struct IndicatorRun {
  IndicatorResults results;
  uint64_t processes = 0;           // compiled releases examined
  uint64_t processes_excluded = 0;  // of those, left out by the shared exclusions
  uint64_t issue_count = 0;         // lines or items skipped
  std::vector<ReadIssue> issues;    // the first kMaxKeptIssues of them
};

inline constexpr size_t kMaxKeptIssues = 1000;

// Reads the OCDS file at `path` ("-" for standard input, gzip or plain) and runs the indicators
// enabled in `settings`. Every skipped line or item also goes to `on_issue` when it is set.
// Returns an error when the file cannot be read at all or a multi-line document is malformed.
Result<IndicatorRun> RunIndicatorsOnFile(const std::string& path, const IndicatorSettings& settings,
                                         const ReadIssueSink& on_issue = {});

}  // namespace mingjing::procurement
