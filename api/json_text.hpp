// Serialising response bodies: Boost.JSON values as compact JSON text, with numbers written as
// people write them (5.95, not Boost's 5.95E0).
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>

namespace ctom::api {

std::string JsonText(const boost::json::value& value);

// An exact decimal from an integer count of 1/scale units (hundredths: scale 100). Written as a
// JSON number with no binary rounding on the way out.
boost::json::value ExactDecimal(std::int64_t units, std::int64_t scale);

}  // namespace ctom::api
