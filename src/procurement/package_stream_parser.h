// Streams the releases and records out of OCDS JSON documents that span many lines: a release
// package {"releases": [...]}, a record package {"records": [...]}, a JSON array of releases, or a
// single release. Only one release is held in memory at a time, never the whole package.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "procurement/ocds_item.h"

namespace mingjing::procurement {

// Decides what a JSON object read on its own is, and passes it or its parts to `sink`:
// a package's releases or records one by one, a record, or a release.
void DispatchOcdsObject(const boost::json::object& object, SourceLocation location,
                        const std::string& file, const OcdsItemSink& sink,
                        const ReadIssueSink& on_issue);

class PackageStreamParser {
 public:
  // `file` names the input in issues.
  PackageStreamParser(std::string file, OcdsItemSink sink, ReadIssueSink on_issue);
  ~PackageStreamParser();

  // Parses the next piece of the input. Several documents may follow one another. A syntax
  // error ends parsing, because a JSON text cannot be resynchronised; the error names the line.
  std::optional<Error> Write(std::string_view bytes);

  // Ends the input; an unfinished document is an error.
  std::optional<Error> Finish();

 private:
  class Handler;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mingjing::procurement
