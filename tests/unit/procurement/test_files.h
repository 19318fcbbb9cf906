// Temporary files for the procurement tests, removed when the object goes out of scope.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <string_view>

namespace mingjing::procurement::testing {

class TempFile {
 public:
  // Creates an empty file whose name ends with `suffix`.
  explicit TempFile(std::string_view suffix);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

  void Write(std::string_view text) const;
  // Writes `text` gzip-compressed.
  void WriteGzip(std::string_view text) const;

 private:
  std::string path_;
};

// Folder of the red-flag fixtures in the shared reference data.
std::filesystem::path FixtureDirectory();

// Compares two JSON values, ignoring key order and allowing a relative difference of 1e-9 between
// numbers. On a mismatch, `where` receives the path of the first difference.
bool JsonNearlyEqual(const boost::json::value& a, const boost::json::value& b, std::string& where);

}  // namespace mingjing::procurement::testing
