// The write side's bridge from a decision's events to the ledger's opaque records.
#pragma once

#include <string>

#include "domain/decide.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::command {

// The actor and instants a command's events are stamped with.
struct Stamp {
  domain::Instant occurred_at = 0;
  std::string actor_id;
  std::string actor_role;
  std::string correlation_id;
};

// Encodes a decision's events for the ledger, each with a fresh event id.
eventstore::AppendRequest ToAppendRequest(const domain::Decision& decision, const Stamp& stamp);

// A fresh random 128-bit event id.
eventstore::EventId NewEventId();

}  // namespace ctom::command
