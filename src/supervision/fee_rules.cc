// Fee rules: a fee on a free item, fees above the standard, and missing or duplicate receipt
// numbers, duplicates both within a case and across the cases of a department or sending system.
// Amounts are in fen.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "supervision/case_rules.h"

namespace mingjing::supervision {
namespace {

namespace json = boost::json;
using exchange::EventType;

std::vector<const CaseEvent*> Fees(const std::vector<CaseEvent>& events) {
  std::vector<const CaseEvent*> fees;
  for (const CaseEvent& e : events) {
    if (e.type == EventType::kFeeCharged) fees.push_back(&e);
  }
  return fees;
}

std::string Trimmed(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string AsciiLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return text;
}

bool IsPlaceholder(const std::string& receipt, const std::vector<std::string>& placeholders) {
  std::string normalised = AsciiLower(Trimmed(receipt));
  if (normalised.empty()) return true;
  return std::any_of(placeholders.begin(), placeholders.end(),
                     [&](const std::string& p) { return AsciiLower(Trimmed(p)) == normalised; });
}

json::object FeeEvidence(const CaseEvent& fee) {
  return {{"event_id", fee.event_id},
          {"occurred_at", LocalMinute(fee.occurred_at)},
          {"amount_fen", fee.Number("amount_fen")},
          {"receipt_number", fee.Text("receipt_number")}};
}

// Another case that carries the same receipt number, and what it shares with this one.
json::object OtherCaseEvidence(const exchange::ReceiptUse& use) {
  return {{"case_id", use.case_id},
          {"case_number", use.case_number},
          {"event_id", use.event_id},
          {"occurred_at", LocalMinute(use.occurred_at)},
          {"sender_system", use.sender_system},
          {"department_code", use.department_code},
          {"department_id", use.department_id},
          {"shared", use.same_department ? "department" : "sending_system"}};
}

void JudgeFreeItem(const JudgeContext& context, const std::vector<const CaseEvent*>& fees,
                   Judgement& judgement) {
  const auto& item = context.facts.item;
  if (!item || !item->fee.free || !context.Enabled("fee.free_item")) return;
  json::object settings = context.Settings("fee.free_item");
  for (const CaseEvent* fee : fees) {
    Finding f = context.MakeFinding("fee.free_item", fee->event_id, settings);
    f.vars["amount_yuan"] = Yuan(fee->Number("amount_fen"));
    f.vars["receipt_number"] = fee->Text("receipt_number");
    f.evidence = FeeEvidence(*fee);
    f.evidence["item_fee_basis"] = item->fee.basis;
    judgement.findings.push_back(std::move(f));
  }
}

void JudgeAboveStandard(const JudgeContext& context, const std::vector<const CaseEvent*>& fees,
                        Judgement& judgement) {
  const auto& item = context.facts.item;
  if (!item || item->fee.free || item->fee.amount_fen <= 0 || fees.empty() ||
      !context.Enabled("fee.above_standard")) {
    return;
  }
  json::object settings = context.Settings("fee.above_standard");
  int64_t total = 0;
  json::array charged;
  for (const CaseEvent* fee : fees) {
    total += fee->Number("amount_fen");
    charged.push_back(FeeEvidence(*fee));
  }
  if (total <= item->fee.amount_fen + SettingInt(settings, "tolerance_fen", 0)) return;

  Finding f = context.MakeFinding("fee.above_standard", "total", settings);
  f.vars["amount_yuan"] = Yuan(total);
  f.vars["standard_yuan"] = Yuan(item->fee.amount_fen);
  f.evidence = {{"total_fen", total},
                {"standard_fen", item->fee.amount_fen},
                {"standard_basis", item->fee.basis},
                {"fees", std::move(charged)}};
  judgement.findings.push_back(std::move(f));
}

void JudgeReceipts(const JudgeContext& context, const std::vector<const CaseEvent*>& fees,
                   Judgement& judgement) {
  json::object missing_settings = context.Settings("fee.receipt_missing");
  std::vector<std::string> placeholders = SettingTexts(missing_settings, "placeholder_receipts");
  std::map<std::string, std::vector<const CaseEvent*>> by_receipt;

  for (const CaseEvent* fee : fees) {
    std::string receipt = fee->Text("receipt_number");
    if (!IsPlaceholder(receipt, placeholders)) {
      by_receipt[Trimmed(receipt)].push_back(fee);
      continue;
    }
    if (!context.Enabled("fee.receipt_missing")) continue;
    Finding f = context.MakeFinding("fee.receipt_missing", fee->event_id, missing_settings);
    f.vars["amount_yuan"] = Yuan(fee->Number("amount_fen"));
    f.vars["event_id"] = fee->event_id;
    f.evidence = FeeEvidence(*fee);
    judgement.findings.push_back(std::move(f));
  }

  if (!context.Enabled("fee.receipt_duplicate")) return;
  json::object settings = context.Settings("fee.receipt_duplicate");
  for (const auto& [receipt, uses] : by_receipt) {
    std::vector<const exchange::ReceiptUse*> elsewhere;
    for (const exchange::ReceiptUse& use : context.facts.receipt_uses_elsewhere) {
      if (use.receipt_number == receipt) elsewhere.push_back(&use);
    }
    if (uses.size() < 2 && elsewhere.empty()) continue;

    Finding f = context.MakeFinding("fee.receipt_duplicate", receipt, settings);
    f.vars["receipt_number"] = receipt;
    f.vars["count"] = int64_t(uses.size() + elsewhere.size());
    std::string other_numbers;
    json::array list;
    for (const CaseEvent* fee : uses) list.push_back(FeeEvidence(*fee));
    json::array other_cases;
    for (const exchange::ReceiptUse* use : elsewhere) {
      if (!other_numbers.empty()) other_numbers += ", ";
      other_numbers += use->case_number;
      other_cases.push_back(OtherCaseEvidence(*use));
    }
    f.vars["elsewhere_zh"] = other_numbers.empty() ? "" : "，另见办件 " + other_numbers;
    f.vars["elsewhere_en"] = other_numbers.empty() ? "" : ", also on case " + other_numbers;
    f.evidence = {{"receipt_number", receipt}, {"fees", std::move(list)}};
    if (!other_cases.empty()) f.evidence["other_cases"] = std::move(other_cases);
    judgement.findings.push_back(std::move(f));
  }
}

}  // namespace

void JudgeFeeRules(const JudgeContext& context, Judgement& judgement) {
  std::vector<const CaseEvent*> fees = Fees(context.facts.events);
  if (fees.empty()) return;
  JudgeFreeItem(context, fees, judgement);
  JudgeAboveStandard(context, fees, judgement);
  JudgeReceipts(context, fees, judgement);
}

}  // namespace mingjing::supervision
