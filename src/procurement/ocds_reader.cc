#include "procurement/ocds_reader.h"

#include <fmt/format.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "procurement/compressed_file.h"
#include "procurement/package_stream_parser.h"

namespace mingjing::procurement {
namespace {

constexpr size_t kChunkBytes = 1 << 20;
constexpr std::string_view kWhitespace = " \t\r\n";
constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

boost::json::parse_options ReleaseParseOptions() {
  boost::json::parse_options options;
  options.max_depth = 64;  // OCDS nests deeper than Boost.JSON's default of 32 in extensions
  return options;
}

std::string_view KindName(boost::json::kind kind) {
  switch (kind) {
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    default:
      return "a number";
  }
}

constexpr size_t kArenaBytes = 64 * 1024;

// Parses line-delimited JSON one line at a time. Each line's tree is built in a memory arena that
// lives for that line only, which is why items are only valid during the sink call.
class LineDelimitedReader {
 public:
  LineDelimitedReader(const std::string& file, const OcdsItemSink& sink,
                      const ReadIssueSink& on_issue)
      : file_(file),
        sink_(sink),
        on_issue_(on_issue),
        arena_buffer_(std::make_unique<unsigned char[]>(kArenaBytes)),
        parser_(boost::json::storage_ptr(), ReleaseParseOptions()) {}

  // Reads every complete line of `text` and returns how many bytes it used.
  size_t ReadLines(std::string_view text) {
    size_t used = 0;
    while (true) {
      const void* found = std::memchr(text.data() + used, '\n', text.size() - used);
      if (!found) return used;
      size_t end = static_cast<const char*>(found) - text.data();
      ReadLine(text.substr(used, end - used));
      used = end + 1;
    }
  }

  // Reads a last line that has no line feed after it.
  void ReadLastLine(std::string_view text) {
    if (!text.empty()) ReadLine(text);
  }

 private:
  void ReadLine(std::string_view line) {
    ++line_number_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(kWhitespace) == std::string_view::npos) return;

    // A fresh arena per line over the same buffer: Boost 1.81's monotonic_resource::release()
    // keeps doubling the size of the next block, so a reused arena soon fails with bad_alloc.
    boost::json::monotonic_resource arena(arena_buffer_.get(), kArenaBytes);
    parser_.reset(boost::json::storage_ptr(&arena));
    boost::json::error_code ec;
    size_t used = parser_.write(line.data(), line.size(), ec);
    if (ec) {
      Report(fmt::format("invalid JSON at column {}: {}; line skipped", used + 1, ec.message()));
      return;
    }

    boost::json::value value = parser_.release();
    if (!value.is_object()) {
      Report(fmt::format("expected a JSON object, found {}; line skipped", KindName(value.kind())));
      return;
    }
    DispatchOcdsObject(value.get_object(), SourceLocation{line_number_, ""}, file_, sink_,
                       on_issue_);
  }

  void Report(std::string message) {
    on_issue_(ReadIssue{file_, SourceLocation{line_number_, ""}, std::move(message)});
  }

  const std::string& file_;
  const OcdsItemSink& sink_;
  const ReadIssueSink& on_issue_;
  uint64_t line_number_ = 0;
  std::unique_ptr<unsigned char[]> arena_buffer_;
  boost::json::parser parser_;
};

// Reads more of `file` onto the end of `pending`. Returns false at the end of the file.
Result<bool> ReadMore(CompressedFile& file, std::string& pending) {
  size_t old_size = pending.size();
  pending.resize(old_size + kChunkBytes);
  auto n = file.Read(pending.data() + old_size, kChunkBytes);
  if (!n) {
    pending.resize(old_size);
    return n.error();
  }
  pending.resize(old_size + *n);
  return *n > 0;
}

bool IsIncomplete(std::string_view line) {
  boost::json::parser parser(boost::json::storage_ptr(), ReleaseParseOptions());
  boost::json::error_code ec;
  parser.write(line.data(), line.size(), ec);
  return ec == boost::json::error::incomplete;
}

bool IsCompleteObject(std::string_view line) {
  boost::json::parser parser(boost::json::storage_ptr(), ReleaseParseOptions());
  boost::json::error_code ec;
  parser.write(line.data(), line.size(), ec);
  return !ec && parser.release().is_object();
}

// Returns the next line with content at or after `pos`, and moves `pos` past it.
std::string_view NextLine(std::string_view text, size_t& pos) {
  size_t first = text.find_first_not_of(kWhitespace, pos);
  if (first == std::string_view::npos) {
    pos = text.size();
    return {};
  }
  size_t end = text.find('\n', first);
  if (end == std::string_view::npos) end = text.size();
  pos = end;
  return text.substr(first, end - first);
}

// Decides the layout from the first two lines. A top-level array is a multi-line document. So
// is an object that does not close on its first line, unless the second line is a complete
// object by itself: then the file is line-delimited and its first line is broken. A first line
// longer than the buffer is streamed as a document too, because it is likely a whole package
// written on one line, which must not be held in memory at once.
OcdsFileLayout DetectLayout(std::string_view start, bool at_end) {
  size_t pos = 0;
  std::string_view first_line = NextLine(start, pos);
  if (first_line.empty()) return OcdsFileLayout::kEmpty;
  if (first_line.front() == '[') return OcdsFileLayout::kDocument;
  if (pos == start.size() && !at_end) return OcdsFileLayout::kDocument;
  if (!IsIncomplete(first_line)) return OcdsFileLayout::kLineDelimited;

  std::string_view second_line = NextLine(start, pos);
  return IsCompleteObject(second_line) ? OcdsFileLayout::kLineDelimited : OcdsFileLayout::kDocument;
}

// Reads until the buffer contains the first two lines with content, or one chunk, or the whole
// file. Returns false at the end of the file.
Result<bool> ReadFirstLines(CompressedFile& file, std::string& pending) {
  while (true) {
    size_t pos = 0;
    NextLine(pending, pos);
    NextLine(pending, pos);
    // Either the second line ends with a line feed, or the buffer is full enough to decide.
    if (pos < pending.size() || pending.size() >= kChunkBytes) return true;
    auto more = ReadMore(file, pending);
    if (!more) return more.error();
    if (!*more) return false;
  }
}

Result<OcdsFileLayout> ReadLineDelimited(CompressedFile& file, std::string& pending,
                                         const OcdsItemSink& sink, const ReadIssueSink& on_issue) {
  LineDelimitedReader reader(file.path(), sink, on_issue);
  while (true) {
    size_t used = reader.ReadLines(pending);
    pending.erase(0, used);
    auto more = ReadMore(file, pending);
    if (!more) return more.error();
    if (!*more) break;
  }
  reader.ReadLastLine(pending);
  return OcdsFileLayout::kLineDelimited;
}

Result<OcdsFileLayout> ReadDocument(CompressedFile& file, std::string& pending,
                                    const OcdsItemSink& sink, const ReadIssueSink& on_issue) {
  PackageStreamParser parser(file.path(), sink, on_issue);
  while (true) {
    if (auto error = parser.Write(pending)) return *error;
    pending.clear();
    auto more = ReadMore(file, pending);
    if (!more) return more.error();
    if (!*more) break;
  }
  if (auto error = parser.Finish()) return *error;
  return OcdsFileLayout::kDocument;
}

}  // namespace

Result<OcdsFileLayout> ReadOcdsFile(const std::string& path, const OcdsItemSink& sink,
                                    const ReadIssueSink& on_issue,
                                    const ReadProgressSink& on_progress) {
  auto file = CompressedFile::Open(path);
  if (!file) return file.error();
  if (on_progress) file->SetReadProgress(on_progress);

  std::string pending;
  auto has_more = ReadFirstLines(*file, pending);
  if (!has_more) return has_more.error();
  if (std::string_view(pending).starts_with(kUtf8ByteOrderMark)) {
    pending.erase(0, kUtf8ByteOrderMark.size());
  }

  switch (DetectLayout(pending, !*has_more)) {
    case OcdsFileLayout::kEmpty:
      return OcdsFileLayout::kEmpty;
    case OcdsFileLayout::kDocument:
      return ReadDocument(*file, pending, sink, on_issue);
    case OcdsFileLayout::kLineDelimited:
      break;
  }
  return ReadLineDelimited(*file, pending, sink, on_issue);
}

}  // namespace mingjing::procurement
