// The program's time zone (`ctom serve --time-zone`): how refusal details write instants, read
// from the system's time-zone database (tzdata) through Howard Hinnant's date library.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace date {
class time_zone;
}

namespace ctom::api {

inline constexpr std::string_view kDefaultTimeZone = "America/Los_Angeles";

class ProgramTimeZone final : public domain::ZoneOffsets {
 public:
  // The zone an IANA name ("America/Los_Angeles", "Europe/Berlin", "UTC") names, or why not: an
  // unknown name, or no time-zone database on the machine.
  static std::expected<ProgramTimeZone, std::string> Load(std::string_view name);

  [[nodiscard]] std::int64_t OffsetMinutesAt(domain::Instant instant) const override;
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  ProgramTimeZone(const date::time_zone* zone, std::string name)
      : zone_(zone), name_(std::move(name)) {}

  const date::time_zone* zone_;  // owned by the library's database, which lives for the process
  std::string name_;
};

}  // namespace ctom::api
