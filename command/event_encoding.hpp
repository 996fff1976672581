// The write side's bridge from a decision's events to the ledger's opaque records: each event
// encoded, its personal fields sealed under its person's key (docs/privacy.md).
#pragma once

#include <expected>
#include <string>

#include "domain/decide.hpp"
#include "eventstore/ledger.hpp"

namespace ctom::vault {
class Vault;
}

namespace ctom::command {

// The actor and instants a command's events are stamped with.
struct Stamp {
  domain::Instant occurred_at = 0;
  std::string actor_id;
  std::string actor_role;
  std::string correlation_id;
};

// Encodes a decision's events for the ledger, each with a fresh event id. With a vault, every
// event with personal fields is sealed under its person's (or document's) data key, made and
// synced first when new, and each document an event names becomes one of its person's keys: so a
// key is durable before anything sealed under it is. Without one (tests of other things), events
// are encoded in clear. Fails with io_error when the vault cannot make or keep a key.
std::expected<eventstore::AppendRequest, eventstore::Error> ToAppendRequest(
    const domain::Decision& decision, const Stamp& stamp, vault::Vault* vault);

// How a decided event's personal fields will be stored, as ToAppendRequest stores them.
domain::PersonalData StoredPersonalData(std::string_view stream, const domain::Event& event,
                                        const vault::Vault* vault);

// A fresh random 128-bit event id.
eventstore::EventId NewEventId();

}  // namespace ctom::command
