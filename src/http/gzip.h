// gzip (RFC 1952) compression of response bodies with zlib.
#pragma once

#include <string>
#include <string_view>

namespace mingjing::http {

// Compresses `data` into a gzip member. `level` is zlib's 1 (fast) to 9 (small).
// Throws std::runtime_error when zlib fails, which only happens when memory runs out.
std::string GzipCompress(std::string_view data, int level = 9);

// Decompresses a gzip member; returns false on corrupt input. Used by tests and tools.
bool GzipDecompress(std::string_view data, std::string& out);

}  // namespace mingjing::http
