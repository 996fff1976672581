// Encoding decisions for the ledger.
#include "command/event_encoding.hpp"

#include <random>

#include "domain/event_codec.hpp"

namespace ctom::command {

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

}  // namespace ctom::command
