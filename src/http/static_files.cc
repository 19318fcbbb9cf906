#include "http/static_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <limits.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include "http/gzip.h"

namespace mingjing::http {

namespace beast_http = boost::beast::http;

struct StaticFiles::Entry {
  // Identity of the file when loaded. A file whose identity changed is loaded again.
  ino_t inode = 0;
  off_t size = 0;
  struct timespec mtime {};

  std::string path;  // absolute
  std::string content_type;
  std::string etag;
  std::shared_ptr<const std::string> bytes;  // null when the file is streamed from disk

  // The gzip variant: in memory, or a precompressed sibling streamed from disk.
  std::shared_ptr<const std::string> gzip_bytes;
  std::string gzip_path;
  uint64_t gzip_size = 0;
  std::string gzip_etag;
  bool compressible = false;

  uint64_t cost() const {
    return (bytes ? bytes->size() : 0) + (gzip_bytes ? gzip_bytes->size() : 0);
  }
};

namespace {

struct TypeByExtension {
  std::string_view extension;
  std::string_view content_type;
  bool compressible;
};

constexpr TypeByExtension kTypes[] = {
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".json", "application/json; charset=utf-8", true},
    {".map", "application/json; charset=utf-8", true},
    {".webmanifest", "application/manifest+json; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".xml", "application/xml; charset=utf-8", true},
    {".ico", "image/x-icon", true},
    {".wasm", "application/wasm", true},
    {".woff2", "font/woff2", false},
    {".woff", "font/woff", false},
    {".ttf", "font/ttf", true},
    {".png", "image/png", false},
    {".jpg", "image/jpeg", false},
    {".jpeg", "image/jpeg", false},
    {".gif", "image/gif", false},
    {".webp", "image/webp", false},
    {".avif", "image/avif", false},
    {".pdf", "application/pdf", false},
};

// Gzip of very small files saves less than its header costs.
constexpr size_t kMinCompressBytes = 256;

const TypeByExtension* FindType(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return nullptr;
  }
  std::string extension(file_name.substr(dot));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& type : kTypes) {
    if (type.extension == extension) return &type;
  }
  return nullptr;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

// FNV-1a, 64 bits: a stable content fingerprint for ETags, so that every server process of a
// deployment gives the same tag for the same file. Not a security boundary.
uint64_t Fingerprint(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

bool SameFile(const struct stat& a, ino_t inode, off_t size, const struct timespec& mtime) {
  return a.st_ino == inode && a.st_size == size && a.st_mtim.tv_sec == mtime.tv_sec &&
         a.st_mtim.tv_nsec == mtime.tv_nsec;
}

// Rejects segments that could leave the root or reveal hidden files. An empty segment is allowed
// only last (a trailing slash).
bool IsSafePath(const std::vector<std::string>& segments) {
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    if (segment.empty()) {
      if (i + 1 != segments.size()) return false;
      continue;
    }
    if (segment.front() == '.') return false;  // ".", "..", dotfiles
    if (segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) return false;
  }
  return true;
}

bool IsImmutableAsset(std::string_view relative) {
  return relative.starts_with("assets/") || relative.starts_with("console/assets/");
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  const TypeByExtension* type = FindType(file_name);
  return type ? type->content_type : "application/octet-stream";
}

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);

    size_t semicolon = item.find(';');
    std::string_view coding = TrimSpaces(item.substr(0, semicolon));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;

    // "q=0", "q=0.0" and "q=0.000" reject the coding, and any other weight accepts it.
    std::string_view weight = TrimSpaces(item.substr(semicolon + 1));
    if (!weight.starts_with("q=") && !weight.starts_with("Q=")) return true;
    weight.remove_prefix(2);
    bool zero = !weight.empty() && weight.front() == '0' &&
                weight.find_first_not_of("0.", 0) == std::string_view::npos;
    return !zero;
  }
  return false;
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  auto strip_weak = [](std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
  };
  std::string_view wanted = strip_weak(etag);
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view tag = TrimSpaces(if_none_match.substr(0, comma));
    if (tag == "*" || strip_weak(tag) == wanted) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

StaticFiles::StaticFiles(StaticFilesOptions options) : options_(std::move(options)) {
  char resolved[PATH_MAX];
  if (realpath(options_.root.c_str(), resolved)) {
    canonical_root_ = resolved;
  } else {
    spdlog::warn(
        "web root {} does not exist; static files return 404 until the server is "
        "restarted with it in place",
        options_.root);
    canonical_root_ = options_.root;
  }
}

StaticFiles::~StaticFiles() = default;

bool StaticFiles::InsideRoot(const std::string& path) const {
  char resolved[PATH_MAX];
  if (!realpath(path.c_str(), resolved)) return false;
  std::string_view real(resolved);
  return real.size() > canonical_root_.size() && real.starts_with(canonical_root_) &&
         real[canonical_root_.size()] == '/';
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Lookup(const std::string& relative,
                                                              bool& is_directory) const {
  is_directory = false;
  std::string path = canonical_root_ + "/" + relative;
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return nullptr;
  if (S_ISDIR(info.st_mode)) {
    is_directory = true;
    return nullptr;
  }
  if (!S_ISREG(info.st_mode)) return nullptr;

  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(relative);
    if (it != cache_.end() &&
        SameFile(info, it->second->inode, it->second->size, it->second->mtime)) {
      return it->second;
    }
  }
  return Load(relative, info);
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::Load(const std::string& relative,
                                                            const struct stat& info) const {
  auto entry = std::make_shared<Entry>();
  entry->path = canonical_root_ + "/" + relative;
  if (!InsideRoot(entry->path)) {
    spdlog::warn("static file {} resolves outside the web root; returning 404", relative);
    return nullptr;
  }
  entry->inode = info.st_ino;
  entry->size = info.st_size;
  entry->mtime = info.st_mtim;

  const TypeByExtension* type = FindType(relative);
  entry->content_type = type ? type->content_type : "application/octet-stream";
  entry->compressible = type && type->compressible;

  std::string gzip_path = entry->path + ".gz";
  struct stat gzip_info {};
  bool has_gzip_file = stat(gzip_path.c_str(), &gzip_info) == 0 && S_ISREG(gzip_info.st_mode) &&
                       InsideRoot(gzip_path);

  if (static_cast<uint64_t>(info.st_size) > options_.max_cached_file_bytes) {
    // Too large to keep in memory: streamed from disk, tagged by size and modification time.
    entry->etag =
        fmt::format("\"{:x}-{:x}{:09}\"", info.st_size, info.st_mtim.tv_sec, info.st_mtim.tv_nsec);
    if (has_gzip_file) {
      entry->gzip_path = gzip_path;
      entry->gzip_size = gzip_info.st_size;
      entry->gzip_etag = fmt::format("\"{:x}-{:x}{:09}-gz\"", info.st_size, info.st_mtim.tv_sec,
                                     info.st_mtim.tv_nsec);
    }
  } else {
    auto bytes = ReadFile(entry->path);
    if (!bytes) return nullptr;
    uint64_t fingerprint = Fingerprint(*bytes);
    entry->etag = fmt::format("\"{:016x}\"", fingerprint);
    entry->gzip_etag = fmt::format("\"{:016x}-gz\"", fingerprint);

    if (has_gzip_file &&
        static_cast<uint64_t>(gzip_info.st_size) <= options_.max_cached_file_bytes) {
      if (auto gzip = ReadFile(gzip_path)) {
        entry->gzip_bytes = std::make_shared<const std::string>(std::move(*gzip));
      }
    } else if (entry->compressible && bytes->size() >= kMinCompressBytes) {
      std::string gzip = GzipCompress(*bytes);
      if (gzip.size() < bytes->size()) {
        entry->gzip_bytes = std::make_shared<const std::string>(std::move(gzip));
      }
    }
    entry->bytes = std::make_shared<const std::string>(std::move(*bytes));
  }

  std::unique_lock lock(mutex_);
  auto old = cache_.find(relative);
  if (old != cache_.end()) {
    cached_bytes_ -= old->second->cost();
    cache_.erase(old);
  }
  // Evicts arbitrary entries until the new one fits. A front end has few files, so this is rare.
  while (!cache_.empty() && cached_bytes_ + entry->cost() > options_.max_cache_bytes) {
    cached_bytes_ -= cache_.begin()->second->cost();
    cache_.erase(cache_.begin());
  }
  if (cached_bytes_ + entry->cost() <= options_.max_cache_bytes) {
    cached_bytes_ += entry->cost();
    cache_.emplace(relative, entry);
  }
  return entry;
}

Response StaticFiles::Serve(const Request& request) const {
  const std::vector<std::string>& segments = request.segments();
  auto not_found = [&request] {
    return ErrorResponse(Error::NotFound(fmt::format("no file at {}", request.raw_path())));
  };
  if (!segments.empty() && segments.front() == "api") return not_found();
  if (!IsSafePath(segments)) return not_found();

  std::string relative;
  for (const std::string& segment : segments) {
    if (segment.empty()) continue;
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  if (relative.empty()) {
    relative = "index.html";
  } else if (segments.back().empty()) {
    relative += "/index.html";
  }

  bool is_directory = false;
  auto entry = Lookup(relative, is_directory);
  if (!entry && is_directory) {
    relative += "/index.html";
    entry = Lookup(relative, is_directory);
  }
  if (!entry) {
    // Client-side routes of the single-page apps have no extension, while missing files do.
    std::string_view last = segments.empty() ? std::string_view{} : segments.back();
    if (last.empty() && segments.size() >= 2) last = segments[segments.size() - 2];
    if (last.find('.') != std::string_view::npos) return not_found();
    relative =
        !segments.empty() && segments.front() == "console" ? "console/index.html" : "index.html";
    entry = Lookup(relative, is_directory);
  }
  if (!entry) return not_found();
  return Answer(request, *entry, relative);
}

Response StaticFiles::Answer(const Request& request, const Entry& entry,
                             const std::string& relative) const {
  bool has_gzip = entry.gzip_bytes || !entry.gzip_path.empty();
  bool use_gzip = has_gzip && AcceptsGzip(request.Header(beast_http::field::accept_encoding));
  const std::string& etag = use_gzip ? entry.gzip_etag : entry.etag;

  Response response(beast_http::status::ok);
  response.SetHeader(beast_http::field::etag, etag);
  response.SetHeader(beast_http::field::cache_control, IsImmutableAsset(relative)
                                                           ? "public, max-age=31536000, immutable"
                                                           : "no-cache");
  if (has_gzip || entry.compressible) {
    response.SetHeader(beast_http::field::vary, "Accept-Encoding");
  }

  if (EtagMatches(request.Header(beast_http::field::if_none_match), etag)) {
    response.SetStatus(beast_http::status::not_modified);
    return response;
  }

  response.SetHeader(beast_http::field::content_type, entry.content_type);
  if (use_gzip) response.SetHeader(beast_http::field::content_encoding, "gzip");

  std::shared_ptr<const std::string> bytes = use_gzip ? entry.gzip_bytes : entry.bytes;
  if (bytes) {
    response.body().SetShared(std::move(bytes));
    return response;
  }

  const std::string& path = use_gzip ? entry.gzip_path : entry.path;
  uint64_t size = use_gzip ? entry.gzip_size : static_cast<uint64_t>(entry.size);
  boost::beast::error_code ec;
  boost::beast::file file;
  file.open(path.c_str(), boost::beast::file_mode::scan, ec);
  if (ec) {
    spdlog::warn("static file {} could not be opened: {}", relative, ec.message());
    return ErrorResponse(Error::NotFound(fmt::format("no file at {}", request.raw_path())));
  }
  response.body().SetFile(std::move(file), size);
  return response;
}

}  // namespace mingjing::http
