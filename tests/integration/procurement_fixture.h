// The alert fixture plus an e-bidding system's API key with the procurement scope, a key without
// it, and signed pushes of bids and OCDS releases to the loopback server.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "alert_fixture.h"
#include "auth/api_key.h"
#include "exchange/signed_client.h"

namespace mingjing::testing {

class ProcurementFixture : public AlertFixture {
 protected:
  void SetUp() override {
    AlertFixture::SetUp();
    key_ = IssueKey("广安区电子招投标平台", {std::string(auth::kProcurementScope)});
    events_only_key_ = IssueKey("广安区网上审批系统", {});
  }

  auth::IssuedApiKey IssueKey(const std::string& name, std::vector<std::string> scopes) {
    auth::Principal admin;
    admin.name = "sec.admin";
    admin.division_code = "5116";
    admin.roles = {auth::Role::kSecurityAdmin};
    auto issued = auth::CreateApiKey(db(), ledger_, admin, "127.0.0.1",
                                     {name, "511602", 0, {}, std::move(scopes)}, clock_);
    EXPECT_TRUE(issued.has_value()) << issued.error().message;
    return issued ? *issued : auth::IssuedApiKey{};
  }

  exchange::ClientResponse Push(const auth::IssuedApiKey& key, const std::string& path,
                                const std::string& body,
                                const std::string& content_type = "application/json") {
    exchange::SignedClient client({"127.0.0.1", std::to_string(server_->port())}, key.key.key_id,
                                  key.secret, clock_);
    auto response = client.Send("POST", path, body, content_type);
    EXPECT_TRUE(response.has_value());
    return response ? *response : exchange::ClientResponse{};
  }

  exchange::ClientResponse PostBids(const boost::json::array& bids) {
    return Push(key_, "/api/v1/exchange/bids",
                boost::json::serialize(boost::json::object{{"bids", bids}}));
  }

  exchange::ClientResponse PostOcds(const std::string& body,
                                    const std::string& content_type = "application/json") {
    return Push(key_, "/api/v1/exchange/ocds", body, content_type);
  }

  static boost::json::object Bid(const std::string& bid_id, const std::string& bidder,
                                 int64_t price) {
    return {{"tender_number", "GA-ZB-2026-017"},
            {"tender_title", "Road resurfacing, Xiexing Town"},
            {"division_code", "511602"},
            {"buyer_id", "11511602MB1234567X"},
            {"estimate_fen", 150000000},
            {"bid_id", bid_id},
            {"bidder_id", bidder},
            {"bidder_name", "Bidder " + bidder},
            {"price_fen", price},
            {"submitted_at", "2026-03-09T09:30:00+08:00"},
            {"submission_ip", "198.51.100.1" + bid_id.substr(1)},
            {"mac_address", "00-1A-2B-3C-4D-1" + bid_id.substr(1)}};
  }

  // Three bids; the first two were uploaded from one computer and paid from one account.
  static boost::json::array ColludingBids() {
    boost::json::object a = Bid("b1", "91511600MA62AAAA1A", 138000000);
    boost::json::object b = Bid("b2", "91511600MA62BBBB2B", 141000000);
    boost::json::object c = Bid("b3", "91511600MA62CCCC3C", 129000000);
    a["mac_address"] = b["mac_address"] = "00:1a:2b:3c:4d:5e";
    a["bond_account"] = b["bond_account"] = "6222020200112233";
    return {a, b, c};
  }

  int64_t CountRows(const std::string& sql) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << sql, soci::into(n);
    return n;
  }

  auth::IssuedApiKey key_;
  auth::IssuedApiKey events_only_key_;
};

}  // namespace mingjing::testing
