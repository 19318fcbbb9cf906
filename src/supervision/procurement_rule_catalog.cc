// The procurement rows of the rule catalogue: the collusion rules over the bids of one tender and
// the buyer risk rules over compiled OCDS releases. Their findings come from the procurement
// domain (collusion_rules.h, buyer_risk_rules.h), which fills the template variables from each
// flag's evidence: {case_number} is the tender number or the ocid, {bidders} and {bid_ids} list
// the bids involved, {field} and {value} the shared trace (masked where it is personal data).
#include "supervision/procurement_rule_catalog.h"

namespace mingjing::supervision {
namespace {

// 招标投标法实施条例 (Regulation on the Implementation of the Bidding Law, 2019 revision) art. 40
// deems bids collusive (视为串通投标) on the traces below; 财政部令第87号 (Measures for Bidding in
// Government Procurement of Goods and Services) art. 37 states the same for government
// procurement.
constexpr std::string_view kArt40Compiled =
    "招标投标法实施条例 第四十条(一)(二): bid documents compiled, or bidding handled, by the same "
    "unit or person; 财政部令第87号 第三十七条 for government procurement";
constexpr std::string_view kArt40Person =
    "招标投标法实施条例 第四十条(三): the same project-management member named by different "
    "bidders; 财政部令第87号 第三十七条";
constexpr std::string_view kArt40Alike =
    "招标投标法实施条例 第四十条(四): bid documents abnormally alike or prices in a regular pattern "
    "(异常一致、规律性差异); 财政部令第87号 第三十七条";
constexpr std::string_view kArt40Bond =
    "招标投标法实施条例 第四十条(六): bid bonds paid from the account of the same unit or person; "
    "财政部令第87号 第三十七条";
constexpr std::string_view kArt39 =
    "招标投标法实施条例 第三十九条 (bidders colluding on the substance of their bids) and 第四十条; "
    "a shared trace is a lead to check, not a deemed case";
constexpr std::string_view kLicenceLending =
    "招标投标法实施条例 第四十二条: bidding with a borrowed qualification (受让或者租借资格) is bidding "
    "in another's name; staff insured by another company are the usual trace of it";
constexpr std::string_view kProzorro =
    "State Audit Service of Ukraine risk indicators on Prozorro data (ProzorroUKR/prozorro-risks)";

constexpr RuleDefinition kProcurementRules[] = {
    // Traces that article 40 deems collusion, shared by bids of different bidders.
    {"procurement.shared_document_creator", "procurement", Level::kRed, RuleMode::kAuto, "{}", {},
     "红牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的投标文件由同一人「{value}」编制。",
     "Red card: in tender {case_number}, bids {bid_ids} ({bidders}) were compiled by the same "
     "person, \"{value}\".",
     "Bid files of different bidders name the same author or last saver (office defaults such "
     "as \"Administrator\" are ignored).",
     kArt40Compiled},
    {"procurement.shared_mac_address", "procurement", Level::kRed, RuleMode::kAuto, "{}", {},
     "红牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）从同一台电脑上传，网卡 MAC 地址 "
     "{value}。",
     "Red card: in tender {case_number}, bids {bid_ids} ({bidders}) were uploaded from one "
     "computer, MAC address {value}.",
     "Bids of different bidders were uploaded from a computer with the same network card.",
     kArt40Compiled},
    {"procurement.same_machine", "procurement", Level::kRed, RuleMode::kAuto, "{}", {},
     "红牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的 CPU 与硬盘序列号相同（{value}）。",
     "Red card: in tender {case_number}, bids {bid_ids} ({bidders}) share CPU and disk serial "
     "numbers ({value}).",
     "Bids of different bidders were prepared on a computer with the same CPU and disk serials.",
     kArt40Compiled},
    {"procurement.shared_pricing_dongle", "procurement", Level::kRed, RuleMode::kAuto, "{}", {},
     "红牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）使用同一把计价软件加密锁 {value}。",
     "Red card: in tender {case_number}, bids {bid_ids} ({bidders}) were priced with the same "
     "pricing-software dongle {value}.",
     "Bids of different bidders were priced with the same pricing-software lock (计价软件加密锁).",
     kArt40Compiled},
    {"procurement.shared_bond_account", "procurement", Level::kRed, RuleMode::kAuto, "{}", {},
     "红牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的投标保证金从同一账户 {value} 转出。",
     "Red card: in tender {case_number}, the bid bonds of bids {bid_ids} ({bidders}) came from "
     "one account, {value}.",
     "The bid bonds of different bidders were paid from the same account (shown masked).",
     kArt40Bond},
    {"procurement.shared_person", "procurement", Level::kRed, RuleMode::kAuto, "{}", {},
     "红牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）载明同一项目管理人员 {value}。",
     "Red card: in tender {case_number}, bids {bid_ids} ({bidders}) name the same key person, "
     "{value}.",
     "Bids of different bidders name the same project manager or key staff member.",
     kArt40Person},
    {"procurement.shared_contact", "procurement", Level::kYellow, RuleMode::kAuto, "{}", {},
     "黄牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的联系方式 {field} 相同（{value}）。",
     "Yellow card: in tender {case_number}, bids {bid_ids} ({bidders}) give the same {field} "
     "({value}).",
     "Bids of different bidders give the same telephone, e-mail or address (shown masked).",
     kArt39},
    {"procurement.shared_ip_address", "procurement", Level::kWarning, RuleMode::kAuto, "{}", {},
     "预警：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）从同一 IP 地址 {value} 提交。",
     "Warning: in tender {case_number}, bids {bid_ids} ({bidders}) were submitted from one IP "
     "address, {value}.",
     "Bids of different bidders came from one IP address, which a shared office or NAT also "
     "explains.",
     kArt39},
    {"procurement.staff_insured_elsewhere", "procurement", Level::kYellow, RuleMode::kAuto, "{}",
     {},
     "黄牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的人员 {person_name} 由另一单位 "
     "{employer} 缴纳社保。",
     "Yellow card: in tender {case_number}, {person_name}, named in bid {bid_ids} ({bidders}), "
     "is insured by another company, {employer}.",
     "A person a bid names is insured by a company other than the bidder, a trace of a borrowed "
     "qualification (挂靠).",
     kLicenceLending},

    // Price patterns and alike documents: statistical, so a supervisor confirms each card.
    {"procurement.price_arithmetic_progression", "procurement", Level::kYellow,
     RuleMode::kConfirm, "{}", {},
     "黄牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的报价呈等差排列。",
     "Yellow card: in tender {case_number}, the prices of bids {bid_ids} ({bidders}) are evenly "
     "spaced.",
     "The bidders' lowest prices, sorted, have equal gaps (within 2 % of the mean gap).",
     kArt40Alike},
    {"procurement.price_geometric_progression", "procurement", Level::kYellow,
     RuleMode::kConfirm, "{}", {},
     "黄牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的报价呈等比排列。",
     "Yellow card: in tender {case_number}, the prices of bids {bid_ids} ({bidders}) grow by a "
     "constant ratio.",
     "The bidders' lowest prices, sorted, have equal ratios (within 2 % of the mean ratio).",
     kArt40Alike},
    {"procurement.price_round_percentages", "procurement", Level::kYellow, RuleMode::kConfirm,
     "{}", {},
     "黄牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的报价均为控制价的整数百分比。",
     "Yellow card: in tender {case_number}, every price of bids {bid_ids} ({bidders}) is a whole "
     "percentage of the control price.",
     "Every bidder's price is a whole percentage of the control price (最高投标限价).",
     kArt40Alike},
    {"procurement.price_tight_cluster", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的报价都在均值的 3% 以内。",
     "Warning: in tender {case_number}, the prices of bids {bid_ids} ({bidders}) all lie within "
     "3 % of their mean.",
     "Every bidder's price lies within 3 % of the mean price.",
     kArt40Alike},
    {"procurement.similar_documents", "procurement", Level::kYellow, RuleMode::kConfirm, "{}", {},
     "黄牌：招标项目 {case_number} 中投标 {bid_ids}（{bidders}）的投标文件高度相似（估计相似度 "
     "{similarity_percent}%）。",
     "Yellow card: in tender {case_number}, the documents of bids {bid_ids} ({bidders}) are "
     "nearly identical (estimated similarity {similarity_percent}%).",
     "Two bid documents have an estimated Jaccard similarity of 0.8 or more; yellow within one "
     "tender, a warning when the other bid belongs to another tender.",
     kArt40Alike},

    // Buyer risk rules over compiled OCDS releases.
    {"procurement.all_except_winner_disqualified", "procurement", Level::kYellow,
     RuleMode::kConfirm, "{}", {},
     "黄牌：采购项目 {case_number}（采购人 {buyer_id}）除中标人 {winner_ids} 外的投标人全部被取消"
     "资格。",
     "Yellow card: in contracting process {case_number} (buyer {buyer_id}), every bidder but "
     "the winner {winner_ids} was disqualified.",
     "Every bidder except the winner was disqualified, which left the buyer free to choose.",
     kProzorro},
    {"procurement.supplier_many_cpv_classes", "procurement", Level::kYellow, RuleMode::kConfirm,
     "{}", {},
     "黄牌：采购人 {buyer_id} 在 {year} 年向供应商 {supplier_id} 授予了 {cpv_classes} 等多类 CPV "
     "合同（{ocids}）。",
     "Yellow card: in {year}, buyer {buyer_id} awarded supplier {supplier_id} contracts in CPV "
     "classes {cpv_classes} ({ocids}).",
     "One buyer awarded one supplier contracts in 4 or more CPV classes within a calendar year.",
     kProzorro},
    {"procurement.contract_value_changed_often", "procurement", Level::kYellow,
     RuleMode::kConfirm, "{}", {},
     "黄牌：采购项目 {case_number}（采购人 {buyer_id}）的合同 {contract_id} 在 {days_between} "
     "天内两次变更金额。",
     "Yellow card: in contracting process {case_number} (buyer {buyer_id}), the value of "
     "contract {contract_id} changed twice within {days_between} days.",
     "A contract's value changed twice less than 90 days apart (Ukraine's Law on Public "
     "Procurement, art. 41(5)(2)).",
     kProzorro},
    {"procurement.award_far_below_estimate", "procurement", Level::kWarning, RuleMode::kConfirm,
     "{}", {},
     "预警：采购项目 {case_number}（采购人 {buyer_id}）的授标 {award_id} 金额 {award_amount} 比预算 "
     "{estimate_amount} 低 {discount_percent}%。",
     "Warning: in contracting process {case_number} (buyer {buyer_id}), award {award_id} of "
     "{award_amount} is {discount_percent}% below the estimate of {estimate_amount}.",
     "An award is 30 % or more below the tender's estimated value, which suggests an inflated "
     "estimate.",
     kProzorro},
};

}  // namespace

std::span<const RuleDefinition> ProcurementRuleDefinitions() { return kProcurementRules; }

}  // namespace mingjing::supervision
