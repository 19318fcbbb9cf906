// Progress of a long import on standard error: a bar redrawn in place when standard error is a
// terminal, otherwise a plain count line now and then, so that logs of scripted runs stay
// readable.
#pragma once

#include <cstdint>
#include <string>

namespace mingjing::app {

class ImportProgress {
 public:
  // `total_bytes` is the size of the input file, 0 when unknown (standard input): then the bar
  // shows only the count.
  explicit ImportProgress(uint64_t total_bytes);

  // Records `bytes_read` of the file and redraws the bar when its whole percentage changed.
  void SetBytesRead(uint64_t bytes_read);

  // Records `items` read so far. On a terminal, redraws every `kRedrawStep` items; without one,
  // prints a count line each time another `kCountStep` items are done.
  void SetItems(int64_t items);

  // Prints `line` (one message, no line feed) without tearing the bar.
  void PrintLine(const std::string& line);

  // Draws the final state and ends the bar's line.
  void Finish();

 private:
  static constexpr int64_t kRedrawStep = 1'000;
  static constexpr int64_t kCountStep = 10'000;

  void Draw();

  bool terminal_ = false;
  uint64_t total_bytes_ = 0;
  uint64_t bytes_read_ = 0;
  int64_t items_ = 0;
  int64_t last_count_printed_ = 0;
  int last_percent_ = -1;
};

}  // namespace mingjing::app
