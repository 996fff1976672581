// The ledger on RocksDB, the one implementation of Ledger (private to eventstore/).
#pragma once

#include <memory>
#include <string>

#include "eventstore/ledger.hpp"
#include "eventstore/ledger_testing.hpp"

namespace ctom::eventstore {

// Ledger::OpenFollower's implementation: a RocksDB secondary instance over path.
Result<std::unique_ptr<Ledger>> OpenFollowerLedger(const std::string& path,
                                                   const std::string& secondary_path);

}  // namespace ctom::eventstore
