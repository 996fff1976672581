// One power cut, simulated: a life, the cut, the restart and the checks, in a scratch folder.
#include "tests/simulation/simulation.hpp"

#include <rocksdb/file_system.h>

#include "tests/simulation/life_record.hpp"

namespace ctom::simulation {

std::string_view ScenarioName(Scenario scenario) {
  switch (scenario) {
    case Scenario::appends:
      return "appends";
    case Scenario::backup:
      return "backup";
    case Scenario::erasure:
      return "erasure";
  }
  return "appends";
}

std::optional<Scenario> ScenarioFromName(std::string_view name) {
  for (Scenario scenario : {Scenario::appends, Scenario::backup, Scenario::erasure}) {
    if (ScenarioName(scenario) == name) return scenario;
  }
  return std::nullopt;
}

CutOutcome SimulateCut(std::uint64_t seed, Scenario scenario, const std::filesystem::path& scratch,
                       Sabotage sabotage) {
  CutOutcome outcome;
  outcome.seed = seed;
  outcome.scenario = scenario;
  const LifeFolders folders{scratch / ("cut-" + std::to_string(seed))};
  std::error_code ignored;
  std::filesystem::remove_all(folders.root, ignored);
  // The folders exist before the life begins, durably: creating them is not what is tested.
  std::filesystem::create_directories(folders.ledger());
  std::filesystem::create_directories(folders.vault());
  LifeRecord record;
  auto key_file_key = vault::RandomKey();
  if (!key_file_key) {
    outcome.failures.push_back("no random key file key");
    return outcome;
  }
  {
    PowerCutFileSystem file_system(rocksdb::FileSystem::Default(), folders.trash(0));
    LiveUntilTheCut(seed, scenario, sabotage, folders, *key_file_key, file_system, record);
    outcome.changes_before_cut = file_system.Changes();
  }
  if (record.failures.empty()) CheckAfterTheCut(folders, *key_file_key, record, outcome);
  outcome.cut_inside_operation = record.cut_inside_operation;
  outcome.appends_acknowledged = record.acknowledged.size();
  for (const Acknowledged& done : record.acknowledged) {
    outcome.events_acknowledged += done.request.events.size();
  }
  outcome.appends_unanswered = record.unanswered.size();
  outcome.failures = std::move(record.failures);
  outcome.history = std::move(record.history);
  std::filesystem::remove_all(folders.root, ignored);
  return outcome;
}

std::string Describe(const CutOutcome& outcome) {
  std::string text = "seed " + std::to_string(outcome.seed) + ", scenario " +
                     std::string(ScenarioName(outcome.scenario)) + ": " +
                     std::to_string(outcome.failures.size()) + " failures\n";
  for (const std::string& failure : outcome.failures) text += "  " + failure + "\n";
  text += "history (replay: scripts/simulate --seed " + std::to_string(outcome.seed) +
          " --cuts 1 --scenario " + std::string(ScenarioName(outcome.scenario)) + "):\n";
  for (const std::string& line : outcome.history) text += "  " + line + "\n";
  return text;
}

}  // namespace ctom::simulation
