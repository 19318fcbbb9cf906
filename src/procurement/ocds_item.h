// The items of the OCDS reader: releases and records, each with its location in the input.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace mingjing::procurement {

enum class OcdsItemKind {
  kRelease,  // a release or compiled release
  kRecord,   // a record: a compiled release and/or the releases of one contracting process
};

// The location of an item or a problem in the input: a line for line-delimited JSON, a JSON path
// such as "releases[3]" inside a package, or both.
struct SourceLocation {
  uint64_t line = 0;  // 1-based; 0 when unknown
  std::string path;   // empty for a whole line
};

// A problem with one part of the input; that part is skipped and reading goes on.
struct ReadIssue {
  std::string file;
  SourceLocation location;
  std::string message;

  // "file:12: message", "file: releases[3]: message" or "file:12: records[0]: message".
  std::string ToString() const;
};

using OcdsItemSink = std::function<void(OcdsItemKind kind, const boost::json::object& item,
                                        const SourceLocation& location)>;
using ReadIssueSink = std::function<void(const ReadIssue& issue)>;

}  // namespace mingjing::procurement
