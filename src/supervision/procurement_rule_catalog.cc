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

constexpr std::string_view kPriceScreens =
    "Imhof, Simple Statistical Screens to Detect Bid Rigging (University of Fribourg FSES working "
    "paper 484, 2017): rigged tenders show a lower coefficient of variation and a higher relative "
    "distance; the cut-offs are Mingjing's choice; 招标投标法实施条例 第四十条(四) for prices in a "
    "regular pattern";

// The red-flag indicators compare a process with the other processes of its division, so a
// result is a lead for a supervisor to confirm, not a breach.
constexpr std::string_view kRedFlagIndicators =
    "Open Contracting Partnership red-flag indicators for OCDS data, as defined by Cardinal "
    "(open-contracting/cardinal-rs, docs/cli/indicators); a statistical lead relative to the "
    "division's processes, not a deemed breach";

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
    // The price screens of one tender's bids (screen_rule.h).
    {"procurement.price_screens", "procurement", Level::kWarning, RuleMode::kConfirm, "{}", {},
     "预警：招标项目 {case_number} 的报价筛查指向串通：变异系数 CV {cv}（低于 {maximum_cv}），相对"
     "距离 RD {rd}（高于 {minimum_rd}），共 {bid_count} 份投标。",
     "Warning: the price screens of tender {case_number} point to collusion: coefficient of "
     "variation CV {cv} (below {maximum_cv}) and relative distance RD {rd} (above {minimum_rd}) "
     "over {bid_count} bids.",
     "The bids lie close together (CV below 5 %) while the lowest lies far below the losing bids "
     "(RD above 1), the pattern of cover bidding. On labelled Japanese auction data the screens "
     "separate cartels poorly, so this is a lead to check.",
     kPriceScreens},
    // The red-flag indicators over the compiled OCDS releases of a division, one rule each.
    // {value} is the indicator's result for the process.
    // NOTE: Only results of the OCID group become cards, so R025, R038 and R048, which rate
    // tenderers, buyers and procuring entities, never raise one.
    {"procurement.indicator_r003", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R003（提交期限过短），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R003 (short submission period), "
     "value {value}.",
     "The tender period, in whole days from start to end, is shorter than 15 days.",
     kRedFlagIndicators},
    {"procurement.indicator_r018", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R018（单一投标），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R018 (single bid), "
     "value {value}.",
     "Exactly one tenderer bid under an open or selective procurement method.",
     kRedFlagIndicators},
    {"procurement.indicator_r024", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R024（次低价与中标价过近），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R024 (price close to winning bid), "
     "value {value}.",
     "The second-lowest valid bid exceeds the winning bid by a fraction at or below the lower "
     "fence (Q1 - 1.5 IQR) of that fraction over the division's processes.",
     kRedFlagIndicators},
    {"procurement.indicator_r025", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R025（投标屡次落选），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R025 (excessive unsuccessful bids), "
     "value {value}.",
     "A tenderer with many valid bids wins a share of them at or below the lower fence of the "
     "shares of the other tenderers. Rates tenderers, not processes, so it raises no card yet.",
     kRedFlagIndicators},
    {"procurement.indicator_r028", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R028（投标报价相同），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R028 (identical bid prices), "
     "value {value}.",
     "Different tenderers bid the same amount in one process.",
     kRedFlagIndicators},
    {"procurement.indicator_r030", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R030（逾期投标中标），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R030 (late bid won), "
     "value {value}.",
     "A valid bid dated after the tender period's end belongs to a supplier of an active award.",
     kRedFlagIndicators},
    {"procurement.indicator_r035", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R035（除中标人外全部被取消资格），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R035 (all except winner disqualified), "
     "value {value}.",
     "Exactly one tenderer has valid bids, it is the awarded supplier, and at least one other "
     "tenderer was disqualified.",
     kRedFlagIndicators},
    {"procurement.indicator_r036", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R036（最低价投标被取消资格），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R036 (lowest bid disqualified), "
     "value {value}.",
     "An award is active and the lowest submitted bid was disqualified.",
     kRedFlagIndicators},
    {"procurement.indicator_r038", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R038（取消资格比例过高），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R038 (excessive disqualified bids), "
     "value {value}.",
     "The share of disqualified bids is at or above the upper fence (Q3 + 1.5 IQR) of that share "
     "over the division's buyers, procuring entities or tenderers. Rates those, not processes, "
     "so it raises no card yet.",
     kRedFlagIndicators},
    {"procurement.indicator_r048", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R048（供应商跨类过多），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R048 (heterogeneous supplier), "
     "value {value}.",
     "A supplier was awarded items in a number of distinct classifications at or above the upper "
     "fence over the other suppliers. Rates suppliers, not processes, so it raises no card "
     "yet.",
     kRedFlagIndicators},
    {"procurement.indicator_r058", "procurement", Level::kWarning, RuleMode::kConfirm, "{}",
     {},
     "预警：采购项目 {case_number} 触发红旗指标 R058（中标价大幅低于次低价），指标值 {value}。",
     "Warning: contracting process {case_number} raised red-flag indicator R058 (heavily discounted bid), "
     "value {value}.",
     "The second-lowest valid bid exceeds the winning bid by a fraction at or above the upper "
     "fence (Q3 + 1.5 IQR) of that fraction over the division's processes.",
     kRedFlagIndicators},
};

}  // namespace

std::span<const RuleDefinition> ProcurementRuleDefinitions() { return kProcurementRules; }

}  // namespace mingjing::supervision
