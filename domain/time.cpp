// Calendar arithmetic (Howard Hinnant's days-from-civil algorithm) and RFC 3339 text.
#include "domain/time.hpp"

#include <algorithm>
#include <cstdio>

namespace ctom::domain {
namespace {

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` digits at text[at..]; nullopt otherwise.
std::optional<int> Digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Date DateFromCivil(CivilDate civil) {
  const int y = civil.year - (civil.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(civil.month > 2 ? civil.month - 3 : civil.month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(civil.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{static_cast<std::int32_t>(era * 146097 + static_cast<int>(doe) - 719468)};
}

CivilDate CivilFromDate(Date date) {
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{year, month, day};
}

bool IsValidCivil(CivilDate civil) {
  return civil.year >= 1 && civil.year <= 9999 && civil.month >= 1 && civil.month <= 12 &&
         civil.day >= 1 && civil.day <= DaysInMonth(civil.year, civil.month);
}

Date DateOf(Instant instant) {
  Instant days = instant / kMicrosecondsPerDay;
  if (instant % kMicrosecondsPerDay < 0) --days;
  return Date{static_cast<std::int32_t>(days)};
}

namespace {

// The n-th Sunday (1-based) of a month, as a date.
Date NthSunday(int year, int month, int n) {
  const Date first = DateFromCivil(CivilDate{year, month, 1});
  const int weekday = ((first.days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
  const int first_sunday = 1 + (7 - weekday) % 7;
  return DateFromCivil(CivilDate{year, month, first_sunday + 7 * (n - 1)});
}

}  // namespace

namespace {

constexpr Instant kMinuteUs = 60'000'000LL;
constexpr Instant kHourUs = 60 * kMinuteUs;

// The US rule since 2007: daylight time starts at 02:00 PST (10:00 UTC) on the second Sunday of
// March and ends at 02:00 PDT (09:00 UTC) on the first Sunday of November.
class Pacific final : public ZoneOffsets {
 public:
  std::int64_t OffsetMinutesAt(Instant instant) const override {
    const int year = CivilFromDate(DateOf(instant)).year;
    const Instant daylight_from = StartOf(NthSunday(year, 3, 2)) + 10 * kHourUs;
    const Instant daylight_until = StartOf(NthSunday(year, 11, 1)) + 9 * kHourUs;
    const bool daylight = instant >= daylight_from && instant < daylight_until;
    return daylight ? -7 * 60 : -8 * 60;
  }
};

std::string TwoDigits(std::int64_t value) {
  return std::string(1, static_cast<char>('0' + value / 10)) + static_cast<char>('0' + value % 10);
}

}  // namespace

const ZoneOffsets& PacificOffsets() {
  static const Pacific kPacific;
  return kPacific;
}

Date ProgramDateOf(Instant instant) {
  return DateOf(instant + PacificOffsets().OffsetMinutesAt(instant) * kMinuteUs);
}

std::string FormatInstantIn(Instant instant, const ZoneOffsets& zone) {
  // Far beyond any real instant, so that adding an offset cannot overflow.
  instant = std::clamp(instant, Instant{-(1LL << 62)}, Instant{1LL << 62});
  const std::int64_t offset_minutes = zone.OffsetMinutesAt(instant);
  const Instant local = instant + offset_minutes * kMinuteUs;
  // "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" of the local wall time, reshaped.
  const std::string wall = FormatInstant(local);
  std::string text = wall.substr(0, 10) + " " + wall.substr(11, 5);
  const std::string seconds = wall.substr(16, wall.size() - 17);  // ":SS[.ffffff]"
  if (seconds != ":00") text += seconds;
  const std::int64_t magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  text += offset_minutes < 0 ? " -" : " +";
  text += TwoDigits(magnitude / 60) + ":" + TwoDigits(magnitude % 60);
  return text;
}

Instant StartOf(Date date) { return static_cast<Instant>(date.days) * kMicrosecondsPerDay; }

Date AddYears(Date date, int years) {
  CivilDate civil = CivilFromDate(date);
  civil.year += years;
  if (civil.month == 2 && civil.day == 29 && !IsLeap(civil.year)) civil.day = 28;
  return DateFromCivil(civil);
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const CivilDate civil{*year, *month, *day};
  if (!IsValidCivil(civil)) return std::nullopt;
  return DateFromCivil(civil);
}

std::string FormatDate(Date date) {
  const CivilDate civil = CivilFromDate(date);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", civil.year, civil.month, civil.day);
  return text;
}

std::optional<Instant> ParseInstant(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  const auto date = ParseDate(text.substr(0, 10));
  const auto hour = Digits(text, 11, 2);
  const auto minute = Digits(text, 14, 2);
  const auto second = Digits(text, 17, 2);
  if (!date || !hour || !minute || !second || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  std::size_t at = 19;
  Instant fraction_us = 0;
  if (text[at] == '.') {
    ++at;
    int digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      // The ledger keeps microseconds: a finer instant would be silently altered.
      if (++digits > 6) return std::nullopt;
      fraction_us = fraction_us * 10 + (text[at] - '0');
      ++at;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 6; ++i) fraction_us *= 10;
  }
  Instant offset_us = 0;
  if (at + 1 == text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    offset_us = 0;
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
    const auto offset_hour = Digits(text, at + 1, 2);
    const auto offset_minute = Digits(text, at + 4, 2);
    if (!offset_hour || !offset_minute || *offset_hour > 23 || *offset_minute > 59) {
      return std::nullopt;
    }
    offset_us = (*offset_hour * 3600LL + *offset_minute * 60LL) * 1'000'000LL;
    if (text[at] == '-') offset_us = -offset_us;
  } else {
    return std::nullopt;
  }
  const Instant local =
      StartOf(*date) + (*hour * 3600LL + *minute * 60LL + *second) * 1'000'000LL + fraction_us;
  return local - offset_us;
}

std::string FormatInstant(Instant instant) {
  // Years outside 0001..9999 are clamped to that range's ends, which no parsed instant reaches.
  constexpr Instant kFirst = -62135596800LL * 1'000'000LL;
  constexpr Instant kLast = 253402300799LL * 1'000'000LL + 999'999LL;
  instant = std::clamp(instant, kFirst, kLast);
  const Date date = DateOf(instant);
  const Instant in_day = instant - StartOf(date);
  const CivilDate civil = CivilFromDate(date);
  const long long seconds = in_day / 1'000'000;
  const long long micros = in_day % 1'000'000;
  char text[48];
  if (micros == 0) {
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", civil.year,
                  civil.month, civil.day, seconds / 3600, seconds / 60 % 60, seconds % 60);
  } else {
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02lld:%02lld:%02lld.%06lldZ", civil.year,
                  civil.month, civil.day, seconds / 3600, seconds / 60 % 60, seconds % 60, micros);
  }
  return text;
}

}  // namespace ctom::domain
