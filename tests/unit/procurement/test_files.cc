#include "test_files.h"

#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace mingjing::procurement::testing {

TempFile::TempFile(std::string_view suffix) {
  static std::atomic<int> counter{0};
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  path_ = (dir / ("mingjing_procurement_" + std::to_string(::getpid()) + "_" +
                  std::to_string(counter++) + std::string(suffix)))
              .string();
  Write("");
}

TempFile::~TempFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void TempFile::Write(std::string_view text) const {
  std::ofstream out(path_, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path_);
}

void TempFile::WriteGzip(std::string_view text) const {
  gzFile file = gzopen(path_.c_str(), "wb");
  if (!file) throw std::runtime_error("cannot open " + path_);
  int written = gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
  gzclose(file);
  if (written != static_cast<int>(text.size())) throw std::runtime_error("cannot write " + path_);
}

std::filesystem::path FixtureDirectory() {
  return std::filesystem::path(MINGJING_SHARED_DATA) / "ocds-red-flags" / "fixtures";
}

namespace {

bool NumbersNearlyEqual(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

bool JsonNearlyEqual(const boost::json::value& a, const boost::json::value& b, std::string& where) {
  if (a.is_number() && b.is_number()) {
    if (NumbersNearlyEqual(a.to_number<double>(), b.to_number<double>())) return true;
    where += " (number)";
    return false;
  }
  if (a.kind() != b.kind()) {
    where += " (kind)";
    return false;
  }
  if (a.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) {
      where += " (key count)";
      return false;
    }
    for (const auto& field : x) {
      auto it = y.find(field.key());
      std::string path = where + "/" + std::string(field.key());
      if (it == y.end()) {
        where = path + " (missing)";
        return false;
      }
      if (!JsonNearlyEqual(field.value(), it->value(), path)) {
        where = path;
        return false;
      }
    }
    return true;
  }
  if (a.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    if (x.size() != y.size()) {
      where += " (length)";
      return false;
    }
    for (size_t i = 0; i < x.size(); ++i) {
      std::string path = where + "/" + std::to_string(i);
      if (!JsonNearlyEqual(x[i], y[i], path)) {
        where = path;
        return false;
      }
    }
    return true;
  }
  return a == b;
}

}  // namespace mingjing::procurement::testing
