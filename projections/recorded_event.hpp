// The read side's bridge from the ledger's opaque records to the domain's events.
#pragma once

#include <expected>
#include <string>

#include "domain/events.hpp"
#include "eventstore/ledger.hpp"
#include "projections/unsealer.hpp"

namespace ctom::projections {

// Decodes a ledger record into the domain's view of it, its personal fields opened by unsealer.
// Fails on a payload that does not decode or sealed bytes that do not open.
std::expected<domain::Recorded, std::string> ToRecorded(const eventstore::RecordedEvent& record,
                                                        const Unsealer& unsealer);

// Decodes a scanned record into recorded, reusing the storage of its strings: a fold of the whole
// log decodes a million records without allocating for their stream and actor.
std::expected<void, std::string> DecodeInto(const eventstore::RecordedEventView& view,
                                            const Unsealer& unsealer, domain::Recorded& recorded);

}  // namespace ctom::projections
