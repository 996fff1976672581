// Opening the ledger: the RocksDB implementation behind the interface.
#include "eventstore/ledger.hpp"

#include "eventstore/rocks_ledger.hpp"

namespace ctom::eventstore {

Result<std::unique_ptr<Ledger>> Ledger::Open(const OpenOptions& options) {
  return OpenLedgerWithEnv(options, nullptr);
}

Result<std::unique_ptr<Ledger>> Ledger::OpenFollower(const std::string& path,
                                                     const std::string& secondary_path) {
  return OpenFollowerLedger(path, secondary_path);
}

}  // namespace ctom::eventstore
