// Instants, dates, exact two-place decimals, hex and base64.
#include "api/formats.hpp"

#include <gtest/gtest.h>

namespace ctom::api {
namespace {

constexpr std::int64_t kSecond = 1'000'000;

TEST(ParseInstant, ConvertsAnOffsetToUtcMicroseconds) {
  // 2017-09-29T17:00:00-07:00 is 2017-09-30T00:00:00Z = 1506729600 s.
  EXPECT_EQ(ParseInstant("2017-09-29T17:00:00-07:00"), 1506729600 * kSecond);
  EXPECT_EQ(ParseInstant("2017-09-30T00:00:00Z"), 1506729600 * kSecond);
  EXPECT_EQ(ParseInstant("2017-09-30t05:30:00+05:30"), 1506729600 * kSecond);
  EXPECT_EQ(ParseInstant("1970-01-01T00:00:00z"), 0);
}

TEST(ParseInstant, KeepsFractionsUpToMicroseconds) {
  EXPECT_EQ(ParseInstant("1970-01-01T00:00:01.5Z"), 1'500'000);
  EXPECT_EQ(ParseInstant("1970-01-01T00:00:00.000001Z"), 1);
  EXPECT_FALSE(ParseInstant("1970-01-01T00:00:00.0000001Z").has_value());
  EXPECT_FALSE(ParseInstant("1970-01-01T00:00:00.Z").has_value());
}

TEST(ParseInstant, HandlesInstantsBeforeTheEpoch) {
  EXPECT_EQ(ParseInstant("1969-12-31T23:59:59Z"), -kSecond);
  EXPECT_EQ(ParseInstant("1969-12-31T23:59:59.5Z"), -500'000);
}

TEST(ParseInstant, RefusesEverythingThatIsNotRfc3339) {
  for (const char* text :
       {"", "2017-09-29", "2017-09-29T17:00:00", "2017-09-29 17:00:00Z", "2017-09-29T24:00:00Z",
        "2017-09-29T17:60:00Z", "2017-09-29T17:00:60Z", "2017-02-29T17:00:00Z",
        "2017-13-01T00:00:00Z", "2017-9-29T17:00:00Z", "2017-09-29T17:00:00+0700",
        "2017-09-29T17:00:00+24:00", "2017-09-29T17:00:00Zjunk", "0000-01-01T00:00:00Z",
        "2017-09-29T17:00:00 Z", "+2017-09-29T17:00:00Z"}) {
    EXPECT_FALSE(ParseInstant(text).has_value()) << text;
  }
}

TEST(FormatInstant, WritesUtcWithZAndMicrosecondsOnlyWhenPresent) {
  EXPECT_EQ(FormatInstant(1506729600 * kSecond), "2017-09-30T00:00:00Z");
  EXPECT_EQ(FormatInstant(1506729600 * kSecond + 250'000), "2017-09-30T00:00:00.250000Z");
  EXPECT_EQ(FormatInstant(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(FormatInstant(0), "1970-01-01T00:00:00Z");
}

TEST(FormatInstant, RoundTripsWhatParseInstantAccepts) {
  for (const char* text : {"2024-02-29T12:34:56.789012Z", "0001-01-01T00:00:00Z",
                           "9999-12-31T23:59:59.999999Z", "2012-06-30T23:59:59Z"}) {
    const auto instant = ParseInstant(text);
    ASSERT_TRUE(instant.has_value()) << text;
    EXPECT_EQ(FormatInstant(*instant), text);
  }
}

TEST(ParseDate, AcceptsRealDatesOnly) {
  const auto leap_day = ParseDate("2024-02-29");
  ASSERT_TRUE(leap_day.has_value());
  EXPECT_EQ(leap_day->year, 2024);
  EXPECT_EQ(leap_day->month, 2u);
  EXPECT_EQ(leap_day->day, 29u);
  EXPECT_EQ(ParseDate("1970-01-02")->days_since_epoch, 1);
  EXPECT_EQ(ParseDate("1969-12-31")->days_since_epoch, -1);
  for (const char* text : {"2023-02-29", "2023-04-31", "2023-00-10", "2023-1-10", "2023-01-10T",
                           "20230110", "0000-01-01", "2023-01-10 ", ""}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
}

TEST(FormatDate, RoundTripsThroughDays) {
  const auto date = ParseDate("2012-08-15");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(DateFromDays(date->days_since_epoch), *date);
  EXPECT_EQ(FormatDate(*date), "2012-08-15");
}

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

TEST(Hex, EncodesLowerCaseAndDecodesBack) {
  EXPECT_EQ(HexEncode(std::string_view("\x01\xab\xff", 3)), "01abff");
  EXPECT_EQ(HexDecode("01ABff"), std::string("\x01\xab\xff", 3));
  EXPECT_FALSE(HexDecode("abc").has_value());
  EXPECT_FALSE(HexDecode("zz").has_value());
}

TEST(Base64, EncodesWithPaddingAndNoLineBreaks) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string(100, 'x')).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace ctom::api
