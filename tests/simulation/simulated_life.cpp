// One simulated life of a data folder: appenders sealing payloads under their persons' keys and
// appending them through the real ledger (group commit, idempotency keys), a backup or an erasure
// beside them, and a power cut at the point the seed chooses.
#include <rocksdb/env.h>

#include <atomic>
#include <memory>
#include <random>
#include <thread>

#include "eventstore/ledger_testing.hpp"
#include "tests/simulation/life_record.hpp"
#include "vault/seal.hpp"
#include "vault/vault.hpp"

namespace ctom::simulation {
namespace {

constexpr int kOperationsPerAppender = 30;
constexpr int kStreams = 5;  // shared by the appenders, so their commands share batches
// A life makes about 150 file-system changes opening and closing and 20 per appender: the cut of
// the appends scenario falls at any of them, and now and then after the work ended.
constexpr std::uint64_t kOpeningChanges = 150;
constexpr std::uint64_t kChangesPerAppender = 22;
constexpr std::uint64_t kOperationScenarioChangesMax = 160;

// The running life: what every thread of it reaches.
struct Life {
  std::uint64_t seed = 0;
  const LifeFolders& folders;
  PowerCutFileSystem& file_system;
  eventstore::Ledger& ledger;
  vault::Vault& vault;
  LifeRecord& record;
  std::atomic<int> appenders_running{0};
};

std::string Name(std::string_view prefix, std::uint64_t a, std::uint64_t b) {
  return std::string(prefix) + "-" + std::to_string(a) + "-" + std::to_string(b);
}

// Seals one payload per event under the person's key (made and synced first if new), then appends
// them. False when the life must stop (the power is off, or a check already failed).
bool AppendSealed(Life& life, std::mt19937_64& random, const std::string& person,
                  const std::string& key, std::vector<Acknowledged>& mine) {
  auto person_key = life.vault.EnsurePersonKey(person);
  if (!person_key) {
    if (!life.file_system.IsCut()) {
      life.record.Failure("EnsurePersonKey: " + person_key.error().detail);
    }
    return false;
  }
  eventstore::AppendRequest request;
  request.stream = "stream-" + std::to_string(random() % kStreams);
  request.idempotency_key = key;
  const int events = 1 + static_cast<int>(random() % 3);
  for (int i = 0; i < events; ++i) {
    auto sealed = vault::Seal(*person_key, key + "/" + std::to_string(i), SealedFor(person));
    if (!sealed) {
      life.record.Failure("Seal: " + sealed.error().detail);
      return false;
    }
    eventstore::NewEvent event;
    event.type = "sealed";
    event.payload = person + "\n" + *sealed;
    event.event_id[0] = static_cast<std::uint8_t>(i);
    request.events.push_back(std::move(event));
  }
  auto result = life.ledger.Append(request);
  if (!result) {
    if (life.file_system.IsCut()) {
      life.record.LeftUnanswered(request);
      return false;
    }
    life.record.Failure("append " + key + " before the cut: " + result.error().detail);
    return false;
  }
  life.record.Acknowledge(request, *result);
  mine.push_back({std::move(request), *result});
  return true;
}

// An acknowledged command sent again with its key: the ledger must answer it as before and write
// nothing.
bool RetryAcknowledged(Life& life, const Acknowledged& earlier) {
  auto again = life.ledger.Append(earlier.request);
  if (!again) {
    if (!life.file_system.IsCut()) life.record.Failure("retry refused: " + again.error().detail);
    return false;
  }
  if (!again->replayed || again->first_position != earlier.result.first_position ||
      again->last_position != earlier.result.last_position) {
    life.record.Failure("retry of " + earlier.request.idempotency_key +
                        " was not answered as the original (first position " +
                        std::to_string(again->first_position) + ")");
    return false;
  }
  return true;
}

void Appender(Life& life, int thread) {
  std::mt19937_64 random(life.seed * 7919 + static_cast<std::uint64_t>(thread));
  std::vector<std::string> persons;
  std::vector<Acknowledged> mine;
  for (int operation = 0; operation < kOperationsPerAppender; ++operation) {
    if (!mine.empty() && random() % 6 == 0) {
      if (!RetryAcknowledged(life, mine[random() % mine.size()])) break;
      continue;
    }
    if (persons.empty() || random() % 4 == 0)
      persons.push_back(Name("person", thread, persons.size()));
    const std::string& person = persons[random() % persons.size()];
    if (!AppendSealed(life, random, person, Name("key", thread, operation), mine)) break;
  }
  --life.appenders_running;
}

// The backup or the erasure, once the appenders have some acknowledged commands, with the cut
// planned a few changes after it begins.
void Operation(Life& life, Scenario scenario) {
  std::mt19937_64 random(life.seed * 104729 + 1);
  std::vector<Acknowledged> mine;
  // A person of the operation's own, with events, for the erasure to destroy.
  const std::string person = Name("person", 99, 0);
  for (int i = 0; i < 3; ++i) {
    if (!AppendSealed(life, random, person, Name("key", 99, i), mine)) return;
  }
  const std::uint64_t wait_for = random() % 60;
  while (life.record.AcknowledgedCount() < wait_for && life.appenders_running > 0 &&
         !life.file_system.IsCut()) {
    std::this_thread::yield();
  }
  if (life.file_system.IsCut()) return;
  const std::uint64_t cut_after = 1 + random() % kOperationScenarioChangesMax;
  const std::string planned = "; cut planned after " + std::to_string(cut_after) + " changes";
  bool done = false;
  std::string detail;
  if (scenario == Scenario::backup) {
    const std::uint64_t floor = life.record.LastAcknowledgedPosition();
    life.record.Note("backup begins, acknowledged up to position " + std::to_string(floor) +
                     planned);
    life.file_system.CutAfter(cut_after);
    auto backup = life.ledger.Backup(life.folders.backup().string());
    done = backup.has_value();
    if (!done) detail = backup.error().detail;
    std::lock_guard lock(life.record.mutex);
    life.record.backup_acknowledged = done;
    life.record.backup_floor = floor;
  } else {
    life.record.ErasureBegun(person);
    life.record.Note("erasure of " + person + " begins" + planned);
    life.file_system.CutAfter(cut_after);
    auto erased = life.vault.ErasePerson(person);
    done = erased.has_value();
    if (!done) detail = erased.error().detail;
    if (done) life.record.ErasureAcknowledged(person);
  }
  if (!done && !life.file_system.IsCut()) {
    life.record.Failure(std::string(ScenarioName(scenario)) + " failed before the cut: " + detail);
  }
  std::lock_guard lock(life.record.mutex);
  life.record.cut_inside_operation = !done;
  life.record.history.push_back(std::string(ScenarioName(scenario)) +
                                (done ? " acknowledged" : " cut off: " + detail));
}

eventstore::OpenOptions LedgerOptions(const LifeFolders& folders, Sabotage sabotage) {
  eventstore::OpenOptions options;
  options.path = folders.ledger().string();
  options.sync_writes = !sabotage.answer_before_sync;
  return options;
}

}  // namespace

void LiveUntilTheCut(std::uint64_t seed, Scenario scenario, Sabotage sabotage,
                     const LifeFolders& folders, const vault::SecretKey& key_file_key,
                     PowerCutFileSystem& file_system, LifeRecord& record) {
  std::mt19937_64 random(seed);
  const int appenders = 2 + static_cast<int>(random() % 7);
  if (scenario == Scenario::appends) {
    const std::uint64_t cut_after =
        1 +
        random() % (kOpeningChanges + kChangesPerAppender * static_cast<std::uint64_t>(appenders));
    record.Note(std::to_string(appenders) + " appenders; cut planned after " +
                std::to_string(cut_after) + " changes");
    file_system.CutAfter(cut_after);
  } else {
    record.Note(std::to_string(appenders) + " appenders");
  }
  auto env = rocksdb::NewCompositeEnv(
      std::shared_ptr<rocksdb::FileSystem>(&file_system, [](rocksdb::FileSystem*) {}));
  auto vault = vault::OpenVaultWithEnv(folders.vault(), key_file_key, env.get());
  auto ledger = eventstore::OpenLedgerWithEnv(LedgerOptions(folders, sabotage), env.get());
  if (vault && ledger) {
    Life life{seed, folders, file_system, **ledger, **vault, record};
    life.appenders_running = appenders;
    std::vector<std::jthread> threads;
    for (int thread = 0; thread < appenders; ++thread) {
      threads.emplace_back([&life, thread] { Appender(life, thread); });
    }
    if (scenario != Scenario::appends) threads.emplace_back([&] { Operation(life, scenario); });
    threads.clear();  // joins
  } else if (!file_system.IsCut()) {
    record.Failure("opening before the cut: " +
                   (vault ? ledger.error().detail : vault.error().detail));
  } else {
    record.Note("the cut fell while opening");
  }
  // The power goes first; the databases are then abandoned with nothing more made durable.
  const bool fell_by_count = file_system.IsCut();
  file_system.Cut();
  record.Note(std::string(fell_by_count ? "cut" : "cut after the work ended") + " at change " +
              std::to_string(file_system.Changes()));
  if (ledger) ledger->reset();
  if (vault) vault->reset();
}

}  // namespace ctom::simulation
