// Checks an append request against the ledger's limits and digests it for idempotency.
#pragma once

#include <optional>

#include "eventstore/ledger.hpp"

namespace ctom::eventstore {

// invalid_request naming the first broken rule, or nullopt when the request may be queued.
std::optional<Error> ValidateAppendRequest(const AppendRequest& request);

// The digest an idempotency key remembers: of the caller's request_digest when given, else of the
// stream, the event types and the payloads. The two kinds are tagged so they never collide.
Hash AppendRequestDigest(const AppendRequest& request);

// The sum of the request's payload sizes.
std::size_t AppendPayloadBytes(const AppendRequest& request);

}  // namespace ctom::eventstore
