#include "procurement/package_stream_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

namespace mingjing::procurement {
namespace {

const boost::json::array* FindArray(const boost::json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : it->value().if_array();
}

std::string JoinPath(const std::string& prefix, std::string_view name, size_t index) {
  std::string element = fmt::format("{}[{}]", name, index);
  return prefix.empty() ? element : prefix + "." + element;
}

// Passes each element of a package array to `sink` as `kind`.
void DispatchPackageArray(const boost::json::array& items, OcdsItemKind kind, std::string_view name,
                          const SourceLocation& location, const std::string& file,
                          const OcdsItemSink& sink, const ReadIssueSink& on_issue) {
  for (size_t i = 0; i < items.size(); ++i) {
    SourceLocation element{location.line, JoinPath(location.path, name, i)};
    if (const boost::json::object* object = items[i].if_object()) {
      sink(kind, *object, element);
    } else {
      on_issue(ReadIssue{file, element, "expected a JSON object; skipped"});
    }
  }
}

}  // namespace

void DispatchOcdsObject(const boost::json::object& object, SourceLocation location,
                        const std::string& file, const OcdsItemSink& sink,
                        const ReadIssueSink& on_issue) {
  if (const boost::json::array* records = FindArray(object, "records")) {
    DispatchPackageArray(*records, OcdsItemKind::kRecord, "records", location, file, sink,
                         on_issue);
    return;
  }
  // A record also has `releases`, but unlike a release package it has an `ocid`.
  const boost::json::array* releases = FindArray(object, "releases");
  bool is_record = object.contains("compiledRelease") || (releases && object.contains("ocid"));
  if (is_record) {
    sink(OcdsItemKind::kRecord, object, location);
  } else if (releases) {
    DispatchPackageArray(*releases, OcdsItemKind::kRelease, "releases", location, file, sink,
                         on_issue);
  } else {
    sink(OcdsItemKind::kRelease, object, location);
  }
}

// Receives Boost.JSON's parse events. Each element of a package's `releases` or `records` array
// (or of a top-level array) is built alone on `element_` and handed on as soon as it closes.
// Everything else at the top level is built on `top_`, so that a document which turns out not to
// be a package can still be read as a single release or record.
class PackageStreamParser::Handler {
 public:
  static constexpr size_t max_object_size = boost::json::object::max_size();
  static constexpr size_t max_array_size = boost::json::array::max_size();
  static constexpr size_t max_key_size = boost::json::string::max_size();
  static constexpr size_t max_string_size = boost::json::string::max_size();

  Handler(std::string file, OcdsItemSink sink, ReadIssueSink on_issue)
      : file_(std::move(file)), sink_(std::move(sink)), on_issue_(std::move(on_issue)) {}

  // Line at which the current document started; the parser cannot report per-element lines.
  void set_document_line(uint64_t line) { document_line_ = line; }

  bool on_document_begin(boost::json::error_code&) {
    depth_ = 0;
    stream_depth_ = 0;
    in_element_ = false;
    top_is_object_ = false;
    saw_package_array_ = false;
    top_key_.clear();
    top_key_complete_ = false;
    return true;
  }

  bool on_document_end(boost::json::error_code&) { return true; }

  bool on_object_begin(boost::json::error_code&) {
    if (depth_ == 0) {
      top_is_object_ = true;
      top_.reset();
    } else {
      BeginElementIfDue();
    }
    ++depth_;
    return true;
  }

  bool on_object_end(size_t n, boost::json::error_code&) {
    --depth_;
    if (in_element_) {
      element_.push_object(n);
      if (depth_ == stream_depth_) EndElement();
    } else if (top_is_object_) {
      top_.push_object(n);
      if (depth_ == 0) EndTopObject();
    }
    return true;
  }

  bool on_array_begin(boost::json::error_code&) {
    if (depth_ == 0) {
      StartPackageArray(1, std::nullopt, "");
    } else if (depth_ == 1 && top_is_object_ && !in_element_ &&
               (top_key_ == "releases" || top_key_ == "records")) {
      OcdsItemKind kind = top_key_ == "records" ? OcdsItemKind::kRecord : OcdsItemKind::kRelease;
      StartPackageArray(2, kind, top_key_);
      saw_package_array_ = true;
    } else {
      BeginElementIfDue();
    }
    ++depth_;
    return true;
  }

  bool on_array_end(size_t n, boost::json::error_code&) {
    --depth_;
    if (in_element_) {
      element_.push_array(n);
      if (depth_ == stream_depth_) EndElement();
    } else if (stream_depth_ != 0 && depth_ == stream_depth_ - 1) {
      // The package array itself has closed. Its elements were handed on already, so the top
      // object keeps an empty array in its place.
      stream_depth_ = 0;
      if (top_is_object_) top_.push_array(0);
    } else if (top_is_object_) {
      top_.push_array(n);
    }
    return true;
  }

  bool on_key_part(boost::json::string_view s, size_t, boost::json::error_code&) {
    if (IsTopKey()) AppendTopKey(s);
    Stack().push_chars(s);
    return true;
  }

  bool on_key(boost::json::string_view s, size_t, boost::json::error_code&) {
    if (IsTopKey()) {
      AppendTopKey(s);
      top_key_complete_ = true;
    }
    Stack().push_key(s);
    return true;
  }

  bool on_string_part(boost::json::string_view s, size_t, boost::json::error_code&) {
    if (!ScalarElement()) Stack().push_chars(s);
    return true;
  }

  bool on_string(boost::json::string_view s, size_t, boost::json::error_code&) {
    if (ScalarElement()) return SkipScalarElement();
    Stack().push_string(s);
    return true;
  }

  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }

  bool on_int64(int64_t i, boost::json::string_view, boost::json::error_code&) {
    if (ScalarElement()) return SkipScalarElement();
    Stack().push_int64(i);
    return true;
  }

  bool on_uint64(uint64_t u, boost::json::string_view, boost::json::error_code&) {
    if (ScalarElement()) return SkipScalarElement();
    Stack().push_uint64(u);
    return true;
  }

  bool on_double(double d, boost::json::string_view, boost::json::error_code&) {
    if (ScalarElement()) return SkipScalarElement();
    Stack().push_double(d);
    return true;
  }

  bool on_bool(bool b, boost::json::error_code&) {
    if (ScalarElement()) return SkipScalarElement();
    Stack().push_bool(b);
    return true;
  }

  bool on_null(boost::json::error_code&) {
    if (ScalarElement()) return SkipScalarElement();
    Stack().push_null();
    return true;
  }

  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  // The stack that receives the current event. A top-level scalar goes to top_ and is reported
  // as an issue when its document ends.
  boost::json::value_stack& Stack() { return in_element_ ? element_ : top_; }

  bool IsTopKey() const { return top_is_object_ && !in_element_ && depth_ == 1; }

  // A scalar directly inside a package array, or a whole document that is a scalar.
  bool ScalarElement() const {
    return (stream_depth_ != 0 && depth_ == stream_depth_ && !in_element_) || depth_ == 0;
  }

  bool SkipScalarElement() {
    if (depth_ == 0) {
      on_issue_(ReadIssue{file_,
                          {document_line_, ""},
                          "expected a JSON object or array at the top level; skipped"});
      return true;
    }
    SourceLocation location{document_line_, ElementPath()};
    ++element_index_;
    on_issue_(ReadIssue{file_, location, "expected a JSON object; skipped"});
    return true;
  }

  // Boost.JSON may hand a long key over in parts.
  void AppendTopKey(boost::json::string_view part) {
    if (top_key_complete_) {
      top_key_.clear();
      top_key_complete_ = false;
    }
    top_key_.append(part.data(), part.size());
  }

  void StartPackageArray(size_t depth, std::optional<OcdsItemKind> kind, std::string name) {
    stream_depth_ = depth;
    stream_kind_ = kind;
    stream_name_ = std::move(name);
    element_index_ = 0;
  }

  void BeginElementIfDue() {
    if (stream_depth_ != 0 && depth_ == stream_depth_ && !in_element_) {
      in_element_ = true;
      element_.reset();
    }
  }

  std::string ElementPath() const { return fmt::format("{}[{}]", stream_name_, element_index_); }

  void EndElement() {
    in_element_ = false;
    boost::json::value element = element_.release();
    SourceLocation location{document_line_, ElementPath()};
    ++element_index_;

    const boost::json::object* object = element.if_object();
    if (!object) {
      on_issue_(ReadIssue{file_, location, "expected a JSON object; skipped"});
    } else if (stream_kind_) {
      sink_(*stream_kind_, *object, location);
    } else {
      DispatchOcdsObject(*object, location, file_, sink_, on_issue_);
    }
  }

  void EndTopObject() {
    boost::json::value top = top_.release();
    top_is_object_ = false;
    // A package's releases or records were handed on already; the rest is package metadata.
    if (saw_package_array_) return;
    DispatchOcdsObject(top.get_object(), SourceLocation{document_line_, ""}, file_, sink_,
                       on_issue_);
  }

  std::string file_;
  OcdsItemSink sink_;
  ReadIssueSink on_issue_;
  uint64_t document_line_ = 1;

  size_t depth_ = 0;                         // containers open around the next event
  size_t stream_depth_ = 0;                  // depth inside the package array, 0 when not in one
  std::optional<OcdsItemKind> stream_kind_;  // empty for a top-level array: decided per element
  std::string stream_name_;                  // "releases", "records" or "" for a top-level array
  size_t element_index_ = 0;
  bool in_element_ = false;
  bool top_is_object_ = false;
  bool saw_package_array_ = false;
  std::string top_key_;  // the last key read at depth 1 of the top object
  bool top_key_complete_ = false;
  boost::json::value_stack top_;
  boost::json::value_stack element_;
};

struct PackageStreamParser::State {
  State(std::string file, OcdsItemSink sink, ReadIssueSink on_issue)
      : file(file), parser(Options(), std::move(file), std::move(sink), std::move(on_issue)) {}

  static boost::json::parse_options Options() {
    boost::json::parse_options options;
    // Packages add two levels above a release's own nesting.
    options.max_depth = 64;
    return options;
  }

  std::string file;
  boost::json::basic_parser<Handler> parser;
  uint64_t line = 1;         // line of the next byte to parse
  bool in_document = false;  // bytes of an unfinished document have been parsed
};

PackageStreamParser::PackageStreamParser(std::string file, OcdsItemSink sink,
                                         ReadIssueSink on_issue)
    : state_(std::make_unique<State>(std::move(file), std::move(sink), std::move(on_issue))) {}

PackageStreamParser::~PackageStreamParser() = default;

std::optional<Error> PackageStreamParser::Write(std::string_view bytes) {
  State& s = *state_;
  while (!bytes.empty()) {
    if (!s.in_document) {
      // Whitespace between documents is not handed to the parser, so that the end of the input
      // after a complete document is not taken for an unfinished one.
      size_t start = bytes.find_first_not_of(" \t\r\n");
      s.line += std::count(bytes.begin(), bytes.begin() + std::min(start, bytes.size()), '\n');
      if (start == std::string_view::npos) return std::nullopt;
      bytes.remove_prefix(start);
      s.parser.handler().set_document_line(s.line);
      s.in_document = true;
    }

    boost::json::error_code ec;
    size_t used = s.parser.write_some(true, bytes.data(), bytes.size(), ec);
    s.line += std::count(bytes.begin(), bytes.begin() + used, '\n');
    if (ec) {
      return Error{
          ErrorCode::kMalformed,
          fmt::format("{}:{}: invalid JSON: {}; reading stopped", s.file, s.line, ec.message()),
          fmt::format("{}:{}", s.file, s.line)};
    }
    bytes.remove_prefix(used);
    if (s.parser.done()) {
      s.parser.reset();
      s.in_document = false;
    }
  }
  return std::nullopt;
}

std::optional<Error> PackageStreamParser::Finish() {
  State& s = *state_;
  if (!s.in_document) return std::nullopt;
  boost::json::error_code ec;
  s.parser.write_some(false, nullptr, 0, ec);
  if (ec) {
    return Error{
        ErrorCode::kMalformed,
        fmt::format("{}:{}: invalid JSON at the end of the file: {}", s.file, s.line, ec.message()),
        fmt::format("{}:{}", s.file, s.line)};
  }
  s.in_document = false;
  return std::nullopt;
}

}  // namespace mingjing::procurement
