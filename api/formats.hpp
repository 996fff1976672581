// Exact decimals with two places (contact hours, CEUs, rule parameters) as the API reads and
// writes them (instants and dates are domain/time.hpp's, hex eventstore/hex.hpp's). Pure
// functions; no clock, no locale, no binary floating point.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ctom::api {

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

}  // namespace ctom::api
