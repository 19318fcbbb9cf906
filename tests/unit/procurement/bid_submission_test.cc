#include "procurement/bid_submission.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

json::object ValidBid() {
  return {{"tender_number", "ZB-2026-001"},
          {"division_code", "511602"},
          {"bid_id", "b1"},
          {"bidder_id", "91511600MA62XXXX1A"},
          {"bidder_name", "Guang'an Road Works Co."},
          {"price_fen", 123456789},
          {"submitted_at", "2026-03-02T09:30:00+08:00"},
          {"mac_address", "00-1a-2b-3c-4d-5e"},
          {"staff", json::array{json::object{{"role", "project_manager"},
                                             {"name", "Li Na"},
                                             {"person_id", "川151234567890"},
                                             {"social_security_employer", "91511600MA62XXXX1A"}}}}};
}

TEST(ValidateBidSubmission, AcceptsValidBid) {
  ValidatedBid result = ValidateBidSubmission(ValidBid(), "bids[0]");

  ASSERT_TRUE(result.errors.empty()) << result.errors[0].field << ": " << result.errors[0].message;
  ASSERT_TRUE(result.bid);
  EXPECT_EQ(result.bid->mac_address, "00:1A:2B:3C:4D:5E");
  EXPECT_EQ(result.bid->submitted_at, 1772415000);  // 2026-03-02 01:30 UTC
  ASSERT_EQ(result.bid->staff.size(), 1u);
  EXPECT_EQ(result.bid->staff[0].role, "project_manager");
}

TEST(ValidateBidSubmission, NamesEveryBadField) {
  json::object bid = ValidBid();
  bid.erase("bidder_id");
  bid["price_fen"] = 0;
  bid["mac_address"] = "not a mac";
  bid["division_code"] = "51";
  bid["staff"] = json::array{json::object{{"role", "project_manager"}}};

  ValidatedBid result = ValidateBidSubmission(bid, "bids[3]");

  EXPECT_FALSE(result.bid);
  std::vector<std::string> fields;
  for (const auto& error : result.errors) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"bids[3].division_code", "bids[3].bidder_id",
                                              "bids[3].price_fen", "bids[3].mac_address",
                                              "bids[3].staff[0].name"}));
}

TEST(ValidateBidSubmission, RejectsNonObject) {
  ValidatedBid result = ValidateBidSubmission(json::value("bid"), "bids[0]");

  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].field, "bids[0]");
}

TEST(NormalizeMacAddress, AcceptsCommonSpellings) {
  EXPECT_EQ(NormalizeMacAddress("001a2b3c4d5e"), "00:1A:2B:3C:4D:5E");
  EXPECT_EQ(NormalizeMacAddress("001A.2B3C.4D5E"), "00:1A:2B:3C:4D:5E");
  EXPECT_FALSE(NormalizeMacAddress("00:1A:2B:3C:4D"));
  EXPECT_FALSE(NormalizeMacAddress("00:1A:2B:3C:4D:5G"));
}

}  // namespace
}  // namespace mingjing::procurement
