// The power-cut simulator: one simulated life of a data folder (appenders through the real ledger
// and vault on a PowerCutFileSystem), a power cut at a point a seed chooses, a restart from the
// bytes that survived, and the checks of what must have survived. docs/reliability.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctom::simulation {

// Where the cut lands: at a random file-system change of the whole life (appends), or a few
// changes after a ledger backup or a vault erasure began, so it lands inside it or just after.
enum class Scenario { appends, backup, erasure };

std::string_view ScenarioName(Scenario scenario);
std::optional<Scenario> ScenarioFromName(std::string_view name);

// Deliberate faults, to show the checks fail when a promise is broken (docs/reliability.md).
struct Sabotage {
  bool answer_before_sync = false;  // the ledger answers without syncing its write-ahead log
};

struct CutOutcome {
  std::uint64_t seed = 0;
  Scenario scenario = Scenario::appends;
  std::uint64_t changes_before_cut = 0;  // file-system changes the life made before the cut
  bool cut_inside_operation = false;     // the backup or erasure was interrupted by the cut
  std::uint64_t appends_acknowledged = 0;
  std::uint64_t events_acknowledged = 0;
  std::uint64_t appends_unanswered = 0;  // refused or cut off by the cut: retried after it
  std::uint64_t sealed_events_opened = 0;
  std::vector<std::string> failures;
  std::vector<std::string> history;  // what the life did, in order, and where the cut fell
};

// Runs one life in a fresh folder under scratch (removed afterwards) and checks it. Never throws
// for a failed check: the outcome lists the failures.
CutOutcome SimulateCut(std::uint64_t seed, Scenario scenario, const std::filesystem::path& scratch,
                       Sabotage sabotage = {});

// The seed, the scenario, the failures and the history, for a person replaying it.
std::string Describe(const CutOutcome& outcome);

}  // namespace ctom::simulation
