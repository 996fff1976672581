// Exact decimals with two places, as text and from JSON numbers.
#include "api/formats.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ctom::api {
namespace {

constexpr std::int64_t kUnitsMagnitudeMax = 1'000'000'000'000'000;  // 10^15 whole units

}  // namespace

std::optional<std::int64_t> ParseHundredths(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 16 || (whole.size() > 1 && whole.front() == '0')) {
    return std::nullopt;
  }
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (const char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  std::int64_t cents = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    cents = cents * 10 + (c - '0');
  }
  if (value > kUnitsMagnitudeMax) return std::nullopt;
  const std::int64_t hundredths = value * 100 + cents;
  return negative ? -hundredths : hundredths;
}

std::string FormatHundredths(std::int64_t hundredths) {
  const bool negative = hundredths < 0;
  // Magnitudes near INT64_MIN cannot be negated; no parsed value comes near them.
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(hundredths)
                                           : static_cast<std::uint64_t>(hundredths);
  std::string text = (negative ? "-" : "") + std::to_string(magnitude / 100);
  const unsigned cents = static_cast<unsigned>(magnitude % 100);
  if (cents != 0) {
    text += '.';
    text += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) text += static_cast<char>('0' + cents % 10);
  }
  return text;
}

std::optional<std::int64_t> HundredthsFromDouble(double value) {
  if (!std::isfinite(value) || std::fabs(value) > 1e15) return std::nullopt;
  char buffer[64];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (error != std::errc{}) return std::nullopt;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  if (text == "-0") text = "0";
  return ParseHundredths(text);
}

}  // namespace ctom::api
