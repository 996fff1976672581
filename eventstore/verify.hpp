// Recomputes the ledger's hash chain from position 1.
#pragma once

#include <cstdint>

#include "eventstore/ledger.hpp"
#include "eventstore/rocks_store.hpp"

namespace ctom::eventstore {

// Checks positions 1..min(to_position, head.position) (to_position 0 means the head). A record
// is bad when its key is not the next position (a gap), it does not decode, it names another
// position, its previous_hash is not the hash before it, or its hash does not recompute. Reaching
// the head, the chain's last hash must also be the stored head's. I/O errors are errors; bad
// records are a report with ok=false.
Result<VerifyReport> VerifyChain(const RocksStore& store, const Head& head,
                                 std::uint64_t to_position);

}  // namespace ctom::eventstore
