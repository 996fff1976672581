// Test seam of the ledger: open it over a RocksDB Env a test controls (to inject disk faults).
// Production code calls Ledger::Open.
#pragma once

#include <memory>

#include "eventstore/ledger.hpp"

namespace rocksdb {
class Env;
}  // namespace rocksdb

namespace ctom::eventstore {

// Ledger::Open, with every file of the database going through env (which must outlive the ledger).
Result<std::unique_ptr<Ledger>> OpenLedgerWithEnv(const OpenOptions& options, rocksdb::Env* env);

}  // namespace ctom::eventstore
