// Opening a data folder for the command-line tools: as a read-only follower (so they work while
// the server runs), with a private secondary folder removed afterwards.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "eventstore/ledger.hpp"
#include "projections/unsealer.hpp"
#include "vault/vault.hpp"

namespace ctom::cli {

// Where the ledger of a data folder is, as `ctom serve` keeps it: DIR/ledger.
std::string LedgerPath(const std::string& data);

// True when another process holds the ledger of `data` open for writing (a running `ctom serve`):
// RocksDB's lock on DIR/ledger/LOCK is taken. False when there is no ledger or it is free.
bool LedgerInUse(const std::string& data);

class FollowedLedger {
 public:
  // Opens `data` read-only, and its vault with key_file (else DIR/master.key) so sealed personal
  // data reads; without one (nullopt: `ctom verify`, which reads no personal data) sealed fields
  // read as erased. On failure prints one line and returns nullptr.
  static std::unique_ptr<FollowedLedger> Open(const std::string& data,
                                              const std::optional<std::string>& key_file);
  ~FollowedLedger();

  eventstore::Ledger& ledger() { return *ledger_; }
  const projections::Unsealer& unsealer() const { return unsealer_; }
  // The vault, read-only; null when the data folder has none.
  vault::Vault* vault() { return vault_.get(); }

 private:
  std::string secondary_;
  std::unique_ptr<eventstore::Ledger> ledger_;
  std::unique_ptr<vault::Vault> vault_;
  projections::Unsealer unsealer_;
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

// For a step that reports no progress of its own (verifying the chain, a backup): while the
// object lives longer than a second, prints "<what>: <seconds> s" on stderr once a second.
class ProgressHeartbeat {
 public:
  explicit ProgressHeartbeat(std::string what);
  ~ProgressHeartbeat();
  ProgressHeartbeat(const ProgressHeartbeat&) = delete;
  ProgressHeartbeat& operator=(const ProgressHeartbeat&) = delete;

 private:
  std::string what_;
  std::mutex mutex_;
  std::condition_variable stopped_;
  bool stop_ = false;
  std::thread printer_;
};

}  // namespace ctom::cli
