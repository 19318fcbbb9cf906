#include "procurement/compressed_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstring>

namespace mingjing::procurement {
namespace {

constexpr unsigned kZlibBufferBytes = 256 * 1024;

gzFile AsGzFile(void* handle) { return static_cast<gzFile>(handle); }

}  // namespace

Result<CompressedFile> CompressedFile::Open(const std::string& path) {
  if (path != "-") {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      return Error::NotFound(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
    }
    if (S_ISDIR(info.st_mode)) {
      return Error::InvalidField("FILE", fmt::format("'{}' is a directory, not a file", path));
    }
  }

  // gzdopen takes ownership of the descriptor, so standard input is duplicated first.
  int fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Error::NotFound(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  }
  gzFile handle = ::gzdopen(fd, "rb");
  if (handle == nullptr) {
    ::close(fd);
    return Error::Internal(fmt::format("cannot open '{}': zlib could not allocate a stream", path));
  }
  ::gzbuffer(handle, kZlibBufferBytes);
  return CompressedFile(handle, path);
}

CompressedFile::CompressedFile(CompressedFile&& other) noexcept
    : handle_(other.handle_), path_(std::move(other.path_)), on_read_(std::move(other.on_read_)) {
  other.handle_ = nullptr;
}

CompressedFile& CompressedFile::operator=(CompressedFile&& other) noexcept {
  if (this != &other) {
    if (handle_) ::gzclose(AsGzFile(handle_));
    handle_ = other.handle_;
    path_ = std::move(other.path_);
    on_read_ = std::move(other.on_read_);
    other.handle_ = nullptr;
  }
  return *this;
}

CompressedFile::~CompressedFile() {
  if (handle_) ::gzclose(AsGzFile(handle_));
}

uint64_t CompressedFile::InputOffset() const {
  z_off_t offset = ::gzoffset(AsGzFile(handle_));
  return offset < 0 ? 0 : static_cast<uint64_t>(offset);
}

Result<size_t> CompressedFile::Read(char* buffer, size_t size) {
  unsigned request = size > UINT_MAX ? UINT_MAX : static_cast<unsigned>(size);
  int n = ::gzread(AsGzFile(handle_), buffer, request);
  if (n < 0) {
    int code = Z_OK;
    const char* message = ::gzerror(AsGzFile(handle_), &code);
    if (code == Z_ERRNO) message = std::strerror(errno);
    return Error{ErrorCode::kMalformed, fmt::format("cannot read '{}': {}", path_, message), path_};
  }
  if (n == 0) {
    // zlib reports a gzip stream cut short only through the error state after the last read.
    int code = Z_OK;
    ::gzerror(AsGzFile(handle_), &code);
    if (code == Z_BUF_ERROR) {
      return Error{
          ErrorCode::kMalformed,
          fmt::format("cannot read '{}': the gzip data ends early (truncated file?)", path_),
          path_};
    }
  }
  if (on_read_) on_read_(InputOffset());
  return static_cast<size_t>(n);
}

}  // namespace mingjing::procurement
