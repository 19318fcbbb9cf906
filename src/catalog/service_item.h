// Government service items (政务服务事项): what a citizen may apply for, at which department,
// on what legal basis, with which materials, at what fee and within what time limits.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/time_limit.h"
#include "common/error.h"

namespace mingjing::catalog {

// The kind of power or service an item exercises, by the national catalogue's classification.
enum class ItemType {
  kLicensing,      // 行政许可
  kPenalty,        // 行政处罚
  kConfirmation,   // 行政确认
  kPayment,        // 行政给付
  kPublicService,  // 公共服务
  kOther,  // every other power: 行政强制, 行政征收, 行政裁决, 行政奖励, 其他行政权力 …
};

// "licensing", "penalty", "confirmation", "payment", "public_service", "other".
std::string_view ItemTypeName(ItemType type);
std::optional<ItemType> ParseItemType(std::string_view name);
// Every name of ItemTypeName, comma-separated, for error messages.
std::string ItemTypeNameList();

// The type of a task_type code of the Sichuan service portal.
// NOTE: The portal publishes no table of these codes. The mapping follows the order of the
// national list of power types (1 许可, 2 处罚, 5 给付, 7 确认, 20 公共服务), which agrees with the
// item names in the Guang'an District catalogue. Any other code maps to kOther.
ItemType ItemTypeOfTaskType(std::string_view task_type);

// A document the applicant hands in.
struct Material {
  std::string name;
  int copies = 1;
  std::string note;  // original or copy, format, who issues it
};

// Fee of an item (收费). Most items are free by law, and a fee needs its own legal basis.
struct Fee {
  bool free = true;
  int64_t amount_fen = 0;  // standard amount in fen (0.01 yuan); 0 when free
  std::string basis;       // the regulation and article that allow the fee
};

// The steps an item passes through, in this order. An item uses 受理 and 办结 and any of the two
// between them.
inline constexpr std::string_view kStepNames[] = {"受理", "审查", "决定", "办结"};

struct Step {
  std::string name;  // one of kStepNames
  calendar::TimeLimit limit;
};

struct ServiceItem {
  int64_t id = 0;
  std::string code;  // item code of the provincial catalogue; unique
  std::string name;
  int64_t department_id = 0;
  std::string division_code;
  ItemType type = ItemType::kOther;
  std::string task_type;   // the source catalogue's numeric type code
  std::string group_name;  // the main item (主项) it is listed under, "" when none
  std::string legal_basis;
  std::string conditions;  // 受理条件
  std::vector<Material> materials;
  Fee fee;
  calendar::TimeLimit statutory_limit;  // 法定时限
  calendar::TimeLimit promised_limit;   // 承诺时限, never longer than the statutory one
  std::vector<Step> steps;
  // True while a limit, the fee or the steps are the import defaults that no administrator has
  // confirmed.
  bool needs_review = true;
  int version = 1;
  int64_t created_at = 0;  // seconds since the Unix epoch
  int64_t updated_at = 0;
};

// The JSON form used by the API and the version history.
boost::json::object TimeLimitToJson(const calendar::TimeLimit& limit);
boost::json::object ItemToJson(const ServiceItem& item);

// Readers of the JSON form. Each error names the offending member below `field`, e.g.
// "steps[2].limit.unit".
Result<calendar::TimeLimit> TimeLimitFromJson(const boost::json::value& value,
                                              const std::string& field);
Result<Fee> FeeFromJson(const boost::json::value& value, const std::string& field);
Result<std::vector<Step>> StepsFromJson(const boost::json::value& value, const std::string& field);
Result<std::vector<Material>> MaterialsFromJson(const boost::json::value& value,
                                                const std::string& field);

// An administrator's change to an item. Absent members stay as they are.
struct ItemChange {
  std::optional<calendar::TimeLimit> statutory_limit;
  std::optional<calendar::TimeLimit> promised_limit;
  std::optional<Fee> fee;
  std::optional<std::vector<Step>> steps;
  std::optional<bool> needs_review;
  std::optional<std::string> legal_basis;
  std::optional<std::string> conditions;
  std::optional<std::vector<Material>> materials;
};

// Every problem of `item`, each naming its field ("promised_limit.amount", "steps[1].name"),
// in field order. Empty when the item is valid.
std::vector<Error> ValidateItem(const ServiceItem& item);

// Applies `change` to a copy of `item`.
ServiceItem ApplyChange(ServiceItem item, const ItemChange& change);

}  // namespace mingjing::catalog
