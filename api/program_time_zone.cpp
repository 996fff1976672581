// The program's time zone, from the system's time-zone database.
#include "api/program_time_zone.hpp"

#include <date/tz.h>

#include <chrono>
#include <exception>

namespace ctom::api {

std::expected<ProgramTimeZone, std::string> ProgramTimeZone::Load(std::string_view name) {
  try {
    const date::time_zone* zone = date::locate_zone(name);
    return ProgramTimeZone(zone, std::string(name));
  } catch (const std::exception& error) {
    // The library throws for an unknown name and for a database it cannot read.
    return std::unexpected("unknown time zone '" + std::string(name) + "' (" + error.what() +
                           "); give an IANA name such as America/Los_Angeles");
  }
}

std::int64_t ProgramTimeZone::OffsetMinutesAt(domain::Instant instant) const {
  const date::sys_seconds at{std::chrono::seconds{instant / 1'000'000}};
  const date::sys_info info = zone_->get_info(at);
  return std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
}

}  // namespace ctom::api
