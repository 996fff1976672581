// Exact two-place decimals.
#include "api/formats.hpp"

#include <gtest/gtest.h>

namespace ctom::api {
namespace {

TEST(ParseHundredths, ReadsAtMostTwoDecimalsExactly) {
  EXPECT_EQ(ParseHundredths("12"), 1200);
  EXPECT_EQ(ParseHundredths("12.5"), 1250);
  EXPECT_EQ(ParseHundredths("12.34"), 1234);
  EXPECT_EQ(ParseHundredths("0.01"), 1);
  EXPECT_EQ(ParseHundredths("-3.05"), -305);
  for (const char* text : {"", "1.234", "1.", ".5", "01", "1e2", "1,5", "+1", "- 1", "abc"}) {
    EXPECT_FALSE(ParseHundredths(text).has_value()) << text;
  }
}

TEST(HundredthsFromDouble, AcceptsOnlyDoublesThatAreTwoPlaceDecimals) {
  EXPECT_EQ(HundredthsFromDouble(12.34), 1234);
  EXPECT_EQ(HundredthsFromDouble(0.1), 10);
  EXPECT_EQ(HundredthsFromDouble(1.1), 110);
  EXPECT_EQ(HundredthsFromDouble(2.675), std::nullopt);  // three places
  EXPECT_EQ(HundredthsFromDouble(1.005), std::nullopt);
  EXPECT_EQ(HundredthsFromDouble(0.1 + 0.2), std::nullopt);  // 0.30000000000000004
  EXPECT_EQ(HundredthsFromDouble(-0.0), 0);
  EXPECT_EQ(HundredthsFromDouble(1e300), std::nullopt);
}

TEST(FormatHundredths, WritesTheShortestExactText) {
  EXPECT_EQ(FormatHundredths(1250), "12.5");
  EXPECT_EQ(FormatHundredths(1200), "12");
  EXPECT_EQ(FormatHundredths(25), "0.25");
  EXPECT_EQ(FormatHundredths(-305), "-3.05");
}

}  // namespace
}  // namespace ctom::api
