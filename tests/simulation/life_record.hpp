// What one simulated life did, as the checks after the cut need it: the appends acknowledged and
// those left unanswered, the persons keyed and erased, the backup; and a history for people.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "eventstore/ledger.hpp"
#include "tests/simulation/power_cut_file_system.hpp"
#include "tests/simulation/simulation.hpp"
#include "vault/secret_key.hpp"

namespace ctom::simulation {

struct Acknowledged {
  eventstore::AppendRequest request;
  eventstore::AppendResult result;
};

// The folders of a life: the data folder (ledger, vault), the backup folder, the trash folders of
// the file systems before and after the cut, and where a backup is restored.
struct LifeFolders {
  std::filesystem::path root;
  std::filesystem::path ledger() const { return root / "data" / "ledger"; }
  std::filesystem::path vault() const { return root / "data" / "vault"; }
  std::filesystem::path backup() const { return root / "ledger-backup"; }
  std::filesystem::path restored() const { return root / "restored"; }
  std::filesystem::path trash(int life) const { return root / ("trash-" + std::to_string(life)); }
};

// Shared by the life's threads; every member behind the mutex.
class LifeRecord {
 public:
  void Note(std::string line);
  void Failure(std::string line);
  void Acknowledge(const eventstore::AppendRequest& request,
                   const eventstore::AppendResult& result);
  void LeftUnanswered(const eventstore::AppendRequest& request);
  void ErasureBegun(const std::string& person);
  void ErasureAcknowledged(const std::string& person);
  // The last position acknowledged so far (0 when none).
  std::uint64_t LastAcknowledgedPosition() const;
  std::uint64_t AcknowledgedCount() const;

  mutable std::mutex mutex;
  std::vector<Acknowledged> acknowledged;
  std::vector<eventstore::AppendRequest> unanswered;
  std::set<std::string> erasures_begun;
  std::set<std::string> erasures_acknowledged;
  // The backup: whether it returned a backup, and the last position acknowledged before it began.
  bool backup_acknowledged = false;
  std::uint64_t backup_floor = 0;
  bool cut_inside_operation = false;
  std::vector<std::string> history;
  std::vector<std::string> failures;
};

// The associated data a simulated payload is sealed with, and the payload: person, newline, the
// bytes sealed under the person's key.
std::string SealedFor(const std::string& person);
std::string PayloadPerson(const std::string& payload);
std::string PayloadSealed(const std::string& payload);

// The life: opens the ledger and the vault on file_system, runs the appenders (and the backup or
// erasure), cuts the power at the point the seed chooses, and abandons both. Fills record.
void LiveUntilTheCut(std::uint64_t seed, Scenario scenario, Sabotage sabotage,
                     const LifeFolders& folders, const vault::SecretKey& key_file_key,
                     PowerCutFileSystem& file_system, LifeRecord& record);

// After the cut: reopens from what survived and checks every promise; failures go to record.
void CheckAfterTheCut(const LifeFolders& folders, const vault::SecretKey& key_file_key,
                      LifeRecord& record, CutOutcome& outcome);

}  // namespace ctom::simulation
