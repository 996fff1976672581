// The bridge between the ledger's opaque records and the domain's events.
#pragma once

#include <expected>
#include <string>

#include "domain/decide.hpp"
#include "domain/events.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::projections {

// Decodes a ledger record into the domain's view of it. Fails on a payload that does not decode.
std::expected<domain::Recorded, std::string> ToRecorded(const eventstore::RecordedEvent& record);

// Decodes a scanned record into recorded, reusing the storage of its strings: a fold of the whole
// log decodes a million records without allocating for their stream and actor.
std::expected<void, std::string> DecodeInto(const eventstore::RecordedEventView& view,
                                            domain::Recorded& recorded);

// The actor and instants a command's events are stamped with.
struct Stamp {
  domain::Instant occurred_at = 0;
  std::string actor_id;
  std::string actor_role;
  std::string correlation_id;
};

// Encodes a decision's events for the ledger.
eventstore::AppendRequest ToAppendRequest(const domain::Decision& decision, const Stamp& stamp);

// A fresh random 128-bit event id.
eventstore::EventId NewEventId();

}  // namespace ctom::projections
