#include "catalog/service_item.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/item_import.h"

namespace mingjing::catalog {
namespace {

using calendar::TimeLimit;

ServiceItem ValidLicensingItem() {
  ServiceItem item;
  item.code = "511A0138000000-511602000000-000-115113010833722043-1-00";
  item.name = "适龄儿童、少年因身体状况需要延缓入学或者休学审批";
  item.type = ItemType::kLicensing;
  ItemDefaults defaults = DefaultsFor(item.type);
  item.statutory_limit = defaults.statutory_limit;
  item.promised_limit = defaults.promised_limit;
  item.steps = defaults.steps;
  return item;
}

std::vector<std::string> Fields(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(ItemType, TaskTypeCodes) {
  EXPECT_EQ(ItemTypeOfTaskType("1"), ItemType::kLicensing);
  EXPECT_EQ(ItemTypeOfTaskType("2"), ItemType::kPenalty);
  EXPECT_EQ(ItemTypeOfTaskType("5"), ItemType::kPayment);
  EXPECT_EQ(ItemTypeOfTaskType("7"), ItemType::kConfirmation);
  EXPECT_EQ(ItemTypeOfTaskType("20"), ItemType::kPublicService);
  EXPECT_EQ(ItemTypeOfTaskType("10"), ItemType::kOther);
  EXPECT_EQ(ItemTypeOfTaskType(""), ItemType::kOther);
}

TEST(ItemType, NamesRoundTrip) {
  for (ItemType type : {ItemType::kLicensing, ItemType::kPenalty, ItemType::kConfirmation,
                        ItemType::kPayment, ItemType::kPublicService, ItemType::kOther}) {
    EXPECT_EQ(ParseItemType(ItemTypeName(type)), type);
  }
  EXPECT_FALSE(ParseItemType("permit").has_value());
}

TEST(DefaultsFor, EveryTypeIsValid) {
  for (ItemType type : {ItemType::kLicensing, ItemType::kPenalty, ItemType::kConfirmation,
                        ItemType::kPayment, ItemType::kPublicService, ItemType::kOther}) {
    ServiceItem item = ValidLicensingItem();
    item.type = type;
    ItemDefaults defaults = DefaultsFor(type);
    item.statutory_limit = defaults.statutory_limit;
    item.promised_limit = defaults.promised_limit;
    item.steps = defaults.steps;
    EXPECT_TRUE(ValidateItem(item).empty()) << ItemTypeName(type);
  }
}

TEST(ValidateItem, PromisedLongerThanStatutory) {
  ServiceItem item = ValidLicensingItem();
  item.promised_limit = TimeLimit::WorkingDays(21);
  EXPECT_EQ(Fields(ValidateItem(item)), std::vector<std::string>{"promised_limit.amount"});
}

TEST(ValidateItem, ImmediateStatutoryNeedsImmediatePromise) {
  ServiceItem item = ValidLicensingItem();
  item.statutory_limit = TimeLimit::Immediate();
  item.steps.clear();
  EXPECT_EQ(Fields(ValidateItem(item)), std::vector<std::string>{"promised_limit"});
}

TEST(ValidateItem, FeeRules) {
  ServiceItem item = ValidLicensingItem();
  item.fee = {true, 100, ""};
  EXPECT_EQ(Fields(ValidateItem(item)), std::vector<std::string>{"fee.amount_fen"});
  item.fee = {false, 0, ""};
  EXPECT_EQ(Fields(ValidateItem(item)), (std::vector<std::string>{"fee.amount_fen", "fee.basis"}));
  item.fee = {false, 2000, "《不动产登记收费标准》"};
  EXPECT_TRUE(ValidateItem(item).empty());
}

TEST(ValidateItem, StepsOrderAndTotal) {
  ServiceItem item = ValidLicensingItem();
  item.steps = {{"审查", TimeLimit::WorkingDays(1)}, {"受理", TimeLimit::WorkingDays(1)}};
  std::vector<std::string> fields = Fields(ValidateItem(item));
  EXPECT_EQ(fields, (std::vector<std::string>{"steps[1].name", "steps[0].name", "steps[1].name"}));

  item.steps = {{"受理", TimeLimit::WorkingDays(5)}, {"办结", TimeLimit::WorkingDays(6)}};
  EXPECT_EQ(Fields(ValidateItem(item)), std::vector<std::string>{"steps"});

  item.steps = {{"受理", TimeLimit::WorkingDays(0)}, {"办结", TimeLimit::WorkingDays(1)}};
  EXPECT_EQ(Fields(ValidateItem(item)), std::vector<std::string>{"steps[0].limit.amount"});
}

TEST(ValidateItem, MaterialCopies) {
  ServiceItem item = ValidLicensingItem();
  item.materials = {{"身份证", 1, "原件"}, {"", 0, ""}};
  EXPECT_EQ(Fields(ValidateItem(item)),
            (std::vector<std::string>{"materials[1].name", "materials[1].copies"}));
}

TEST(ItemJson, LimitParsingNamesField) {
  auto limit =
      TimeLimitFromJson(boost::json::parse(R"({"unit": "weeks", "amount": 2})"), "steps[2].limit");
  ASSERT_FALSE(limit.has_value());
  EXPECT_EQ(limit.error().field, "steps[2].limit.unit");

  limit = TimeLimitFromJson(boost::json::parse(R"({"unit": "working_days"})"), "promised_limit");
  ASSERT_FALSE(limit.has_value());
  EXPECT_EQ(limit.error().field, "promised_limit.amount");

  limit = TimeLimitFromJson(boost::json::parse(R"({"unit": "immediate"})"), "promised_limit");
  ASSERT_TRUE(limit.has_value());
  EXPECT_EQ(limit->unit, calendar::LimitUnit::kImmediate);
}

TEST(ItemJson, StepsRoundTrip) {
  ServiceItem item = ValidLicensingItem();
  boost::json::object json = ItemToJson(item);
  auto steps = StepsFromJson(json.at("steps"), "steps");
  ASSERT_TRUE(steps.has_value()) << steps.error().message;
  ASSERT_EQ(steps->size(), item.steps.size());
  for (size_t i = 0; i < steps->size(); ++i) {
    EXPECT_EQ((*steps)[i].name, item.steps[i].name);
    EXPECT_EQ((*steps)[i].limit.amount, item.steps[i].limit.amount);
  }
}

}  // namespace
}  // namespace mingjing::catalog
