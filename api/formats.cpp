// Text forms of instants, dates, exact decimals, hex and base64.
#include "api/formats.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ctom::api {
namespace {

constexpr std::int64_t kMicrosecondsPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kUnitsMagnitudeMax = 1'000'000'000'000'000;  // 10^15 whole units

// Reads exactly `count` decimal digits at text[*at], advancing *at. nullopt if any is not a digit.
std::optional<int> ReadDigits(std::string_view text, std::size_t* at, std::size_t count) {
  if (*at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[*at + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  *at += count;
  return value;
}

bool Expect(std::string_view text, std::size_t* at, char expected) {
  if (*at >= text.size() || text[*at] != expected) return false;
  ++*at;
  return true;
}

std::optional<std::int32_t> DaysFromCivil(int year, int month, int day) {
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (year < 1 || year > 9999 || !date.ok()) return std::nullopt;
  return static_cast<std::int32_t>(std::chrono::sys_days{date}.time_since_epoch().count());
}

// "YYYY-MM-DD" at text[*at]; days since the epoch.
std::optional<std::int32_t> ReadDate(std::string_view text, std::size_t* at) {
  const auto year = ReadDigits(text, at, 4);
  if (!year || !Expect(text, at, '-')) return std::nullopt;
  const auto month = ReadDigits(text, at, 2);
  if (!month || !Expect(text, at, '-')) return std::nullopt;
  const auto day = ReadDigits(text, at, 2);
  if (!day) return std::nullopt;
  return DaysFromCivil(*year, *month, *day);
}

// "[.ffffff]" at text[*at] (optional); microseconds.
std::optional<std::int64_t> ReadFraction(std::string_view text, std::size_t* at) {
  if (*at >= text.size() || text[*at] != '.') return 0;
  ++*at;
  std::int64_t micros = 0;
  std::size_t digits = 0;
  while (*at < text.size() && text[*at] >= '0' && text[*at] <= '9') {
    if (++digits > 6) return std::nullopt;
    micros = micros * 10 + (text[*at] - '0');
    ++*at;
  }
  if (digits == 0) return std::nullopt;
  for (std::size_t i = digits; i < 6; ++i) micros *= 10;
  return micros;
}

// "Z" or "+HH:MM"/"-HH:MM" at text[*at]; the offset east of UTC in seconds.
std::optional<std::int64_t> ReadOffset(std::string_view text, std::size_t* at) {
  if (*at >= text.size()) return std::nullopt;
  const char sign = text[*at];
  ++*at;
  if (sign == 'Z' || sign == 'z') return 0;
  if (sign != '+' && sign != '-') return std::nullopt;
  const auto hours = ReadDigits(text, at, 2);
  if (!hours || *hours > 23 || !Expect(text, at, ':')) return std::nullopt;
  const auto minutes = ReadDigits(text, at, 2);
  if (!minutes || *minutes > 59) return std::nullopt;
  const std::int64_t seconds = *hours * 3600 + *minutes * 60;
  return sign == '+' ? seconds : -seconds;
}

}  // namespace

std::optional<std::int64_t> ParseInstant(std::string_view text) {
  std::size_t at = 0;
  const auto days = ReadDate(text, &at);
  if (!days || at >= text.size() || (text[at] != 'T' && text[at] != 't')) return std::nullopt;
  ++at;
  const auto hour = ReadDigits(text, &at, 2);
  if (!hour || *hour > 23 || !Expect(text, &at, ':')) return std::nullopt;
  const auto minute = ReadDigits(text, &at, 2);
  if (!minute || *minute > 59 || !Expect(text, &at, ':')) return std::nullopt;
  const auto second = ReadDigits(text, &at, 2);
  if (!second || *second > 59) return std::nullopt;
  const auto micros = ReadFraction(text, &at);
  if (!micros) return std::nullopt;
  const auto offset = ReadOffset(text, &at);
  if (!offset || at != text.size()) return std::nullopt;
  const std::int64_t local_seconds =
      std::int64_t{*days} * kSecondsPerDay + *hour * 3600 + *minute * 60 + *second;
  return (local_seconds - *offset) * kMicrosecondsPerSecond + *micros;
}

std::string FormatInstant(std::int64_t utc_microseconds) {
  // Clamp to 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z.
  constexpr std::int64_t kFirst = -62135596800LL * kMicrosecondsPerSecond;
  constexpr std::int64_t kLast = 253402300799LL * kMicrosecondsPerSecond + 999999;
  const std::int64_t micros_total = std::clamp(utc_microseconds, kFirst, kLast);
  std::int64_t seconds = micros_total / kMicrosecondsPerSecond;
  std::int64_t micros = micros_total % kMicrosecondsPerSecond;
  if (micros < 0) {
    micros += kMicrosecondsPerSecond;
    seconds -= 1;
  }
  std::int64_t days = seconds / kSecondsPerDay;
  std::int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    days -= 1;
  }
  const Date date = DateFromDays(static_cast<std::int32_t>(days));
  char buffer[40];
  int length = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", date.year,
                             date.month, date.day, static_cast<int>(second_of_day / 3600),
                             static_cast<int>(second_of_day / 60 % 60),
                             static_cast<int>(second_of_day % 60));
  if (micros != 0) {
    length += std::snprintf(buffer + length, sizeof buffer - static_cast<std::size_t>(length),
                            ".%06d", static_cast<int>(micros));
  }
  return std::string(buffer, static_cast<std::size_t>(length)) + "Z";
}

std::optional<Date> ParseDate(std::string_view text) {
  std::size_t at = 0;
  const auto days = ReadDate(text, &at);
  if (!days || at != text.size()) return std::nullopt;
  return DateFromDays(*days);
}

Date DateFromDays(std::int32_t days_since_epoch) {
  const std::chrono::year_month_day date{
      std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
  return Date{.year = static_cast<int>(date.year()),
              .month = static_cast<unsigned>(date.month()),
              .day = static_cast<unsigned>(date.day()),
              .days_since_epoch = days_since_epoch};
}

std::string FormatDate(const Date& date) {
  char buffer[16];
  const int length =
      std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", date.year, date.month, date.day);
  return std::string(buffer, static_cast<std::size_t>(length));
}

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

std::string HexEncode(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

std::string HexEncode(std::string_view bytes) {
  return HexEncode(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = digit(hex[i]);
    const int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

std::string Base64Encode(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3), '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(length));
  return text;
}

}  // namespace ctom::api
