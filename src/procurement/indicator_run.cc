#include "procurement/indicator_run.h"

#include "procurement/indicator_engine.h"
#include "procurement/ocds_reader.h"
#include "procurement/release_compiler.h"

namespace mingjing::procurement {

Result<IndicatorRun> RunIndicatorsOnFile(const std::string& path, const IndicatorSettings& settings,
                                         const ReadIssueSink& on_issue) {
  IndicatorRun run;
  IndicatorEngine engine(settings);

  ReadIssueSink keep_issue = [&](const ReadIssue& issue) {
    ++run.issue_count;
    if (run.issues.size() < kMaxKeptIssues) run.issues.push_back(issue);
    if (on_issue) on_issue(issue);
  };
  ReleaseCompiler compiler(
      path, [&](const boost::json::object& compiled) { engine.AddRelease(compiled); }, keep_issue);
  OcdsItemSink to_compiler = [&](OcdsItemKind kind, const boost::json::object& item,
                                 const SourceLocation& location) {
    compiler.Add(kind, item, location);
  };

  auto layout = ReadOcdsFile(path, to_compiler, keep_issue);
  if (!layout) return layout.error();
  compiler.Finish();

  run.processes = engine.processes_added();
  run.processes_excluded = engine.processes_excluded();
  run.results = engine.Finish();
  return run;
}

}  // namespace mingjing::procurement
