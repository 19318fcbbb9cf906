// Sequential reading of a file that may be gzip-compressed. zlib detects the gzip header and reads
// any other file unchanged, so callers need not know which they have.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
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

  // Bytes of the file itself consumed so far: compressed bytes for a gzip file. zlib reads ahead
  // in buffers, so the count grows in steps of the buffer size.
  uint64_t InputOffset() const;

  // Calls `on_read` with InputOffset() after every successful Read().
  void SetReadProgress(std::function<void(uint64_t)> on_read) { on_read_ = std::move(on_read); }

  const std::string& path() const { return path_; }

 private:
  CompressedFile(void* handle, std::string path) : handle_(handle), path_(std::move(path)) {}

  void* handle_ = nullptr;  // gzFile, kept opaque so that callers need not include zlib.h
  std::string path_;
  std::function<void(uint64_t)> on_read_;
};

}  // namespace mingjing::procurement
