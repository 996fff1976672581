// The canonical binary encoding of a ledger record, and the stored value built from it
// (docs/ledger.md, "Record").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "eventstore/ledger.hpp"
#include "eventstore/sha256.hpp"

namespace ctom::eventstore {

// The first byte of every stored record. A new encoding gets a new number; old ones decode forever.
inline constexpr std::uint8_t kRecordEncodingV1 = 1;

// Borrowed views of every hashed field of a record, so the writer can encode straight from a
// request without first copying it into a RecordedEvent.
struct RecordFields {
  std::uint64_t position = 0;
  std::string_view stream;
  std::uint64_t stream_version = 0;
  std::string_view type;
  std::uint32_t schema_version = 0;
  const EventId* event_id = nullptr;
  std::int64_t occurred_at_us = 0;
  std::int64_t recorded_at_us = 0;
  std::string_view actor_user_id;
  std::string_view actor_role;
  std::string_view correlation_id;
  std::string_view causation_id;
  std::string_view idempotency_key;
  std::string_view payload;
};

RecordFields FieldsOf(const RecordedEvent& record);

// Appends the canonical bytes of every field but previous_hash and hash to out.
void AppendCanonicalBytes(const RecordFields& fields, std::string& out);

// The stored value: canonical bytes, previous hash, hash. Computes the hash with hasher and
// returns it through hash_out.
std::string EncodeRecord(const RecordFields& fields, const Hash& previous_hash,
                         Sha256Hasher& hasher, Hash& hash_out);

// Decodes a stored value into views of it (without the event id and the hashes); false under the
// same conditions as DecodeRecord.
bool DecodeRecordView(std::string_view value, RecordedEventView& view);

// Decodes a stored value; nullopt when it is truncated, has trailing bytes, or an unknown
// encoding. Does not check the hash (Verify does).
std::optional<RecordedEvent> DecodeRecord(std::string_view value);
// The same, decoding into record in place (bulk reads avoid moving each record twice). On false,
// record holds partial fields.
bool DecodeRecordInto(std::string_view value, RecordedEvent& record);

}  // namespace ctom::eventstore
