// Typed reads from a soci::row that work on both backends. SQLite reports an INTEGER column as
// a 32-bit int while PostgreSQL reports BIGINT as long long, and soci::row::get<T> insists on
// the exact type, so integer reads go through Int64().
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

namespace mingjing::store {

// The integer in column `i`; 0 for NULL.
int64_t Int64(const soci::row& row, std::size_t i);

// The text in column `i`; "" for NULL.
std::string Text(const soci::row& row, std::size_t i);

// The number in column `i` as a double; 0 for NULL.
double Real(const soci::row& row, std::size_t i);

}  // namespace mingjing::store
