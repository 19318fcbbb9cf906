// Sequential reading of a file that may be gzip-compressed. zlib detects the gzip header and reads
// any other file unchanged, so callers need not know which they have.
#pragma once

#include <cstddef>
#include <string>

#include "common/error.h"

namespace mingjing::procurement {

class CompressedFile {
 public:
  // Opens `path`, or standard input when `path` is "-".
  static Result<CompressedFile> Open(const std::string& path);

  CompressedFile(CompressedFile&& other) noexcept;
  CompressedFile& operator=(CompressedFile&& other) noexcept;
  CompressedFile(const CompressedFile&) = delete;
  CompressedFile& operator=(const CompressedFile&) = delete;
  ~CompressedFile();

  // Reads up to `size` decompressed bytes into `buffer`; returns 0 at the end of the file. A
  // corrupt or truncated gzip stream is an error.
  Result<size_t> Read(char* buffer, size_t size);

  const std::string& path() const { return path_; }

 private:
  CompressedFile(void* handle, std::string path) : handle_(handle), path_(std::move(path)) {}

  void* handle_ = nullptr;  // gzFile, kept opaque so that callers need not include zlib.h
  std::string path_;
};

}  // namespace mingjing::procurement
