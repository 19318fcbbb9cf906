#include "store/row.h"

namespace mingjing::store {

int64_t Int64(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(row.get<double>(i));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(i));
    default:
      throw soci::soci_error("column " + std::to_string(i) + " is not an integer");
  }
}

std::string Text(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return {};
  if (row.get_properties(i).get_data_type() != soci::dt_string) {
    return std::to_string(Int64(row, i));
  }
  return row.get<std::string>(i);
}

double Real(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return row.get<double>(i);
    case soci::dt_string:
      return std::stod(row.get<std::string>(i));
    default:
      return static_cast<double>(Int64(row, i));
  }
}

}  // namespace mingjing::store
