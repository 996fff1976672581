// Walks a Boost.JSON value and writes it, formatting doubles with std::to_chars (shortest
// round-trip form), so exact decimals read as they were entered.
#include "api/json_text.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

namespace ctom::api {
namespace {

void Write(const boost::json::value& value, std::string& out) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(member.key()));
        out += ':';
        Write(member.value(), out);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        Write(element, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_: {
      char text[64];
      const auto result = std::to_chars(text, text + sizeof text, value.get_double());
      out.append(text, result.ptr);
      return;
    }
    default:
      out += boost::json::serialize(value);
      return;
  }
}

}  // namespace

std::string JsonText(const boost::json::value& value) {
  std::string out;
  Write(value, out);
  return out;
}

boost::json::value ExactDecimal(std::int64_t units, std::int64_t scale) {
  if (units % scale == 0) return boost::json::value(units / scale);
  // The nearest double to units/scale prints back as the same short decimal.
  return boost::json::value(static_cast<double>(units) / static_cast<double>(scale));
}

}  // namespace ctom::api
