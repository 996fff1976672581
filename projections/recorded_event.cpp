// Decoding ledger records into domain events, and encoding decisions for the ledger.
#include "projections/recorded_event.hpp"

#include <random>

#include "domain/event_codec.hpp"

namespace ctom::projections {

std::expected<domain::Recorded, std::string> ToRecorded(const eventstore::RecordedEvent& record) {
  auto event = domain::Decode(record.type, record.schema_version, record.payload);
  if (!event) {
    return std::unexpected("position " + std::to_string(record.position) + ": " + event.error());
  }
  domain::Recorded recorded;
  recorded.position = record.position;
  recorded.stream = record.stream;
  recorded.stream_version = record.stream_version;
  recorded.occurred_at = record.occurred_at_us;
  recorded.recorded_at = record.recorded_at_us;
  recorded.actor_id = record.actor.user_id;
  recorded.actor_role = record.actor.role;
  recorded.event = std::move(*event);
  return recorded;
}

std::expected<void, std::string> DecodeInto(const eventstore::RecordedEventView& view,
                                            domain::Recorded& recorded) {
  auto event = domain::Decode(view.type, view.schema_version, view.payload);
  if (!event) {
    return std::unexpected("position " + std::to_string(view.position) + ": " + event.error());
  }
  recorded.position = view.position;
  recorded.stream.assign(view.stream);
  recorded.stream_version = view.stream_version;
  recorded.occurred_at = view.occurred_at_us;
  recorded.recorded_at = view.recorded_at_us;
  recorded.actor_id.assign(view.actor_user_id);
  recorded.actor_role.assign(view.actor_role);
  recorded.event = std::move(*event);
  return {};
}

eventstore::EventId NewEventId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  eventstore::EventId id{};
  for (std::size_t i = 0; i < id.size(); i += 8) {
    const std::uint64_t bits = generator();
    for (std::size_t j = 0; j < 8; ++j) id[i + j] = static_cast<std::uint8_t>(bits >> (8 * j));
  }
  return id;
}

eventstore::AppendRequest ToAppendRequest(const domain::Decision& decision, const Stamp& stamp) {
  eventstore::AppendRequest request;
  request.stream = decision.stream;
  switch (decision.expect) {
    case domain::Expect::any:
      request.expected = eventstore::ExpectedVersion::Any();
      break;
    case domain::Expect::no_stream:
      request.expected = eventstore::ExpectedVersion::NoStream();
      break;
    case domain::Expect::exact:
      request.expected = eventstore::ExpectedVersion::Exact(decision.expected_version);
      break;
  }
  for (const domain::Event& event : decision.events) {
    domain::EncodedEvent encoded = domain::Encode(event);
    eventstore::NewEvent out;
    out.type = std::move(encoded.type);
    out.schema_version = encoded.schema_version;
    out.event_id = NewEventId();
    out.occurred_at_us = stamp.occurred_at;
    out.actor = eventstore::Actor{stamp.actor_id, stamp.actor_role};
    out.correlation_id = stamp.correlation_id;
    out.payload = std::move(encoded.payload);
    request.events.push_back(std::move(out));
  }
  return request;
}

}  // namespace ctom::projections
