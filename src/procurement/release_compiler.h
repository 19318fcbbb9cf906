// Turns what the reader finds into one compiled release per contracting process:
//   - a compiled release (tag "compiled", or no tag, as in most red-flag data) goes on at once;
//   - a record gives its compiledRelease, or else the merge of its embedded releases;
//   - individual releases are kept, grouped by ocid, and merged by Finish().
// NOTE: kept releases stay in memory until Finish(), so a release package needs memory in
// proportion to its size. Compiled releases and records are not kept.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "procurement/ocds_item.h"

namespace mingjing::procurement {

class ReleaseCompiler {
 public:
  // `sink` receives each compiled release; it is only valid during the call.
  using CompiledSink = std::function<void(const boost::json::object& compiled)>;

  ReleaseCompiler(std::string file, CompiledSink sink, ReadIssueSink on_issue);

  // Accepts an item from the reader.
  void Add(OcdsItemKind kind, const boost::json::object& item, const SourceLocation& location);

  // Merges and hands on the held releases, in the order their ocids were first seen.
  void Finish();

  // Number of individual releases held for merging.
  size_t held_releases() const { return held_count_; }

 private:
  void AddRelease(const boost::json::object& release, const SourceLocation& location);
  void AddRecord(const boost::json::object& record, const SourceLocation& location);

  std::string file_;
  CompiledSink sink_;
  ReadIssueSink on_issue_;
  std::unordered_map<std::string, std::vector<boost::json::object>> held_;
  std::vector<std::string> ocid_order_;
  size_t held_count_ = 0;
};

}  // namespace mingjing::procurement
