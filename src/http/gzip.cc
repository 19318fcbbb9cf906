#include "http/gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace mingjing::http {

namespace {

// windowBits 15 selects the largest window; adding 16 asks zlib for a gzip header and trailer.
constexpr int kGzipWindowBits = 15 + 16;

}  // namespace

std::string GzipCompress(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib deflateInit2 failed");
  }
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());

  // deflateBound() guarantees room for the whole stream, so one Z_FINISH call completes it.
  int status = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (status != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  out.resize(zs.total_out);
  return out;
}

bool GzipDecompress(std::string_view data, std::string& out) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());

  out.clear();
  char chunk[16384];
  int status = Z_OK;
  while (status == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof(chunk);
    status = inflate(&zs, Z_NO_FLUSH);
    if (status == Z_OK || status == Z_STREAM_END) out.append(chunk, sizeof(chunk) - zs.avail_out);
  }
  inflateEnd(&zs);
  return status == Z_STREAM_END;
}

}  // namespace mingjing::http
