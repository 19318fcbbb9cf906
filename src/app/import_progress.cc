#include "app/import_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace mingjing::app {
namespace {

constexpr int kBarWidth = 40;

}  // namespace

ImportProgress::ImportProgress(uint64_t total_bytes)
    : terminal_(::isatty(STDERR_FILENO) == 1), total_bytes_(total_bytes) {}

void ImportProgress::SetBytesRead(uint64_t bytes_read) {
  bytes_read_ = bytes_read;
  if (!terminal_ || total_bytes_ == 0) return;
  int percent = static_cast<int>(std::min<uint64_t>(100, bytes_read_ * 100 / total_bytes_));
  if (percent == last_percent_) return;
  last_percent_ = percent;
  Draw();
}

void ImportProgress::SetItems(int64_t items) {
  items_ = items;
  if (terminal_) {
    if (items_ % kRedrawStep == 0) Draw();
    return;
  }
  if (items_ - last_count_printed_ >= kCountStep) {
    last_count_printed_ = items_;
    fmt::print(stderr, "{} releases read\n", items_);
  }
}

void ImportProgress::PrintLine(const std::string& line) {
  if (terminal_) fmt::print(stderr, "\r\033[K");
  fmt::print(stderr, "{}\n", line);
  if (terminal_) Draw();
}

void ImportProgress::Finish() {
  if (!terminal_) return;
  if (total_bytes_ != 0) bytes_read_ = total_bytes_;
  last_percent_ = 100;
  Draw();
  fmt::print(stderr, "\n");
}

void ImportProgress::Draw() {
  if (total_bytes_ == 0) {
    fmt::print(stderr, "\r\033[K{} releases read", items_);
  } else {
    int percent = static_cast<int>(std::min<uint64_t>(100, bytes_read_ * 100 / total_bytes_));
    int filled = percent * kBarWidth / 100;
    fmt::print(stderr, "\r\033[K[{}{}] {:3}% {} releases read", std::string(filled, '#'),
               std::string(kBarWidth - filled, '.'), percent, items_);
  }
  std::fflush(stderr);
}

}  // namespace mingjing::app
