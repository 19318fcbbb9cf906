// Validation of incoming events. Every bad field is reported, not only the first, each with a
// dotted path such as `events[3].occurred_at` and a message that says how to fix it.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/event.h"

namespace mingjing::exchange {

struct FieldError {
  std::string field;  // dotted path, e.g. "events[3].amount_fen"
  std::string message;
};

struct ValidatedEvent {
  std::optional<Event> event;  // set when `errors` is empty
  std::vector<FieldError> errors;
};

// Checks one event against the schema and builds its canonical payload. `path` prefixes every
// field name in errors ("events[3]" gives "events[3].case_number"). `now` (Unix seconds) bounds
// occurred_at from above.
ValidatedEvent ValidateEvent(const boost::json::value& value, std::string_view path, int64_t now);

// Canonical JSON text of `value`: object keys sorted by their UTF-8 bytes at every depth, no
// whitespace. Two events with the same fields and values give the same text.
std::string CanonicalJson(const boost::json::value& value);

// Bounds of the query code (查询码) that a `submitted` event may carry: the code printed on the
// applicant's receipt, with which anyone holding the receipt may look up the case's progress.
inline constexpr size_t kMinQueryCodeBytes = 6;
inline constexpr int64_t kMaxQueryCodeBytes = 32;

// Hex SM3 of the query code, salted with the case number so that equal codes of two cases differ.
// NOTE: a short code can be found from its hash by trying every code; the lookup's rate limit
// protects only the online route, so the hashes must stay as private as the rest of the store.
std::string HashQueryCode(std::string_view case_number, std::string_view query_code);

// Hex SM3 of the applicant's name with a fixed domain prefix.
// NOTE: an unkeyed hash of a short name can be reversed by trying common names; a keyed hash
// needs a platform secret that the configuration does not have yet.
std::string HashApplicantName(std::string_view name);

}  // namespace mingjing::exchange
