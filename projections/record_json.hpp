// A ledger record as JSON text: the one rendering /v1/events, candidate history, `ctom export`
// and `ctom replay --json` share, so a copy of the log can be verified anywhere.
#pragma once

#include <string>

#include "eventstore/ledger.hpp"
#include "projections/unsealer.hpp"

namespace ctom::projections {

// {"position","stream","version","type","schema_version","event_id","occurred_at","recorded_at",
//  "actor":{"user_id","role"},"correlation_id","causation_id","idempotency_key","data",
//  "payload" (hex, the exact bytes hashed: sealed fields stay sealed),"previous_hash","hash"};
// "data" is the event with its personal fields opened by unsealer, or "[erased]".
std::string RecordJsonText(const eventstore::RecordedEvent& record, const Unsealer& unsealer);

}  // namespace ctom::projections
