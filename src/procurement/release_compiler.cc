#include "procurement/release_compiler.h"

#include <boost/json/array.hpp>

#include "procurement/release_merger.h"

namespace mingjing::procurement {
namespace {

// An individual release carries a tag without "compiled". Data that has no tag at all is taken
// to be compiled already: red-flag tools publish compiled releases without tags.
bool IsIndividualRelease(const boost::json::object& release) {
  auto it = release.find("tag");
  if (it == release.end()) return false;
  const boost::json::array* tags = it->value().if_array();
  if (!tags) return false;
  for (const boost::json::value& tag : *tags) {
    if (tag.is_string() && tag.get_string() == "compiled") return false;
  }
  return true;
}

}  // namespace

ReleaseCompiler::ReleaseCompiler(std::string file, CompiledSink sink, ReadIssueSink on_issue)
    : file_(std::move(file)), sink_(std::move(sink)), on_issue_(std::move(on_issue)) {}

void ReleaseCompiler::Add(OcdsItemKind kind, const boost::json::object& item,
                          const SourceLocation& location) {
  if (kind == OcdsItemKind::kRecord) {
    AddRecord(item, location);
  } else {
    AddRelease(item, location);
  }
}

void ReleaseCompiler::AddRelease(const boost::json::object& release,
                                 const SourceLocation& location) {
  auto ocid = release.find("ocid");
  // A release without a string ocid cannot be grouped; the indicators exclude it anyway.
  if (!IsIndividualRelease(release) || ocid == release.end() || !ocid->value().is_string()) {
    sink_(release);
    return;
  }

  std::string key(ocid->value().get_string());
  auto [it, inserted] = held_.try_emplace(key);
  if (inserted) ocid_order_.push_back(key);
  // The reader's item lives in a per-line arena, so the held copy takes the default allocator.
  it->second.emplace_back(release, boost::json::storage_ptr());
  ++held_count_;
}

void ReleaseCompiler::AddRecord(const boost::json::object& record, const SourceLocation& location) {
  if (auto it = record.find("compiledRelease"); it != record.end() && it->value().is_object()) {
    sink_(it->value().get_object());
    return;
  }

  std::vector<const boost::json::object*> releases;
  if (auto it = record.find("releases"); it != record.end() && it->value().is_array()) {
    for (const boost::json::value& release : it->value().get_array()) {
      const boost::json::object* object = release.if_object();
      // A linked release has only `url`, `date` and `tag`, and nothing to merge.
      if (object && object->contains("ocid")) releases.push_back(object);
    }
  }
  if (releases.empty()) {
    on_issue_(ReadIssue{file_, location,
                        "record has no compiledRelease and no embedded releases (linked "
                        "releases cannot be fetched); skipped"});
    return;
  }
  sink_(MergeReleases(releases));
}

void ReleaseCompiler::Finish() {
  for (const std::string& ocid : ocid_order_) {
    std::vector<boost::json::object>& group = held_[ocid];
    std::vector<const boost::json::object*> releases;
    releases.reserve(group.size());
    for (const boost::json::object& release : group) releases.push_back(&release);
    sink_(MergeReleases(releases));
    held_count_ -= group.size();
    group.clear();
    group.shrink_to_fit();
  }
  held_.clear();
  ocid_order_.clear();
}

}  // namespace mingjing::procurement
