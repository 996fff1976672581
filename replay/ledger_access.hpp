// Opening a data folder for the command-line tools: as a read-only follower (so they work while
// the server runs), with a private secondary folder removed afterwards.
#pragma once

#include <memory>
#include <string>

#include "eventstore/ledger.hpp"

namespace ctom::replay {

// Where the ledger of a data folder is, as `ctom serve` keeps it: DIR/ledger.
std::string LedgerPath(const std::string& data);

class FollowedLedger {
 public:
  // Opens `data` read-only; on failure prints one line and returns nullptr.
  static std::unique_ptr<FollowedLedger> Open(const std::string& data);
  ~FollowedLedger();

  eventstore::Ledger& ledger() { return *ledger_; }

 private:
  std::string secondary_;
  std::unique_ptr<eventstore::Ledger> ledger_;
};

// Prints "<what>: <position>" progress lines on stderr at most once a second, after the first.
class ProgressLine {
 public:
  explicit ProgressLine(std::string what);
  void Update(std::uint64_t done, std::uint64_t total);

 private:
  std::string what_;
  std::int64_t started_ms_;
  std::int64_t last_ms_;
};

}  // namespace ctom::replay
