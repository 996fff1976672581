// Encoding of events as cereal portable-binary payloads, with the type name and schema version
// the ledger stores beside them.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "domain/events.hpp"

namespace ctom::domain {

struct EncodedEvent {
  std::string type;
  std::uint32_t schema_version = 1;
  std::string payload;
};

EncodedEvent Encode(const Event& event);

// Decodes a payload written by Encode under any schema version this build knows. Fails (never
// throws) on an unknown type, a newer schema version, or bytes that do not decode.
std::expected<Event, std::string> Decode(std::string_view type, std::uint32_t schema_version,
                                         std::string_view payload);

std::string_view TypeName(const Event& event);

}  // namespace ctom::domain
