// A built history's events as ledger appends: each event one command, encoded as the domain
// encodes it. For tests and benchmarks that fill a real ledger with a history.
#pragma once

#include <utility>

#include "domain/events.hpp"
#include "eventstore/ledger.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::testing {

inline eventstore::AppendRequest AppendRequestOf(const domain::Recorded& recorded) {
  LedgerEntry entry = ToLedgerEntry(recorded);
  eventstore::AppendRequest request;
  request.stream = std::move(entry.stream);
  eventstore::NewEvent event;
  event.type = std::move(entry.type);
  event.schema_version = entry.schema_version;
  event.occurred_at_us = entry.occurred_at;
  event.actor = {std::move(entry.actor_id), std::move(entry.actor_role)};
  event.payload = std::move(entry.payload);
  request.events.push_back(std::move(event));
  return request;
}

}  // namespace ctom::testing
