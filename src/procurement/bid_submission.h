// A bid as an e-bidding system reports it, with the submission metadata that reveals bids
// prepared together: the computer it was uploaded from, who compiled the documents, which
// pricing-software dongle priced it, who paid the bid bond and which people it names. Article 40
// of the Regulation on the Implementation of the Bidding Law (招标投标法实施条例) deems bids
// collusive when such traces are shared between bidders.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mingjing::procurement {

// A person named in a bid: the project manager (项目经理) or other key staff.
struct StaffMember {
  std::string role;  // "project_manager", "technical_lead", "safety_officer" …
  std::string name;
  std::string person_id;  // registration certificate number or a hash of the ID card number
  std::string social_security_employer;  // unified social credit code of the insuring company
};

struct BidSubmission {
  // The tender, as the sending system numbers it; the first bid of a tender creates it.
  std::string tender_number;
  std::string tender_title;
  std::string division_code;
  std::string buyer_id;
  int64_t estimate_fen = 0;  // control price (最高投标限价), 0 when unknown
  // Code of the department that oversees the tender, in its division; its cards go there.
  std::string oversight_department_code;

  std::string bid_id;     // unique within the tender
  std::string bidder_id;  // unified social credit code (统一社会信用代码)
  std::string bidder_name;
  int64_t price_fen = 0;     // bid price; money is in fen throughout
  int64_t submitted_at = 0;  // Unix seconds

  std::string submission_ip;
  std::string mac_address;  // normalised to upper case with colons
  std::string cpu_serial;
  std::string disk_serial;
  std::string document_creator;     // author in the bid file's metadata
  std::string document_last_saver;  // last modified by
  std::string dongle_serial;        // pricing-software lock (计价软件加密锁)
  std::string bond_account;         // account that paid the bid bond (投标保证金)
  std::string contact_phone;
  std::string contact_email;
  std::string contact_address;
  std::vector<StaffMember> staff;

  // The bid document as text, or its shingles hashed by the sender. Only the MinHash signature
  // of whichever is present is stored, never the text.
  std::string document_text;
  std::vector<std::string> document_shingles;
};

struct BidFieldError {
  std::string field;  // dotted path, e.g. "bids[2].mac_address"
  std::string message;
};

struct ValidatedBid {
  std::optional<BidSubmission> bid;  // set when `errors` is empty
  std::vector<BidFieldError> errors;
};

// Checks one bid object of a batch and normalises its identifiers. `path` prefixes every field
// name in errors ("bids[2]" gives "bids[2].price_fen"). Every bad field is reported.
ValidatedBid ValidateBidSubmission(const boost::json::value& value, std::string_view path);

// "AA:BB:CC:DD:EE:FF" from any of the usual spellings (dashes, dots, no separator, lower case),
// or nothing when `text` is not 12 hexadecimal digits.
std::optional<std::string> NormalizeMacAddress(std::string_view text);

}  // namespace mingjing::procurement
