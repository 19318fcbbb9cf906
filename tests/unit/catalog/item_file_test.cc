#include <gtest/gtest.h>

#include "catalog/item_import.h"

namespace mingjing::catalog {
namespace {

TEST(ItemFile, ReadsSharedCatalogue) {
  auto departments = LoadItemFile(std::string(MINGJING_SHARED_DATA) +
                                  "/service-items/guangan-district-items.json");
  ASSERT_TRUE(departments.has_value()) << departments.error().message;
  EXPECT_EQ(departments->size(), 34u);
  size_t items = 0;
  for (const auto& d : *departments) {
    EXPECT_FALSE(d.code.empty()) << d.name;
    items += d.items.size();
  }
  EXPECT_EQ(items, 1135u);
  EXPECT_EQ(departments->front().name, "区经信局");
  EXPECT_EQ(departments->front().code, "11511301008778183N");
  EXPECT_EQ(departments->front().items.front().task_type, "10");
  EXPECT_EQ(departments->front().items.front().group_name, "");
}

TEST(ItemFile, KeepsMainItemAsGroup) {
  auto parsed = ParseItemFile(R"([{"department": "区司法局", "items": [
      {"main_item": "公证业务预约办理", "sub_items": [{"name": "公证预约",
       "link": "http://example.invalid/x?itemCode=A-1&taskType=20&deptCode=D1"}]}]}])");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const SourceItem& item = parsed->front().items.front();
  EXPECT_EQ(item.code, "A-1");
  EXPECT_EQ(item.task_type, "20");
  EXPECT_EQ(item.group_name, "公证业务预约办理");
  EXPECT_EQ(parsed->front().code, "D1");
}

TEST(ItemFile, RejectsNonArray) {
  auto parsed = ParseItemFile(R"({"department": "区司法局"})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
}

}  // namespace
}  // namespace mingjing::catalog
