#include "procurement/collusion_rules.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace mingjing::procurement {
namespace {

BidSubmission MakeBid(std::string bid_id, std::string bidder_id, int64_t price_fen) {
  BidSubmission bid;
  bid.tender_number = "ZB-2026-001";
  bid.bid_id = std::move(bid_id);
  bid.bidder_id = std::move(bidder_id);
  bid.bidder_name = "Company " + bid.bidder_id;
  bid.price_fen = price_fen;
  return bid;
}

TenderBids MakeTender(std::vector<BidSubmission> bids) {
  return {"ZB-2026-001", "buyer-1", 0, std::move(bids)};
}

const ProcurementFlag* FindFlag(const std::vector<ProcurementFlag>& flags, std::string_view rule) {
  auto found = std::find_if(flags.begin(), flags.end(),
                            [&](const ProcurementFlag& flag) { return flag.rule == rule; });
  return found == flags.end() ? nullptr : &*found;
}

TEST(JudgeTenderCollusion, SharedMacAndBondAreRed) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'130'000);
  auto c = MakeBid("b3", "C", 1'290'000);
  a.mac_address = b.mac_address = "00:1A:2B:3C:4D:5E";
  c.mac_address = "00:1A:2B:3C:4D:5F";
  a.bond_account = b.bond_account = "6222020200112233";

  auto flags = JudgeTenderCollusion(MakeTender({a, b, c}), {});

  const ProcurementFlag* mac = FindFlag(flags, "shared_mac_address");
  ASSERT_NE(mac, nullptr);
  EXPECT_EQ(mac->level, FlagLevel::kRed);
  EXPECT_EQ(mac->ocid, "ZB-2026-001");
  EXPECT_EQ(mac->subject, "mac_address:b1,b2");
  EXPECT_EQ(mac->evidence.at("value"), "00:1A:2B:3C:4D:5E");
  ASSERT_EQ(mac->evidence.at("bids").as_array().size(), 2u);
  EXPECT_EQ(mac->evidence.at("bids").as_array()[1].at("bid_id"), "b2");

  const ProcurementFlag* bond = FindFlag(flags, "shared_bond_account");
  ASSERT_NE(bond, nullptr);
  EXPECT_EQ(bond->level, FlagLevel::kRed);
  EXPECT_EQ(bond->evidence.at("value"), "****2233");  // masked
}

TEST(JudgeTenderCollusion, SameBidderMaySharePlainTraces) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "A", 1'100'000);
  a.mac_address = b.mac_address = "00:1A:2B:3C:4D:5E";

  auto flags = JudgeTenderCollusion(MakeTender({a, b}), {});

  EXPECT_EQ(FindFlag(flags, "shared_mac_address"), nullptr);
}

TEST(JudgeTenderCollusion, CreatorMatchesLastSaver) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'200'000);
  a.document_creator = "Zhang Wei";
  b.document_last_saver = "zhang wei";

  auto flags = JudgeTenderCollusion(MakeTender({a, b}), {});

  const ProcurementFlag* creator = FindFlag(flags, "shared_document_creator");
  ASSERT_NE(creator, nullptr);
  EXPECT_EQ(creator->level, FlagLevel::kRed);
}

TEST(JudgeTenderCollusion, DefaultAuthorIsIgnored) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'200'000);
  a.document_creator = b.document_creator = "Administrator";

  auto flags = JudgeTenderCollusion(MakeTender({a, b}), {});

  EXPECT_EQ(FindFlag(flags, "shared_document_creator"), nullptr);
}

TEST(JudgeTenderCollusion, SameMachineNeedsCpuAndDisk) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'200'000);
  a.cpu_serial = b.cpu_serial = "BFEBFBFF000906EA";
  a.disk_serial = "WD-1";
  b.disk_serial = "WD-2";

  EXPECT_EQ(FindFlag(JudgeTenderCollusion(MakeTender({a, b}), {}), "same_machine"), nullptr);

  b.disk_serial = "WD-1";
  EXPECT_NE(FindFlag(JudgeTenderCollusion(MakeTender({a, b}), {}), "same_machine"), nullptr);
}

TEST(JudgeTenderCollusion, SharedIpIsOnlyAWarning) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'200'000);
  a.submission_ip = b.submission_ip = "203.0.113.7";

  auto flags = JudgeTenderCollusion(MakeTender({a, b}), {});

  const ProcurementFlag* ip = FindFlag(flags, "shared_ip_address");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->level, FlagLevel::kWarning);
}

TEST(JudgeTenderCollusion, SamePersonInTwoBids) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'200'000);
  a.staff = {{"project_manager", "Li Na", "川151234567890", "A"}};
  b.staff = {{"technical_lead", "Li Na", "川151234567890", "B"}};

  auto flags = JudgeTenderCollusion(MakeTender({a, b}), {});

  const ProcurementFlag* person = FindFlag(flags, "shared_person");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->level, FlagLevel::kRed);
  EXPECT_EQ(FindFlag(flags, "staff_insured_elsewhere"), nullptr);
}

TEST(JudgeTenderCollusion, StaffInsuredByAnotherCompany) {
  auto a = MakeBid("b1", "A", 1'000'000);
  a.staff = {{"project_manager", "Li Na", "川151234567890", "91510100MA6CXXXX1X"}};

  auto flags = JudgeTenderCollusion(MakeTender({a}), {});

  const ProcurementFlag* insured = FindFlag(flags, "staff_insured_elsewhere");
  ASSERT_NE(insured, nullptr);
  EXPECT_EQ(insured->level, FlagLevel::kYellow);
  EXPECT_EQ(insured->subject, "bid:b1:staff:川151234567890");
  EXPECT_EQ(insured->evidence.at("person").at("social_security_employer"), "91510100MA6CXXXX1X");
}

TEST(JudgePricePatterns, ArithmeticProgression) {
  // Gaps 20,000, 20,100 and 19,900 fen: within 2 % of their mean.
  auto flags = JudgePricePatterns(
      MakeTender({MakeBid("b1", "A", 1'000'000), MakeBid("b2", "B", 1'020'000),
                  MakeBid("b3", "C", 1'040'100), MakeBid("b4", "D", 1'060'000)}));

  ASSERT_NE(FindFlag(flags, "price_arithmetic_progression"), nullptr);
  EXPECT_EQ(FindFlag(flags, "price_geometric_progression"), nullptr);
  // The spread from the mean (1,030,025) is 2.9 %, inside the 3 % band.
  EXPECT_NE(FindFlag(flags, "price_tight_cluster"), nullptr);
}

TEST(JudgePricePatterns, GeometricProgression) {
  // Each bid 10 % above the previous: gaps grow, ratios stay.
  auto flags = JudgePricePatterns(
      MakeTender({MakeBid("b1", "A", 1'000'000), MakeBid("b2", "B", 1'100'000),
                  MakeBid("b3", "C", 1'210'000), MakeBid("b4", "D", 1'331'000)}));

  EXPECT_EQ(FindFlag(flags, "price_arithmetic_progression"), nullptr);
  const ProcurementFlag* geometric = FindFlag(flags, "price_geometric_progression");
  ASSERT_NE(geometric, nullptr);
  EXPECT_NEAR(geometric->evidence.at("mean_ratio").as_double(), 1.1, 1e-9);
  EXPECT_EQ(FindFlag(flags, "price_tight_cluster"), nullptr);
}

TEST(JudgePricePatterns, RoundPercentagesOfControlPrice) {
  TenderBids tender = MakeTender({MakeBid("b1", "A", 9'500'000), MakeBid("b2", "B", 9'700'000),
                                  MakeBid("b3", "C", 9'200'000)});
  tender.estimate_fen = 10'000'000;

  EXPECT_NE(FindFlag(JudgePricePatterns(tender), "price_round_percentages"), nullptr);

  tender.bids[2].price_fen = 9'213'700;  // 92.137 %
  EXPECT_EQ(FindFlag(JudgePricePatterns(tender), "price_round_percentages"), nullptr);
}

TEST(JudgePricePatterns, IrregularPricesAreNotFlagged) {
  auto flags =
      JudgePricePatterns(MakeTender({MakeBid("b1", "A", 1'000'000), MakeBid("b2", "B", 1'130'000),
                                     MakeBid("b3", "C", 1'170'000)}));

  EXPECT_TRUE(flags.empty());
}

TEST(JudgePricePatterns, TwoBiddersAreTooFew) {
  auto flags = JudgePricePatterns(
      MakeTender({MakeBid("b1", "A", 1'000'000), MakeBid("b2", "B", 1'000'100)}));

  EXPECT_TRUE(flags.empty());
}

TEST(JudgeTenderCollusion, SimilarDocumentsInSameTender) {
  auto a = MakeBid("b1", "A", 1'000'000);
  auto b = MakeBid("b2", "B", 1'200'000);
  std::vector<DocumentMatch> matches = {{"b1", "ZB-2026-001", "b2", "B", 0.93},
                                        {"b2", "ZB-2026-001", "b1", "A", 0.93},
                                        {"b1", "ZB-2025-077", "x9", "Q", 0.85},
                                        {"b1", "ZB-2025-078", "x1", "A", 0.99},
                                        {"b2", "ZB-2025-079", "x2", "R", 0.5}};

  auto flags = JudgeTenderCollusion(MakeTender({a, b}), matches);

  std::vector<const ProcurementFlag*> similar;
  for (const auto& flag : flags) {
    if (flag.rule == "similar_documents") {
      similar.push_back(&flag);
    }
  }
  ASSERT_EQ(similar.size(), 2u);  // one per pair; same bidder and low similarity skipped
  EXPECT_EQ(similar[0]->level, FlagLevel::kYellow);
  EXPECT_EQ(similar[0]->subject, "document:b1,b2");
  EXPECT_EQ(similar[1]->level, FlagLevel::kWarning);
  EXPECT_EQ(similar[1]->subject, "document:b1,ZB-2025-077/x9");
}

}  // namespace
}  // namespace mingjing::procurement
