#include "catalog/service_item.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace mingjing::catalog {
namespace {

constexpr std::array<std::pair<ItemType, std::string_view>, 6> kTypeNames = {{
    {ItemType::kLicensing, "licensing"},
    {ItemType::kPenalty, "penalty"},
    {ItemType::kConfirmation, "confirmation"},
    {ItemType::kPayment, "payment"},
    {ItemType::kPublicService, "public_service"},
    {ItemType::kOther, "other"},
}};

constexpr size_t kMaxTextBytes = 20'000;
constexpr size_t kMaxMaterials = 200;
constexpr int kMaxCopies = 100;
// 1,000,000 yuan; no item fee of a district comes near it, so a larger value is a typing error.
constexpr int64_t kMaxFeeFen = 100'000'000;

int StepIndex(std::string_view name) {
  for (size_t i = 0; i < std::size(kStepNames); ++i) {
    if (kStepNames[i] == name) return int(i);
  }
  return -1;
}

// The promised limit may not be longer than the statutory one. Limits in different units other
// than immediate are not compared, because a month has no fixed number of working days.
void CheckPromisedWithinStatutory(const ServiceItem& item, std::vector<Error>& errors) {
  const auto& statutory = item.statutory_limit;
  const auto& promised = item.promised_limit;
  if (statutory.unit == calendar::LimitUnit::kImmediate &&
      promised.unit != calendar::LimitUnit::kImmediate) {
    errors.push_back(Error::InvalidField(
        "promised_limit", "an immediate item (即办件) must also promise immediate handling"));
  }
  if (statutory.unit == promised.unit && statutory.unit != calendar::LimitUnit::kImmediate &&
      promised.amount > statutory.amount) {
    errors.push_back(Error::InvalidField(
        "promised_limit.amount",
        fmt::format("the promised limit {} is longer than the statutory limit {}", promised.amount,
                    statutory.amount)));
  }
}

void CheckFee(const Fee& fee, std::vector<Error>& errors) {
  if (fee.free && fee.amount_fen != 0) {
    errors.push_back(Error::InvalidField("fee.amount_fen", "a free item must have amount_fen 0"));
  }
  if (!fee.free && (fee.amount_fen <= 0 || fee.amount_fen > kMaxFeeFen)) {
    errors.push_back(Error::InvalidField(
        "fee.amount_fen",
        fmt::format("a fee must be from 1 to {} fen, not {}", kMaxFeeFen, fee.amount_fen)));
  }
  if (!fee.free && fee.basis.empty()) {
    errors.push_back(Error::InvalidField(
        "fee.basis", "a fee needs its legal basis: name the regulation and article"));
  }
  if (fee.basis.size() > kMaxTextBytes) {
    errors.push_back(Error::InvalidField("fee.basis", "fee.basis is longer than 20000 bytes"));
  }
}

void CheckSteps(const ServiceItem& item, std::vector<Error>& errors) {
  int previous = -1;
  for (size_t i = 0; i < item.steps.size(); ++i) {
    const Step& step = item.steps[i];
    std::string field = fmt::format("steps[{}]", i);
    int index = StepIndex(step.name);
    if (index < 0) {
      errors.push_back(Error::InvalidField(
          field + ".name",
          fmt::format("unknown step '{}': use 受理, 审查, 决定 or 办结", step.name)));
    } else if (index <= previous) {
      errors.push_back(Error::InvalidField(
          field + ".name",
          fmt::format("step {} is out of order: steps run 受理, 审查, 决定, 办结", step.name)));
    } else {
      previous = index;
    }
    if (auto ok = calendar::ValidateTimeLimit(step.limit, field + ".limit"); !ok) {
      errors.push_back(ok.error());
    }
  }
  if (item.steps.empty()) return;
  if (item.steps.front().name != kStepNames[0]) {
    errors.push_back(Error::InvalidField("steps[0].name", "the first step must be 受理"));
  }
  if (item.steps.back().name != kStepNames[3]) {
    errors.push_back(Error::InvalidField(fmt::format("steps[{}].name", item.steps.size() - 1),
                                         "the last step must be 办结"));
  }

  // Step limits in the promised limit's unit must fit inside it.
  int total = 0;
  for (const Step& step : item.steps) {
    if (step.limit.unit != item.promised_limit.unit) return;
    total += step.limit.amount;
  }
  if (item.promised_limit.unit != calendar::LimitUnit::kImmediate &&
      total > item.promised_limit.amount) {
    errors.push_back(Error::InvalidField(
        "steps", fmt::format("the step limits add up to {}, more than the promised limit {}", total,
                             item.promised_limit.amount)));
  }
}

void CheckMaterials(const std::vector<Material>& materials, std::vector<Error>& errors) {
  if (materials.size() > kMaxMaterials) {
    errors.push_back(Error::InvalidField("materials", "more than 200 materials"));
    return;
  }
  for (size_t i = 0; i < materials.size(); ++i) {
    if (materials[i].name.empty() || materials[i].name.size() > 1000) {
      errors.push_back(Error::InvalidField(fmt::format("materials[{}].name", i),
                                           "a material needs a name of at most 1000 bytes"));
    }
    if (materials[i].copies < 1 || materials[i].copies > kMaxCopies) {
      errors.push_back(Error::InvalidField(fmt::format("materials[{}].copies", i),
                                           "copies must be from 1 to 100"));
    }
  }
}

}  // namespace

std::string_view ItemTypeName(ItemType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  return "other";
}

std::optional<ItemType> ParseItemType(std::string_view name) {
  for (const auto& [value, known] : kTypeNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

std::string ItemTypeNameList() {
  std::string out;
  for (const auto& [value, name] : kTypeNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

ItemType ItemTypeOfTaskType(std::string_view task_type) {
  if (task_type == "1") return ItemType::kLicensing;
  if (task_type == "2") return ItemType::kPenalty;
  if (task_type == "5") return ItemType::kPayment;
  if (task_type == "7") return ItemType::kConfirmation;
  if (task_type == "20") return ItemType::kPublicService;
  return ItemType::kOther;
}

boost::json::object TimeLimitToJson(const calendar::TimeLimit& limit) {
  return {{"unit", calendar::LimitUnitName(limit.unit)}, {"amount", limit.amount}};
}

boost::json::object ItemToJson(const ServiceItem& item) {
  boost::json::array materials;
  for (const Material& m : item.materials) {
    materials.push_back({{"name", m.name}, {"copies", m.copies}, {"note", m.note}});
  }
  boost::json::array steps;
  for (const Step& s : item.steps) {
    steps.push_back({{"name", s.name}, {"limit", TimeLimitToJson(s.limit)}});
  }
  return {
      {"id", item.id},
      {"code", item.code},
      {"name", item.name},
      {"department_id", item.department_id},
      {"division_code", item.division_code},
      {"type", ItemTypeName(item.type)},
      {"task_type", item.task_type},
      {"group_name", item.group_name},
      {"legal_basis", item.legal_basis},
      {"conditions", item.conditions},
      {"materials", std::move(materials)},
      {"fee",
       {{"free", item.fee.free}, {"amount_fen", item.fee.amount_fen}, {"basis", item.fee.basis}}},
      {"statutory_limit", TimeLimitToJson(item.statutory_limit)},
      {"promised_limit", TimeLimitToJson(item.promised_limit)},
      {"steps", std::move(steps)},
      {"needs_review", item.needs_review},
      {"version", item.version},
      {"created_at", item.created_at},
      {"updated_at", item.updated_at}};
}

std::vector<Error> ValidateItem(const ServiceItem& item) {
  std::vector<Error> errors;
  if (item.code.empty() || item.code.size() > 128) {
    errors.push_back(Error::InvalidField("code", "code is required, at most 128 bytes"));
  }
  if (item.name.empty() || item.name.size() > 1000) {
    errors.push_back(Error::InvalidField("name", "name is required, at most 1000 bytes"));
  }
  if (item.legal_basis.size() > kMaxTextBytes) {
    errors.push_back(Error::InvalidField("legal_basis", "legal_basis is longer than 20000 bytes"));
  }
  if (item.conditions.size() > kMaxTextBytes) {
    errors.push_back(Error::InvalidField("conditions", "conditions is longer than 20000 bytes"));
  }
  CheckMaterials(item.materials, errors);
  CheckFee(item.fee, errors);
  if (auto ok = calendar::ValidateTimeLimit(item.statutory_limit, "statutory_limit"); !ok) {
    errors.push_back(ok.error());
  }
  if (auto ok = calendar::ValidateTimeLimit(item.promised_limit, "promised_limit"); !ok) {
    errors.push_back(ok.error());
  }
  CheckPromisedWithinStatutory(item, errors);
  CheckSteps(item, errors);
  return errors;
}

ServiceItem ApplyChange(ServiceItem item, const ItemChange& change) {
  if (change.statutory_limit) item.statutory_limit = *change.statutory_limit;
  if (change.promised_limit) item.promised_limit = *change.promised_limit;
  if (change.fee) item.fee = *change.fee;
  if (change.steps) item.steps = *change.steps;
  if (change.needs_review) item.needs_review = *change.needs_review;
  if (change.legal_basis) item.legal_basis = *change.legal_basis;
  if (change.conditions) item.conditions = *change.conditions;
  if (change.materials) item.materials = *change.materials;
  return item;
}

}  // namespace mingjing::catalog

namespace mingjing::catalog {
namespace {

Result<const boost::json::object*> ObjectAt(const boost::json::value& value,
                                            const std::string& field) {
  if (!value.is_object()) return Error::InvalidField(field, field + " must be a JSON object");
  return &value.as_object();
}

Result<std::string> StringMember(const boost::json::object& object, std::string_view key,
                                 const std::string& field, bool required) {
  const boost::json::value* member = object.if_contains(key);
  std::string path = fmt::format("{}.{}", field, key);
  if (member == nullptr || member->is_null()) {
    if (required) return Error::InvalidField(path, path + " is required");
    return std::string();
  }
  if (!member->is_string()) return Error::InvalidField(path, path + " must be a string");
  return std::string(member->as_string());
}

Result<int64_t> IntMember(const boost::json::object& object, std::string_view key,
                          const std::string& field, std::optional<int64_t> fallback) {
  const boost::json::value* member = object.if_contains(key);
  std::string path = fmt::format("{}.{}", field, key);
  if (member == nullptr || member->is_null()) {
    if (fallback) return *fallback;
    return Error::InvalidField(path, path + " is required");
  }
  if (member->is_int64()) return member->as_int64();
  if (member->is_uint64() && member->as_uint64() <= uint64_t(INT64_MAX)) {
    return int64_t(member->as_uint64());
  }
  return Error::InvalidField(path, path + " must be a whole number");
}

Result<const boost::json::array*> ArrayAt(const boost::json::value& value,
                                          const std::string& field) {
  if (!value.is_array()) return Error::InvalidField(field, field + " must be a JSON array");
  return &value.as_array();
}

}  // namespace

Result<calendar::TimeLimit> TimeLimitFromJson(const boost::json::value& value,
                                              const std::string& field) {
  auto object = ObjectAt(value, field);
  if (!object) return object.error();
  auto unit_name = StringMember(**object, "unit", field, true);
  if (!unit_name) return unit_name.error();
  auto unit = calendar::ParseLimitUnit(*unit_name, field + ".unit");
  if (!unit) return unit.error();
  auto amount = IntMember(
      **object, "amount", field,
      *unit == calendar::LimitUnit::kImmediate ? std::optional<int64_t>(0) : std::nullopt);
  if (!amount) return amount.error();
  if (*amount < 0 || *amount > 1'000'000) {
    return Error::InvalidField(field + ".amount", field + ".amount is out of range");
  }
  calendar::TimeLimit limit{*unit, int(*amount)};
  if (auto ok = calendar::ValidateTimeLimit(limit, field); !ok) return ok.error();
  return limit;
}

Result<Fee> FeeFromJson(const boost::json::value& value, const std::string& field) {
  auto object = ObjectAt(value, field);
  if (!object) return object.error();
  Fee fee;
  const boost::json::value* free = (*object)->if_contains("free");
  if (free == nullptr || !free->is_bool()) {
    return Error::InvalidField(field + ".free", field + ".free must be true or false");
  }
  fee.free = free->as_bool();
  auto amount = IntMember(**object, "amount_fen", field, 0);
  if (!amount) return amount.error();
  fee.amount_fen = *amount;
  auto basis = StringMember(**object, "basis", field, false);
  if (!basis) return basis.error();
  fee.basis = *basis;
  return fee;
}

Result<std::vector<Step>> StepsFromJson(const boost::json::value& value, const std::string& field) {
  auto array = ArrayAt(value, field);
  if (!array) return array.error();
  if ((*array)->size() > std::size(kStepNames)) {
    return Error::InvalidField(field, "an item has at most 4 steps: 受理, 审查, 决定, 办结");
  }
  std::vector<Step> steps;
  for (size_t i = 0; i < (*array)->size(); ++i) {
    std::string path = fmt::format("{}[{}]", field, i);
    auto object = ObjectAt((**array)[i], path);
    if (!object) return object.error();
    auto name = StringMember(**object, "name", path, true);
    if (!name) return name.error();
    const boost::json::value* limit_value = (*object)->if_contains("limit");
    if (limit_value == nullptr) {
      return Error::InvalidField(path + ".limit", path + ".limit is required");
    }
    auto limit = TimeLimitFromJson(*limit_value, path + ".limit");
    if (!limit) return limit.error();
    steps.push_back({*name, *limit});
  }
  return steps;
}

Result<std::vector<Material>> MaterialsFromJson(const boost::json::value& value,
                                                const std::string& field) {
  auto array = ArrayAt(value, field);
  if (!array) return array.error();
  std::vector<Material> materials;
  for (size_t i = 0; i < (*array)->size(); ++i) {
    std::string path = fmt::format("{}[{}]", field, i);
    auto object = ObjectAt((**array)[i], path);
    if (!object) return object.error();
    auto name = StringMember(**object, "name", path, true);
    if (!name) return name.error();
    auto copies = IntMember(**object, "copies", path, 1);
    if (!copies) return copies.error();
    auto note = StringMember(**object, "note", path, false);
    if (!note) return note.error();
    materials.push_back({*name, int(std::clamp<int64_t>(*copies, -1, 1000)), *note});
  }
  return materials;
}

}  // namespace mingjing::catalog
