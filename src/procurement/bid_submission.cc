#include "procurement/bid_submission.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "procurement/ocds_date.h"

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

constexpr size_t kMaxIdentifierBytes = 128;
constexpr size_t kMaxTextBytes = 512;
constexpr size_t kMaxDocumentBytes = 2 * 1024 * 1024;
constexpr size_t kMaxShingles = 200'000;
constexpr size_t kMaxStaff = 50;

// Reads the fields of one JSON object, collecting an error per bad field.
class FieldReader {
 public:
  FieldReader(const json::object& object, std::string path, std::vector<BidFieldError>& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}

  std::string Path(std::string_view key) const { return fmt::format("{}.{}", path_, key); }

  void Fail(std::string_view key, std::string message) {
    errors_.push_back({Path(key), std::move(message)});
  }

  // The string at `key`; "" when absent or null, which is an error when `required`.
  std::string String(std::string_view key, size_t max_bytes, bool required = false) {
    const json::value* value = object_.if_contains(key);
    if (value == nullptr || value->is_null()) {
      if (required) {
        Fail(key, "missing: send a non-empty string");
      }
      return "";
    }
    if (!value->is_string()) {
      Fail(key, "invalid: must be a string");
      return "";
    }
    std::string text(value->get_string());
    if (text.size() > max_bytes) {
      Fail(key, fmt::format("invalid: longer than {} bytes", max_bytes));
      return "";
    }
    if (required && text.empty()) {
      Fail(key, "missing: send a non-empty string");
    }
    return text;
  }

  // The whole number at `key`, at least `minimum`; `fallback` when absent and not `required`.
  int64_t Integer(std::string_view key, int64_t minimum, bool required, int64_t fallback = 0) {
    const json::value* value = object_.if_contains(key);
    if (value == nullptr || value->is_null()) {
      if (required) {
        Fail(key, "missing: send a whole number of fen");
      }
      return fallback;
    }
    if (!value->is_int64() && !value->is_uint64()) {
      Fail(key, "invalid: must be a whole number of fen");
      return fallback;
    }
    int64_t number = value->is_int64() ? value->get_int64() : -1;
    if (number < minimum) {
      Fail(key, fmt::format("invalid: must be at least {}", minimum));
      return fallback;
    }
    return number;
  }

  const json::value* Raw(std::string_view key) const { return object_.if_contains(key); }

 private:
  const json::object& object_;
  std::string path_;
  std::vector<BidFieldError>& errors_;
};

bool IsDivisionCode(std::string_view code) {
  bool digits = std::all_of(code.begin(), code.end(),
                            [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return digits && code.size() >= 6 && code.size() <= 12;
}

std::vector<StaffMember> ReadStaff(FieldReader& reader, std::vector<BidFieldError>& errors) {
  std::vector<StaffMember> staff;
  const json::value* value = reader.Raw("staff");
  if (value == nullptr || value->is_null()) {
    return staff;
  }
  if (!value->is_array() || value->get_array().size() > kMaxStaff) {
    reader.Fail("staff", fmt::format("invalid: must be an array of at most {} people", kMaxStaff));
    return staff;
  }
  const json::array& people = value->get_array();
  for (size_t i = 0; i < people.size(); ++i) {
    std::string path = reader.Path(fmt::format("staff[{}]", i));
    if (!people[i].is_object()) {
      errors.push_back({path, "invalid: must be an object"});
      continue;
    }
    FieldReader person(people[i].get_object(), path, errors);
    StaffMember member;
    member.role = person.String("role", kMaxIdentifierBytes, true);
    member.name = person.String("name", kMaxTextBytes, true);
    member.person_id = person.String("person_id", kMaxIdentifierBytes);
    member.social_security_employer =
        person.String("social_security_employer", kMaxIdentifierBytes);
    staff.push_back(std::move(member));
  }
  return staff;
}

std::vector<std::string> ReadShingles(FieldReader& reader) {
  std::vector<std::string> shingles;
  const json::value* value = reader.Raw("document_shingles");
  if (value == nullptr || value->is_null()) {
    return shingles;
  }
  if (!value->is_array() || value->get_array().size() > kMaxShingles) {
    reader.Fail("document_shingles",
                fmt::format("invalid: must be an array of at most {} strings", kMaxShingles));
    return shingles;
  }
  for (const auto& shingle : value->get_array()) {
    if (!shingle.is_string() || shingle.get_string().size() > kMaxIdentifierBytes) {
      reader.Fail("document_shingles", fmt::format("invalid: every shingle must be a string of "
                                                   "at most {} bytes",
                                                   kMaxIdentifierBytes));
      return {};
    }
    shingles.emplace_back(shingle.get_string());
  }
  return shingles;
}

void ReadTender(FieldReader& reader, BidSubmission& bid) {
  bid.tender_number = reader.String("tender_number", kMaxIdentifierBytes, true);
  bid.tender_title = reader.String("tender_title", kMaxTextBytes);
  bid.division_code = reader.String("division_code", 12, true);
  if (!bid.division_code.empty() && !IsDivisionCode(bid.division_code)) {
    reader.Fail("division_code", "invalid: must be a division code of 6 to 12 digits");
  }
  bid.buyer_id = reader.String("buyer_id", kMaxIdentifierBytes);
  bid.estimate_fen = reader.Integer("estimate_fen", 0, false);
  bid.oversight_department_code = reader.String("oversight_department_code", kMaxIdentifierBytes);
}

void ReadBid(FieldReader& reader, BidSubmission& bid) {
  bid.bid_id = reader.String("bid_id", kMaxIdentifierBytes, true);
  bid.bidder_id = reader.String("bidder_id", kMaxIdentifierBytes, true);
  bid.bidder_name = reader.String("bidder_name", kMaxTextBytes, true);
  bid.price_fen = reader.Integer("price_fen", 1, true);

  std::string submitted_at = reader.String("submitted_at", 64);
  if (!submitted_at.empty()) {
    auto timestamp = ParseOcdsDate(submitted_at);
    if (timestamp) {
      bid.submitted_at = *timestamp / 1'000'000;
    } else {
      reader.Fail("submitted_at",
                  "invalid: use an RFC 3339 time such as 2026-03-02T09:30:00+08:00");
    }
  }
}

void ReadMetadata(FieldReader& reader, BidSubmission& bid) {
  bid.submission_ip = reader.String("submission_ip", 64);
  std::string mac = reader.String("mac_address", 64);
  if (!mac.empty()) {
    if (auto normalized = NormalizeMacAddress(mac)) {
      bid.mac_address = *normalized;
    } else {
      reader.Fail("mac_address", "invalid: must be 12 hexadecimal digits, e.g. 00:1A:2B:3C:4D:5E");
    }
  }
  bid.cpu_serial = reader.String("cpu_serial", kMaxIdentifierBytes);
  bid.disk_serial = reader.String("disk_serial", kMaxIdentifierBytes);
  bid.document_creator = reader.String("document_creator", kMaxTextBytes);
  bid.document_last_saver = reader.String("document_last_saver", kMaxTextBytes);
  bid.dongle_serial = reader.String("dongle_serial", kMaxIdentifierBytes);
  bid.bond_account = reader.String("bond_account", kMaxIdentifierBytes);
  bid.contact_phone = reader.String("contact_phone", 64);
  bid.contact_email = reader.String("contact_email", kMaxTextBytes);
  bid.contact_address = reader.String("contact_address", kMaxTextBytes);
}

}  // namespace

std::optional<std::string> NormalizeMacAddress(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ':' || c == '-' || c == '.') {
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
    digits.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (digits.size() != 12) {
    return std::nullopt;
  }
  std::string normalized;
  for (size_t i = 0; i < digits.size(); i += 2) {
    if (i > 0) {
      normalized.push_back(':');
    }
    normalized.append(digits, i, 2);
  }
  return normalized;
}

ValidatedBid ValidateBidSubmission(const json::value& value, std::string_view path) {
  ValidatedBid result;
  if (!value.is_object()) {
    result.errors.push_back({std::string(path), "invalid: each bid must be a JSON object"});
    return result;
  }

  FieldReader reader(value.get_object(), std::string(path), result.errors);
  BidSubmission bid;
  ReadTender(reader, bid);
  ReadBid(reader, bid);
  ReadMetadata(reader, bid);
  bid.staff = ReadStaff(reader, result.errors);
  bid.document_text = reader.String("document_text", kMaxDocumentBytes);
  bid.document_shingles = ReadShingles(reader);

  if (result.errors.empty()) {
    result.bid = std::move(bid);
  }
  return result;
}

}  // namespace mingjing::procurement
