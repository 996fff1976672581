// Instants and dates: RFC 3339 parsing and formatting, calendar validity, leap years, AddYears.
#include "domain/time.hpp"

#include <gtest/gtest.h>

#include <random>

namespace ctom::domain {
namespace {

constexpr Instant kSecond = 1'000'000;

TEST(ParseInstant, ReadsOffsetsFractionsAndLetterCase) {
  struct Case {
    const char* text;
    Instant expected;
  };
  const Case cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2017-09-30T00:00:00Z", 1506729600 * kSecond},
      {"2017-09-29T17:00:00-07:00", 1506729600 * kSecond},
      {"2017-09-30T05:30:00+05:30", 1506729600 * kSecond},
      {"2017-09-30T00:00:00+00:00", 1506729600 * kSecond},
      {"2017-09-30T00:00:00-00:00", 1506729600 * kSecond},
      {"2017-09-30t00:00:00z", 1506729600 * kSecond},
      {"2017-09-30T14:00:00+14:00", 1506729600 * kSecond},
      {"2017-09-29T12:00:00-12:00", 1506729600 * kSecond},
      {"2017-09-29T23:59:00-00:01", 1506729600 * kSecond},
      {"2017-09-30T00:00:00.5Z", 1506729600 * kSecond + 500'000},
      {"2017-09-30T00:00:00.000001Z", 1506729600 * kSecond + 1},
      {"2017-09-30T00:00:00.123456Z", 1506729600 * kSecond + 123'456},
      {"2017-09-29T17:00:00.25-07:00", 1506729600 * kSecond + 250'000},
      {"1969-12-31T23:59:59.999999Z", -1},
      {"1969-12-31T16:00:00-08:00", 0},
      {"2020-02-29T12:00:00Z", 1582977600 * kSecond},
      {"2000-02-29T00:00:00Z", 951782400 * kSecond},
      {"0001-01-01T00:00:00Z", -62135596800 * kSecond},
      {"9999-12-31T23:59:59.999999Z", 253402300799 * kSecond + 999'999},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::optional<Instant> parsed = ParseInstant(c.text);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, c.expected);
  }
}

TEST(ParseInstant, RefusesWhatIsNotRfc3339OrNotADate) {
  const char* cases[] = {
      "",
      "2018-02-30T00:00:00Z",  // no 30 February
      "2019-02-29T00:00:00Z",  // 2019 is a common year
      "1900-02-29T00:00:00Z",  // centuries are common unless divisible by 400
      "2018-04-31T00:00:00Z",
      "2018-13-01T00:00:00Z",
      "2018-00-10T00:00:00Z",
      "2018-01-00T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "2018-01-01T24:00:00Z",
      "2018-01-01T23:60:00Z",
      "2018-12-31T23:59:60Z",  // leap seconds are not represented
      "2018-01-01T00:00:00",   // an offset is required
      "2018-01-01 00:00:00Z",
      "2018-01-01T00:00:00+0700",
      "2018-01-01T00:00:00+07",
      "2018-01-01T00:00:00+24:00",
      "2018-01-01T00:00:00+07:60",
      "2018-01-01T00:00:00.Z",
      "2018-01-01T00:00:00.1234567Z",  // finer than the ledger's microseconds
      "2018-01-01T00:00:00,5Z",
      "2018-01-01T00:00:00ZZ",
      "2018-01-01T00:00:00Z ",
      " 2018-01-01T00:00:00Z",
      "2018-01-01T0:00:00Z",
      "2018-1-01T00:00:00Z",
      "+2018-01-01T00:00:00Z",
      "2018-01-01T00:00:00.5",
      "2018-01-01T00:00:00UTC",
      "2018-01-01",
      "2018-01-01T00-00-00Z",
      "2018-01-01T00:00:00+07:00:00",
      "2018-01-01T00:00:0aZ",
  };
  for (const char* text : cases) {
    EXPECT_FALSE(ParseInstant(text).has_value()) << text;
  }
}

TEST(FormatInstant, WritesUtcWithMicrosecondsOnlyWhenThereAreSome) {
  struct Case {
    Instant instant;
    const char* text;
  };
  const Case cases[] = {
      {0, "1970-01-01T00:00:00Z"},
      {1, "1970-01-01T00:00:00.000001Z"},
      {-1, "1969-12-31T23:59:59.999999Z"},
      {-kSecond, "1969-12-31T23:59:59Z"},
      {500'000, "1970-01-01T00:00:00.500000Z"},
      {1506729600 * kSecond, "2017-09-30T00:00:00Z"},
      {1582977600 * kSecond, "2020-02-29T12:00:00Z"},
      {-62135596800 * kSecond, "0001-01-01T00:00:00Z"},
      {253402300799 * kSecond + 999'999, "9999-12-31T23:59:59.999999Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatInstant(c.instant), c.text) << c.instant;
  }
}

TEST(FormatInstant, ClampsYearsOutside1To9999ToTheirEnds) {
  EXPECT_EQ(FormatInstant(INT64_MIN), "0001-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(INT64_MAX), "9999-12-31T23:59:59.999999Z");
}

TEST(FormatInstant, RoundTripsThroughParseInstant) {
  std::mt19937_64 random(1517594400);
  std::uniform_int_distribution<Instant> instants(-62135596800 * kSecond,
                                                  253402300799 * kSecond + 999'999);
  for (int i = 0; i < 20'000; ++i) {
    const Instant instant = i % 3 == 0 ? instants(random) / kSecond * kSecond : instants(random);
    const std::string text = FormatInstant(instant);
    const std::optional<Instant> parsed = ParseInstant(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    ASSERT_EQ(*parsed, instant) << text;
  }
}

TEST(Dates, ParseAndFormatCalendarDates) {
  EXPECT_EQ(FormatDate(*ParseDate("2018-11-12")), "2018-11-12");
  EXPECT_EQ(ParseDate("1970-01-01")->days, 0);
  EXPECT_EQ(ParseDate("1969-12-31")->days, -1);
  EXPECT_EQ(ParseDate("2000-03-01")->days - ParseDate("2000-02-28")->days, 2);
  EXPECT_EQ(ParseDate("1900-03-01")->days - ParseDate("1900-02-28")->days, 1);
  for (const char* bad : {"2018-02-30", "2019-02-29", "2018-2-3", "20181112", "2018/11/12",
                          "2018-11-12T00:00:00Z", "", "0000-01-01", "2018-11-1a", " 2018-11-12"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
}

TEST(Dates, CivilConversionRoundTripsEveryDayFrom1600To2400) {
  Date previous = DateFromCivil(CivilDate{1599, 12, 31});
  for (int year = 1600; year <= 2400; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= 31; ++day) {
        const CivilDate civil{year, month, day};
        if (!IsValidCivil(civil)) continue;
        const Date date = DateFromCivil(civil);
        ASSERT_EQ(date.days, previous.days + 1) << year << "-" << month << "-" << day;
        const CivilDate back = CivilFromDate(date);
        ASSERT_EQ(back.year, year);
        ASSERT_EQ(back.month, month);
        ASSERT_EQ(back.day, day);
        previous = date;
      }
    }
  }
}

TEST(Dates, DateOfAnInstantIsItsUtcDate) {
  EXPECT_EQ(FormatDate(DateOf(0)), "1970-01-01");
  EXPECT_EQ(FormatDate(DateOf(-1)), "1969-12-31");
  EXPECT_EQ(FormatDate(DateOf(-kMicrosecondsPerDay)), "1969-12-31");
  EXPECT_EQ(FormatDate(DateOf(-kMicrosecondsPerDay - 1)), "1969-12-30");
  EXPECT_EQ(FormatDate(DateOf(*ParseInstant("2018-11-12T15:59:59-08:00"))), "2018-11-12");
  EXPECT_EQ(FormatDate(DateOf(*ParseInstant("2018-11-12T16:00:00-08:00"))), "2018-11-13");
  EXPECT_EQ(StartOf(*ParseDate("2017-09-30")), *ParseInstant("2017-09-30T00:00:00Z"));
  EXPECT_EQ(StartOf(*ParseDate("1969-12-31")), -kMicrosecondsPerDay);
}

TEST(Dates, AddYearsKeepsMonthAndDayAndMoves29FebruaryTo28) {
  struct Case {
    const char* from;
    int years;
    const char* to;
  };
  const Case cases[] = {
      {"2018-11-12", 3, "2021-11-12"}, {"2021-11-12", 3, "2024-11-12"},
      {"2020-02-29", 1, "2021-02-28"}, {"2020-02-29", 3, "2023-02-28"},
      {"2020-02-29", 4, "2024-02-29"}, {"2020-02-29", -1, "2019-02-28"},
      {"2096-02-29", 4, "2100-02-28"}, {"1996-02-29", 4, "2000-02-29"},
      {"2019-02-28", 1, "2020-02-28"}, {"2018-12-31", 3, "2021-12-31"},
      {"2018-03-01", 2, "2020-03-01"}, {"2018-11-12", 0, "2018-11-12"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(AddYears(*ParseDate(c.from), c.years)), c.to)
        << c.from << " + " << c.years;
  }
}

// A zone a fixed number of minutes from UTC.
class FixedOffset final : public ZoneOffsets {
 public:
  explicit FixedOffset(std::int64_t minutes) : minutes_(minutes) {}
  std::int64_t OffsetMinutesAt(Instant) const override { return minutes_; }

 private:
  std::int64_t minutes_;
};

TEST(Instants, RefusalsWriteThemInTheZoneWithItsOffsetToTheMinute) {
  struct Case {
    const char* instant;
    const char* pacific;
  };
  const Case cases[] = {
      {"2017-09-30T00:00:00Z", "2017-09-29 17:00 -07:00"},  // daylight time
      {"2018-02-02T18:00:00Z", "2018-02-02 10:00 -08:00"},  // standard time
      {"2018-03-11T09:59:59Z", "2018-03-11 01:59:59 -08:00"},
      {"2018-03-11T10:00:00Z", "2018-03-11 03:00 -07:00"},
      {"2018-11-04T09:00:00Z", "2018-11-04 01:00 -08:00"},
      {"2018-01-01T07:59:00.25Z", "2017-12-31 23:59:00.250000 -08:00"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatInstantIn(*ParseInstant(c.instant), PacificOffsets()), c.pacific)
        << c.instant;
  }
  EXPECT_EQ(FormatInstantIn(*ParseInstant("2017-09-30T00:00:00Z"), FixedOffset(0)),
            "2017-09-30 00:00 +00:00");
  EXPECT_EQ(FormatInstantIn(*ParseInstant("2017-09-30T00:00:00Z"), FixedOffset(330)),
            "2017-09-30 05:30 +05:30");
  // Far beyond any real instant, still text and no overflow.
  EXPECT_FALSE(FormatInstantIn(kInstantMax, FixedOffset(840)).empty());
  EXPECT_FALSE(FormatInstantIn(INT64_MIN, FixedOffset(-720)).empty());
}

}  // namespace
}  // namespace ctom::domain
