// Instants and calendar dates as the domain counts them: integers, never a clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ctom::domain {

// UTC microseconds since 1970-01-01T00:00:00Z.
using Instant = std::int64_t;
inline constexpr Instant kMicrosecondsPerDay = 86'400'000'000LL;
inline constexpr Instant kInstantMax = INT64_MAX;

// A calendar date, as days since 1970-01-01.
struct Date {
  std::int32_t days = 0;
  auto operator<=>(const Date&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(days);
  }
};

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

Date DateFromCivil(CivilDate civil);
CivilDate CivilFromDate(Date date);
bool IsValidCivil(CivilDate civil);

// The UTC calendar date an instant falls on.
Date DateOf(Instant instant);
// The calendar date an instant falls on in the program's home, California (Pacific time: UTC-8,
// UTC-7 from the second Sunday of March to the first Sunday of November, the US rule since 2007).
// Certificates are dated, and expire, by this calendar: commencement at 17:00 Pacific on
// 12 November is 12 November, though it is already the 13th in UTC.
Date ProgramDateOf(Instant instant);

// A time zone's offset from UTC at each instant, for writing instants as the program's people
// read them. The rules come from outside the domain (a time-zone database is I/O); the domain asks.
class ZoneOffsets {
 public:
  virtual ~ZoneOffsets() = default;
  [[nodiscard]] virtual std::int64_t OffsetMinutesAt(Instant instant) const = 0;
};

// The program's home rule, Pacific time as ProgramDateOf counts it: where no zone is given.
const ZoneOffsets& PacificOffsets();

// The instant as a person in `zone` reads it, with the zone's offset: "2017-09-29 17:00 -07:00"
// (seconds, then microseconds, only when not zero). For refusal details (API.md, Conventions).
std::string FormatInstantIn(Instant instant, const ZoneOffsets& zone);

// The first instant of a date (00:00 UTC).
Instant StartOf(Date date);

// The same month and day `years` later; 29 February becomes 28 February in a common year.
Date AddYears(Date date, int years);

// "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

// The one reader and writer of instants, for the API, the command line, exports and the domain's
// own messages. ParseInstant accepts RFC 3339 date-time, "YYYY-MM-DDTHH:MM:SS[.f{1,6}](Z|+HH:MM|
// -HH:MM)", with 't' and 'z' in either case, years 0001..9999; it refuses leap seconds (":60"),
// more than six fraction digits (the ledger keeps microseconds; a finer instant would be silently
// altered), a space instead of 'T', and anything else that is not exactly that shape.
// FormatInstant writes UTC with Z ("2017-09-30T00:00:00Z"), with ".ffffff" only when the
// microseconds are not zero; years outside 0001..9999 are clamped to that range's ends.
std::optional<Instant> ParseInstant(std::string_view text);
std::string FormatInstant(Instant instant);

}  // namespace ctom::domain
