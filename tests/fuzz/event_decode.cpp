// Fuzz target: arbitrary bytes -> the ledger's record decoder (eventstore/record_codec.hpp) and
// the domain's event decoder (domain/event_codec.hpp). What decodes must encode back: a record to
// the very bytes it came from, an event to bytes that decode to an equal event.
//
// Input: all of it is tried as a stored record (and a record that decodes has its payload decoded
// under its own type and schema version); then byte 0 picks an event type (or an unknown one),
// byte 1 a schema version 0..3, and the rest is tried as that type's payload.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "domain/event_codec.hpp"
#include "eventstore/record_codec.hpp"
#include "tests/fuzz/serving_fixture.hpp"

namespace {

using namespace ctom;
using fuzz::Violated;

template <std::size_t... I>
constexpr std::array<std::string_view, sizeof...(I) + 1> TypeNames(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, domain::Event>::kType..., "no_such_event"};
}
constexpr auto kTypeNames =
    TypeNames(std::make_index_sequence<std::variant_size_v<domain::Event>>{});

void CheckEvent(std::string_view type, std::uint32_t schema_version, std::string_view payload) {
  const auto event = domain::Decode(type, schema_version, payload);
  if (!event) return;
  const domain::EncodedEvent encoded = domain::Encode(*event);
  if (encoded.type != type) Violated("a " + std::string(type) + " encodes as " + encoded.type);
  const auto again = domain::Decode(encoded.type, encoded.schema_version, encoded.payload);
  if (!again) Violated("a decoded " + encoded.type + " does not decode again: " + again.error());
  if (!(*again == *event)) Violated("a decoded " + encoded.type + " decodes again differently");
}

// The stored value a record encodes to (eventstore/record_codec.hpp EncodeRecord, without
// recomputing the hash: a decoded record keeps the hash it was stored with).
std::string StoredBytes(const eventstore::RecordedEvent& record) {
  std::string bytes;
  eventstore::AppendCanonicalBytes(eventstore::FieldsOf(record), bytes);
  bytes.append(reinterpret_cast<const char*>(record.previous_hash.data()),
               record.previous_hash.size());
  bytes.append(reinterpret_cast<const char*>(record.hash.data()), record.hash.size());
  return bytes;
}

void CheckRecord(std::string_view bytes) {
  // Bulk reads decode into a record still holding the previous one's fields.
  static eventstore::RecordedEvent reused;
  const bool reused_ok = eventstore::DecodeRecordInto(bytes, reused);
  const auto record = eventstore::DecodeRecord(bytes);
  if (reused_ok != record.has_value()) Violated("DecodeRecordInto and DecodeRecord disagree");
  if (!record) return;
  if (StoredBytes(*record) != bytes) Violated("a decoded record encodes to other bytes");
  if (StoredBytes(reused) != bytes) Violated("a record decoded in place keeps earlier fields");
  CheckEvent(record->type, record->schema_version, record->payload);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckRecord(bytes);
  if (size < 2) return 0;
  CheckEvent(kTypeNames[data[0] % kTypeNames.size()], data[1] % 4, bytes.substr(2));
  return 0;
}
