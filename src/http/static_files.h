// Serves the built front end from the web root:
//   /                 → index.html (the public portal)
//   /console/...      → files under console/, else console/index.html for paths without an
//                       extension (the console's client-side routes)
//   anything else     → the file, else index.html for paths without an extension
// Paths under /api/ never fall back to HTML; they get the JSON 404.
//
// A path with a ".." or "." segment, a segment starting with '.', or a file that resolves
// (through symlinks) outside the root gets 404. Responses carry an ETag (304 on a matching
// If-None-Match), Cache-Control (a year and immutable under assets/, where file names carry a
// content hash; no-cache elsewhere) and gzip when the client accepts it: a precompressed
// "name.gz" sibling when present, else text files compressed once with zlib and cached.
//
// NOTE: Range requests are not supported; every GET gets the whole file with 200.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/request.h"
#include "http/response.h"

namespace mingjing::http {

struct StaticFilesOptions {
  std::string root;                                  // web root folder
  uint64_t max_cached_file_bytes = 4 * 1024 * 1024;  // larger files are streamed from disk
  uint64_t max_cache_bytes = 64 * 1024 * 1024;       // memory for cached files and gzip copies
};

class StaticFiles {
 public:
  explicit StaticFiles(StaticFilesOptions options);
  ~StaticFiles();

  // Serves a GET or HEAD request; thread-safe.
  Response Serve(const Request& request) const;

 private:
  struct Entry;

  std::shared_ptr<const Entry> Lookup(const std::string& relative, bool& is_directory) const;
  std::shared_ptr<const Entry> Load(const std::string& relative, const struct stat& info) const;
  bool InsideRoot(const std::string& path) const;
  Response Answer(const Request& request, const Entry& entry, const std::string& relative) const;

  StaticFilesOptions options_;
  std::string canonical_root_;
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
  mutable uint64_t cached_bytes_ = 0;
};

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view file_name);

// True when an Accept-Encoding value allows gzip (listed, or "*", with a q above 0).
bool AcceptsGzip(std::string_view accept_encoding);

// True when an If-None-Match value lists `etag` or "*"; weak and strong tags compare equal.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

}  // namespace mingjing::http
