#include "procurement/flag_alerts.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace mingjing::procurement {
namespace {

namespace json = boost::json;

TEST(FlagTemplateVars, ListsBidsAndBidders) {
  json::object evidence = json::parse(R"({"field":"mac_address","value":"00:1A:2B:3C:4D:5E",
    "bids":[{"bid_id":"b1","bidder_id":"A","bidder_name":"Alpha Co."},
            {"bid_id":"b2","bidder_id":"B","bidder_name":""}]})")
                              .as_object();

  json::object vars = FlagTemplateVars(evidence);

  EXPECT_EQ(vars.at("bid_ids"), "b1, b2");
  EXPECT_EQ(vars.at("bidders"), "Alpha Co., B");  // the id replaces a missing name
  EXPECT_EQ(vars.at("field"), "mac_address");
  EXPECT_EQ(vars.at("value"), "00:1A:2B:3C:4D:5E");
}

TEST(FlagTemplateVars, NumbersListsAndRatios) {
  json::object evidence = json::parse(R"({"award_amount":600000.0,"discount":0.4,
    "cpv_classes":["4523","4524"],"year":2026,"similarity":0.875})")
                              .as_object();

  json::object vars = FlagTemplateVars(evidence);

  EXPECT_EQ(vars.at("award_amount"), 600000);  // no "6E5"
  EXPECT_EQ(vars.at("discount_percent"), 40);
  EXPECT_EQ(vars.at("similarity_percent"), 88);
  EXPECT_EQ(vars.at("cpv_classes"), "4523, 4524");
  EXPECT_EQ(vars.at("year"), 2026);
}

TEST(FlagTemplateVars, PersonOfStaffRule) {
  json::object evidence = json::parse(R"({"person":{"name":"王强","person_id":"P1",
    "social_security_employer":"91511600MA62ZZZZ9Z"},"bids":[{"bid_id":"b1","bidder_id":"A"}]})")
                              .as_object();

  json::object vars = FlagTemplateVars(evidence);

  EXPECT_EQ(vars.at("person_name"), "王强");
  EXPECT_EQ(vars.at("employer"), "91511600MA62ZZZZ9Z");
}

}  // namespace
}  // namespace mingjing::procurement
