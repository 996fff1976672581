// Rendering ledger records as JSON text with the decoded event beside the exact payload bytes.
#include "projections/record_json.hpp"

#include "domain/event_json.hpp"
#include "domain/time.hpp"
#include "eventstore/hex.hpp"

namespace ctom::projections {
std::string RecordJsonText(const eventstore::RecordedEvent& r, const Unsealer& unsealer) {
  using domain::JsonString;
  auto event = unsealer.Decode(r.stream, r.stream_version, r.type, r.schema_version, r.payload);
  const std::string data = event ? domain::EventDataJson(event->event)
                                 : "{\"undecodable\":" + JsonString(event.error()) + "}";
  std::string out = "{";
  out += "\"position\":" + std::to_string(r.position);
  out += ",\"stream\":" + JsonString(r.stream);
  out += ",\"version\":" + std::to_string(r.stream_version);
  out += ",\"type\":" + JsonString(r.type);
  out += ",\"schema_version\":" + std::to_string(r.schema_version);
  out += ",\"event_id\":" + JsonString(eventstore::ToHex(r.event_id));
  out += ",\"occurred_at\":" + JsonString(domain::FormatInstant(r.occurred_at_us));
  out += ",\"recorded_at\":" + JsonString(domain::FormatInstant(r.recorded_at_us));
  out += ",\"actor\":{\"user_id\":" + JsonString(r.actor.user_id) +
         ",\"role\":" + JsonString(r.actor.role) + "}";
  out += ",\"correlation_id\":" + JsonString(r.correlation_id);
  out += ",\"causation_id\":" + JsonString(r.causation_id);
  out += ",\"idempotency_key\":" + JsonString(r.idempotency_key);
  out += ",\"data\":" + data;
  out += ",\"payload\":" + JsonString(eventstore::ToHex(r.payload));
  out += ",\"previous_hash\":" + JsonString(eventstore::ToHex(r.previous_hash));
  out += ",\"hash\":" + JsonString(eventstore::ToHex(r.hash));
  out += "}";
  return out;
}

}  // namespace ctom::projections
