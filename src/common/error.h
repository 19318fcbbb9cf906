// Expected failures as values: bad input, not found, conflict and the like. The HTTP layer maps
// each ErrorCode to one status and to the JSON shape {"error":{"code","message","field"}}.
#pragma once

#include <boost/system/result.hpp>
#include <string>
#include <string_view>

namespace mingjing {

enum class ErrorCode {
  kInvalidField,      // 400: a value failed validation; `field` names it
  kMalformed,         // 400: the request body or a file could not be parsed
  kUnauthenticated,   // 401
  kForbidden,         // 403
  kNotFound,          // 404, also for records outside the caller's region
  kMethodNotAllowed,  // 405
  kConflict,          // 409: the state does not allow the change, or a duplicate
  kTooLarge,          // 413
  kRateLimited,       // 429
  kUnavailable,       // 503: a store or gateway is down
  kInternal,          // 500: a bug or an unexpected store failure
};

// Stable machine-readable name of a code, e.g. "invalid_field".
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;  // dotted path of the offending input value, empty when none

  static Error InvalidField(std::string field, std::string message);
  static Error NotFound(std::string message);
  static Error Conflict(std::string message);
  static Error Forbidden(std::string message);
  static Error Internal(std::string message);
};

// Thrown only when code calls .value() on a failed Result; handlers should test first.
struct ErrorException : std::exception {
  explicit ErrorException(Error e) : error(std::move(e)) {}
  const char* what() const noexcept override { return error.message.c_str(); }
  Error error;
};

// Found by argument-dependent lookup when boost::system::result<T, Error>::value() fails.
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;

// The value of `result`, or `fallback` when it contains an error.
template <class T>
T ValueOr(Result<T> result, T fallback) {
  return result ? std::move(*result) : std::move(fallback);
}

}  // namespace mingjing
