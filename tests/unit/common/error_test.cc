#include "common/error.h"

#include <gtest/gtest.h>

namespace mingjing {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Error::InvalidField("count", "count must be positive");
  return v;
}

TEST(Result, CarriesValueOrError) {
  auto ok = ParsePositive(3);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 3);

  auto bad = ParsePositive(0);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(bad.error().field, "count");
}

TEST(Result, ValueOnErrorThrows) {
  auto bad = ParsePositive(-1);
  EXPECT_THROW((void)bad.value(), ErrorException);
}

TEST(ErrorCodeName, IsStableSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidField), "invalid_field");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kRateLimited), "rate_limited");
}

}  // namespace
}  // namespace mingjing
