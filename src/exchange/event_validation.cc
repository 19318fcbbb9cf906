#include "exchange/event_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <span>

#include "catalog/service_item.h"
#include "crypto/encoding.h"
#include "crypto/sm3.h"
#include "org/division_code.h"

namespace mingjing::exchange {
namespace {

namespace json = boost::json;

enum class Kind { kText, kIdentifier, kWholeNumber, kChoice, kTime, kObject };

struct FieldSpec {
  std::string_view name;
  Kind kind;
  int64_t max = 0;  // bytes for text, the upper bound for whole numbers
  int64_t min = 0;  // the lower bound for whole numbers
  std::span<const std::string_view> choices = {};
};

constexpr std::string_view kEventTypeNames[] = {
    "submitted",     "pre_accepted", "accepted", "not_accepted", "step_started",
    "step_finished", "suspended",    "resumed",  "fee_charged",  "returned",
    "completed",     "correction",   "deleted"};

// One trillion fen (ten billion yuan) is far above any administrative fee and below 2^53, so the
// amount survives a JSON reader that parses numbers as doubles.
constexpr int64_t kMaxAmountFen = 1'000'000'000'000;

constexpr FieldSpec kFields[] = {
    {"event_id", Kind::kIdentifier, 128},
    {"event_type", Kind::kChoice, 0, 0, kEventTypeNames},
    {"case_number", Kind::kText, 64},
    {"item_code", Kind::kIdentifier, 64},
    {"item_type", Kind::kText, 64},
    {"division_code", Kind::kText, 12},
    {"department_code", Kind::kIdentifier, 64},
    {"department_id", Kind::kWholeNumber, INT64_MAX, 1},
    {"occurred_at", Kind::kTime},
    {"operator", Kind::kText, 64},
    {"applicant_name", Kind::kText, 200},
    {"query_code", Kind::kIdentifier, kMaxQueryCodeBytes},
    {"note", Kind::kText, 1000},
    {"reason", Kind::kText, 1000},
    {"step_code", Kind::kText, 64},
    {"step_name", Kind::kText, 200},
    {"handler", Kind::kText, 64},
    {"opinion", Kind::kText, 2000},
    {"reason_code", Kind::kChoice, 0, 0, kSuspensionReasons},
    {"days", Kind::kWholeNumber, 3650, 1},
    {"amount_fen", Kind::kWholeNumber, kMaxAmountFen, 1},
    {"receipt_number", Kind::kText, 64},
    {"to_step", Kind::kText, 64},
    {"outcome", Kind::kChoice, 0, 0, kOutcomes},
    {"result_document_number", Kind::kText, 128},
    {"corrects_event_id", Kind::kIdentifier, 128},
    {"values", Kind::kObject},
    {"deletes_event_id", Kind::kIdentifier, 128},
};

const FieldSpec* FindSpec(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// Fields every event carries. department_code and department_id are checked together.
constexpr std::string_view kCommonRequired[] = {"event_id",    "event_type", "case_number",
                                                "item_code",   "item_type",  "division_code",
                                                "occurred_at", "operator"};

struct TypeFields {
  EventType type;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
};

const std::vector<TypeFields>& FieldsByType() {
  static const std::vector<TypeFields> table = {
      {EventType::kSubmitted, {}, {"applicant_name", "query_code", "note"}},
      {EventType::kPreAccepted, {}, {"note"}},
      {EventType::kAccepted, {}, {"note"}},
      {EventType::kNotAccepted, {"reason"}, {}},
      {EventType::kStepStarted, {"step_code", "handler"}, {"step_name"}},
      {EventType::kStepFinished, {"step_code", "handler"}, {"step_name", "opinion"}},
      {EventType::kSuspended, {"reason_code", "days"}, {"note"}},
      {EventType::kResumed, {"reason_code"}, {"note"}},
      {EventType::kFeeCharged, {"amount_fen", "receipt_number"}, {}},
      {EventType::kReturned, {"to_step"}, {"reason", "reason_code"}},
      {EventType::kCompleted, {"outcome"}, {"result_document_number"}},
      {EventType::kCorrection, {"corrects_event_id", "values"}, {}},
      {EventType::kDeleted, {"deletes_event_id"}, {"reason"}},
  };
  return table;
}

const TypeFields& FieldsOf(EventType type) {
  for (const TypeFields& t : FieldsByType()) {
    if (t.type == type) return t;
  }
  return FieldsByType().front();
}

// Fields a correction may change: everything but the identity of the event and of its case,
// and the fields of correction and deleted events themselves.
bool CorrectableField(std::string_view name) {
  static constexpr std::string_view kFixed[] = {
      "event_id",      "event_type", "case_number",       "item_code",       "item_type",
      "division_code", "values",     "corrects_event_id", "deletes_event_id"};
  return FindSpec(name) != nullptr &&
         std::find(std::begin(kFixed), std::end(kFixed), name) == std::end(kFixed);
}

bool IsIdentifierChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':' || c == '/';
}

constexpr int64_t kEarliestEventTime = 946'656'000;  // 2000-01-01T00:00:00+08:00

bool HasControlCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
  });
}

std::string Join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

// Checks one value against its spec; returns the message of the problem, or "" when valid.
std::string CheckValue(const FieldSpec& spec, const json::value& v, int64_t now) {
  switch (spec.kind) {
    case Kind::kText:
    case Kind::kIdentifier: {
      if (!v.is_string()) return "must be a string";
      std::string_view s = v.get_string();
      if (s.empty()) return "must not be empty";
      if (static_cast<int64_t>(s.size()) > spec.max) {
        return fmt::format("is longer than {} bytes", spec.max);
      }
      if (spec.kind == Kind::kIdentifier && !std::all_of(s.begin(), s.end(), IsIdentifierChar)) {
        return "may contain only letters, digits and - _ . : /";
      }
      if (HasControlCharacter(s)) return "contains a control character";
      if (spec.name == "query_code" && s.size() < kMinQueryCodeBytes) {
        return fmt::format("must have {} to {} characters", kMinQueryCodeBytes, kMaxQueryCodeBytes);
      }
      if (spec.name == "division_code") {
        auto valid = org::ValidateDivisionCode(s, spec.name);
        if (!valid) return valid.error().message;
      }
      if (spec.name == "item_type" && !catalog::ParseItemType(s)) {
        return fmt::format("\"{}\" is not one of the catalogue's item types: {}", s,
                           catalog::ItemTypeNameList());
      }
      return "";
    }
    case Kind::kWholeNumber: {
      if (!v.is_int64() && !v.is_uint64()) return "must be a whole number";
      if (v.is_uint64() && v.get_uint64() > static_cast<uint64_t>(INT64_MAX)) {
        return "is too large";
      }
      int64_t n = v.is_int64() ? v.get_int64() : static_cast<int64_t>(v.get_uint64());
      if (n < spec.min || n > spec.max) {
        return fmt::format("must be between {} and {}", spec.min, spec.max);
      }
      return "";
    }
    case Kind::kChoice: {
      if (!v.is_string()) return fmt::format("must be one of: {}", Join(spec.choices));
      std::string_view s = v.get_string();
      if (std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end()) {
        return fmt::format("\"{}\" is not one of: {}", s, Join(spec.choices));
      }
      return "";
    }
    case Kind::kTime: {
      if (!v.is_string()) return "must be an RFC 3339 string such as 2026-03-02T09:15:00+08:00";
      auto t = ParseRfc3339(v.get_string());
      if (!t) {
        return "must be RFC 3339 with a UTC offset, such as 2026-03-02T09:15:00+08:00";
      }
      if (*t > now + kMaxFutureSkewSeconds) {
        return "lies in the future of the platform's clock: check the sender's clock and zone";
      }
      // The working calendar starts in 2000; an earlier date would escape every time limit.
      if (*t < kEarliestEventTime) {
        return "lies before 2000-01-01, where the working calendar starts: check the date";
      }
      return "";
    }
    case Kind::kObject:
      if (!v.is_object()) return "must be a JSON object";
      return "";
  }
  return "is not supported";
}

std::string Path(std::string_view prefix, std::string_view field) {
  return prefix.empty() ? std::string(field) : fmt::format("{}.{}", prefix, field);
}

// Validates the `values` object of a correction.
void CheckCorrectionValues(const json::object& values, std::string_view path, int64_t now,
                           std::vector<FieldError>& errors) {
  if (values.empty()) {
    errors.push_back({std::string(path), "must name at least one field to correct"});
    return;
  }
  for (const auto& [key, value] : values) {
    std::string field = Path(path, key);
    if (!CorrectableField(key)) {
      errors.push_back({field,
                        "cannot be corrected: send a deleted event and a new event "
                        "instead, or remove the field"});
      continue;
    }
    std::string problem = CheckValue(*FindSpec(key), value, now);
    if (!problem.empty()) errors.push_back({field, problem});
  }
}

void WriteCanonical(const json::value& v, std::string& out) {
  if (!v.is_object()) {
    if (v.is_array()) {
      out += '[';
      bool first = true;
      for (const json::value& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        WriteCanonical(e, out);
      }
      out += ']';
      return;
    }
    out += json::serialize(v);
    return;
  }
  std::vector<std::pair<std::string_view, const json::value*>> members;
  for (const auto& [key, value] : v.get_object()) members.emplace_back(key, &value);
  std::sort(members.begin(), members.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out += '{';
  bool first = true;
  for (const auto& [key, value] : members) {
    if (!first) out += ',';
    first = false;
    out += json::serialize(json::string(key));
    out += ':';
    WriteCanonical(*value, out);
  }
  out += '}';
}

// Replaces applicant_name by applicant_name_hash and query_code by query_code_hash, so that
// neither is stored in clear.
void HashSecretsInPlace(json::object& object, std::string_view case_number) {
  if (auto* name = object.if_contains("applicant_name"); name && name->is_string()) {
    object["applicant_name_hash"] = HashApplicantName(name->get_string());
    object.erase("applicant_name");
  }
  if (auto* code = object.if_contains("query_code"); code && code->is_string()) {
    object["query_code_hash"] = HashQueryCode(case_number, code->get_string());
    object.erase("query_code");
  }
}

std::string StringField(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::string CanonicalJson(const json::value& value) {
  std::string out;
  WriteCanonical(value, out);
  return out;
}

std::string HashApplicantName(std::string_view name) {
  std::string input = "mingjing-applicant-name\n";
  input += name;
  return crypto::HexEncode(crypto::Sm3Digest(input));
}

std::string HashQueryCode(std::string_view case_number, std::string_view query_code) {
  std::string input = "mingjing-query-code\n";
  input += case_number;
  input += '\n';
  input += query_code;
  return crypto::HexEncode(crypto::Sm3Digest(input));
}

ValidatedEvent ValidateEvent(const json::value& value, std::string_view path, int64_t now) {
  ValidatedEvent result;
  auto& errors = result.errors;
  if (!value.is_object()) {
    errors.push_back({std::string(path), "must be a JSON object"});
    return result;
  }
  const json::object& in = value.get_object();

  // The type decides which fields are allowed, so it is checked first.
  std::optional<EventType> type;
  if (const json::value* t = in.if_contains("event_type"); t && t->is_string()) {
    type = ParseEventType(t->get_string());
  }
  if (!type) {
    errors.push_back({Path(path, "event_type"),
                      fmt::format("is required and must be one of: {}", Join(kEventTypeNames))});
  }

  std::vector<std::string_view> allowed(std::begin(kCommonRequired), std::end(kCommonRequired));
  allowed.push_back("department_code");
  allowed.push_back("department_id");
  if (type) {
    const TypeFields& fields = FieldsOf(*type);
    allowed.insert(allowed.end(), fields.required.begin(), fields.required.end());
    allowed.insert(allowed.end(), fields.optional.begin(), fields.optional.end());
  }

  for (const auto& [key, v] : in) {
    if (key == "event_type") continue;
    std::string field = Path(path, key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      errors.push_back({field, type ? fmt::format("is not a field of a {} event: remove it",
                                                  EventTypeName(*type))
                                    : std::string("is not a known field: remove it")});
      continue;
    }
    if (v.is_null()) continue;  // treated as absent below
    std::string problem = CheckValue(*FindSpec(key), v, now);
    if (!problem.empty()) errors.push_back({field, problem});
  }

  auto present = [&in](std::string_view key) {
    const json::value* v = in.if_contains(key);
    return v != nullptr && !v->is_null();
  };
  std::vector<std::string_view> required(std::begin(kCommonRequired), std::end(kCommonRequired));
  if (type) {
    const TypeFields& fields = FieldsOf(*type);
    required.insert(required.end(), fields.required.begin(), fields.required.end());
  }
  for (std::string_view key : required) {
    if (key == "event_type") continue;
    if (!present(key)) errors.push_back({Path(path, key), "is required"});
  }
  if (!present("department_code") && !present("department_id")) {
    errors.push_back({Path(path, "department_code"),
                      "is required unless department_id is given: name the handling department"});
  }
  if (type == EventType::kCompleted && StringField(in, "outcome") != "withdrawn" &&
      !present("result_document_number")) {
    errors.push_back({Path(path, "result_document_number"),
                      "is required when the outcome is approved or refused"});
  }
  if (type == EventType::kCorrection) {
    if (const json::value* v = in.if_contains("values"); v && v->is_object()) {
      CheckCorrectionValues(v->get_object(), Path(path, "values"), now, errors);
    }
  }
  if (!errors.empty()) return result;

  json::object stored = in;
  for (auto it = stored.begin(); it != stored.end();) {
    it = it->value().is_null() ? stored.erase(it) : std::next(it);
  }
  std::string case_number = StringField(in, "case_number");
  HashSecretsInPlace(stored, case_number);
  if (auto* values = stored.if_contains("values"); values && values->is_object()) {
    HashSecretsInPlace(values->get_object(), case_number);
  }

  Event event;
  event.type = *type;
  event.event_id = StringField(in, "event_id");
  event.case_number = StringField(in, "case_number");
  event.item_code = StringField(in, "item_code");
  event.item_type = StringField(in, "item_type");
  event.division_code = StringField(in, "division_code");
  event.department_code = StringField(in, "department_code");
  if (const json::value* d = in.if_contains("department_id"); d && d->is_number()) {
    event.department_id = d->to_number<int64_t>();
  }
  event.occurred_at = *ParseRfc3339(StringField(in, "occurred_at"));
  event.operator_name = StringField(in, "operator");
  event.target_event_id =
      StringField(in, type == EventType::kCorrection ? "corrects_event_id" : "deletes_event_id");
  event.payload = CanonicalJson(stored);
  event.content_hash = crypto::HexEncode(crypto::Sm3Digest(event.payload));
  result.event = std::move(event);
  return result;
}

}  // namespace mingjing::exchange
