// Reads OCDS data from a file, plain or gzip-compressed, in any of the usual layouts:
//   - line-delimited JSON: one release, compiled release, record or package per line;
//   - a release package, a record package or a JSON array of releases, spread over many lines.
// The file is read in pieces, so its whole text is never in memory. A bad line of line-delimited
// JSON is reported with its line number and skipped; the rest of the file is still read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "common/error.h"
#include "procurement/ocds_item.h"

namespace mingjing::procurement {

enum class OcdsFileLayout {
  kEmpty,          // nothing but whitespace
  kLineDelimited,  // one JSON value per line
  kDocument,       // one or more JSON documents that span lines
};

// Reads `path` ("-" for standard input) and passes every release and record to `sink`; the item
// is only valid during the call. Problems with single items or lines go to `on_issue`. Returns
// the layout found, or an error when the file cannot be opened or decompressed, or when a
// multi-line document has a syntax error, after which nothing more can be read.
// `on_progress`, when set, is called after each piece read with the bytes of the file consumed
// so far (compressed bytes for a gzip file), for a progress display.
using ReadProgressSink = std::function<void(uint64_t file_bytes_read)>;

Result<OcdsFileLayout> ReadOcdsFile(const std::string& path, const OcdsItemSink& sink,
                                    const ReadIssueSink& on_issue,
                                    const ReadProgressSink& on_progress = {});

}  // namespace mingjing::procurement
