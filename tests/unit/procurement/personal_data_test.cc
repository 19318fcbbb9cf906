#include "procurement/personal_data.h"

#include <gtest/gtest.h>

namespace mingjing::procurement {
namespace {

TEST(PersonalDataMask, Phone) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("0826-2345678"), "082****5678");
  EXPECT_EQ(MaskPhone("12345"), "****");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(PersonalDataMask, Email) {
  EXPECT_EQ(MaskEmail("zhang.wei@example.com"), "z****@example.com");
  EXPECT_EQ(MaskEmail("no-at-sign"), "****");
  EXPECT_EQ(MaskEmail("@example.com"), "****");
  EXPECT_EQ(MaskEmail(""), "");
}

TEST(PersonalDataMask, AddressKeepsSixCodePoints) {
  EXPECT_EQ(MaskAddress("四川省广安市广安区建设路 8 号"), "四川省广安市****");
  EXPECT_EQ(MaskAddress("Room 5, No. 3 Road"), "Room 5****");
  EXPECT_EQ(MaskAddress("广安区"), "****");  // too short to show any part
  EXPECT_EQ(MaskAddress(""), "");
}

TEST(PersonalDataMask, Account) {
  EXPECT_EQ(MaskAccount("6222020200112233"), "****2233");
  EXPECT_EQ(MaskAccount("1234"), "****");
  EXPECT_EQ(MaskAccount(""), "");
}

}  // namespace
}  // namespace mingjing::procurement
