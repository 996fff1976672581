// Text forms of the API's values: RFC 3339 instants, YYYY-MM-DD dates, exact decimals with two
// places, hex and base64. Pure functions; no clock, no locale, no binary floating point for
// decimals.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ctom::api {

// Instants are UTC microseconds since 1970-01-01T00:00:00Z, as in the ledger.
//
// ParseInstant accepts RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|+HH:MM|-HH:MM)", with
// 't' and 'z' in either case, years 0001..9999. It refuses leap seconds (":60"), more than six
// fraction digits (the ledger keeps microseconds; a finer instant would be silently altered), a
// space instead of 'T', and anything else that is not exactly that shape.
[[nodiscard]] std::optional<std::int64_t> ParseInstant(std::string_view text);

// "2017-09-30T00:00:00Z", with ".ffffff" only when the microseconds are not zero. Years outside
// 0001..9999 are clamped to that range's ends, which no parsed instant can reach.
[[nodiscard]] std::string FormatInstant(std::int64_t utc_microseconds);

// A calendar date. days_since_epoch counts from 1970-01-01 (negative before).
struct Date {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31, valid for the month
  std::int32_t days_since_epoch = 0;

  friend bool operator==(const Date&, const Date&) = default;
};

// Accepts exactly "YYYY-MM-DD" naming a real date (2024-02-29 yes, 2023-02-29 no), years
// 0001..9999.
[[nodiscard]] std::optional<Date> ParseDate(std::string_view text);
[[nodiscard]] Date DateFromDays(std::int32_t days_since_epoch);
[[nodiscard]] std::string FormatDate(const Date& date);

// Exact decimals with at most two places (contact hours, CEUs), held as integer hundredths.
// ParseHundredths accepts "12", "12.5", "12.50", "-0.25": an optional '-', digits without
// leading zeros, and at most two fraction digits; no exponent. Magnitudes up to 10^15.
[[nodiscard]] std::optional<std::int64_t> ParseHundredths(std::string_view text);
// The shortest exact text of hundredths: 1250 -> "12.5", 1200 -> "12", 25 -> "0.25", -305 ->
// "-3.05".
[[nodiscard]] std::string FormatHundredths(std::int64_t hundredths);
// The hundredths a JSON number denotes, when it has at most two decimal places. Boost.JSON parses
// fractions into binary doubles; this writes the double's shortest round-trip decimal text
// (std::to_chars) and parses that text exactly, so 12.34 -> 1234 while 1.005 (three places) and
// 0.1 + 0.2's binary neighbour are refused. The one blind spot: a literal with more digits than
// a double keeps ("12.3400000000000000001") reads as its nearest double, 12.34.
[[nodiscard]] std::optional<std::int64_t> HundredthsFromDouble(double value);

// Lower-case hex of bytes, and the reverse (nullopt on odd length or a non-hex digit).
[[nodiscard]] std::string HexEncode(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::string HexEncode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> HexDecode(std::string_view hex);

// Standard base64 with padding, no line breaks.
[[nodiscard]] std::string Base64Encode(std::string_view bytes);

}  // namespace ctom::api
