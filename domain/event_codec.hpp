// Encoding of events as cereal portable-binary payloads, with the type name and schema version
// the ledger stores beside them.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/events.hpp"
#include "domain/personal_fields.hpp"

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

// ---- sealed records (docs/privacy.md) ----
// A type with personal fields is stored under schema version 1 in clear (records written before
// sealing) and 2 sealed: an envelope of the event with its personal fields erased, in clear, and
// the whole event's version-1 bytes sealed under its person's key, and which key (an id, no
// personal data). Other types have no sealed form.
inline constexpr std::uint32_t kSealedSchemaVersion = 2;

// Seals the bytes of an event's body, or says why it cannot.
using Sealer = std::function<std::expected<std::string, std::string>(std::string_view body)>;
// Opens what a Sealer sealed: the body, nullopt when the key is gone (destroyed by an erasure),
// or an error when the bytes do not open (tampered, another key).
using Opener = std::function<std::expected<std::optional<std::string>, std::string>(
    const SealingKey& key, std::string_view sealed)>;

// Encodes an event with personal fields as a sealed record (schema kSealedSchemaVersion) whose
// body seal seals under key.
std::expected<EncodedEvent, std::string> EncodeSealed(const Event& event, const SealingKey& key,
                                                      const Sealer& seal);

// Whether a record of this type and schema version is sealed.
bool IsSealed(std::string_view type, std::uint32_t schema_version);

struct DecodedEvent {
  Event event;
  PersonalData personal_data = PersonalData::none;
};

// Decodes any record, opening a sealed one with open (called only for sealed records): the event
// whole when its key opens it, with its personal fields erased when the key is gone. Decode above
// reads a sealed record as if its key were gone.
std::expected<DecodedEvent, std::string> DecodeRecord(std::string_view type,
                                                      std::uint32_t schema_version,
                                                      std::string_view payload, const Opener& open);

}  // namespace ctom::domain
