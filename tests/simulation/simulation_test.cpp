// Power cuts, simulated over fixed seeds (docs/reliability.md): after each, every acknowledged
// append is there exactly once at its answered position, every sealed payload opens, the chain
// verifies and retried keys write nothing. Any number of seeds: scripts/simulate.
#include "tests/simulation/simulation.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace ctom::simulation {
namespace {

class Scratch {
 public:
  Scratch() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ctom-simulation-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Totals {
  std::uint64_t appends = 0;
  std::uint64_t opened = 0;
  std::uint64_t inside = 0;
};

// Runs the seeds' cuts, failing with the seed and history of every cut whose checks fail.
Totals RunCuts(Scenario scenario, std::uint64_t first_seed, std::uint64_t cuts) {
  Scratch scratch;
  Totals totals;
  for (std::uint64_t seed = first_seed; seed < first_seed + cuts; ++seed) {
    const CutOutcome outcome = SimulateCut(seed, scenario, scratch.path());
    EXPECT_TRUE(outcome.failures.empty()) << Describe(outcome);
    totals.appends += outcome.appends_acknowledged;
    totals.opened += outcome.sealed_events_opened;
    totals.inside += outcome.cut_inside_operation ? 1 : 0;
  }
  return totals;
}

TEST(PowerCut, EveryAcknowledgedAppendSurvivesACutAtAnyChange) {
  const Totals totals = RunCuts(Scenario::appends, 1, 150);
  EXPECT_GT(totals.appends, 0u);
  EXPECT_GT(totals.opened, 0u);
}

TEST(PowerCut, EveryAcknowledgedAppendSurvivesACutDuringABackupAndAnAcknowledgedBackupRestores) {
  const Totals totals = RunCuts(Scenario::backup, 1001, 75);
  EXPECT_GT(totals.inside, 0u) << "no cut fell inside a backup";
}

TEST(PowerCut, EverySealedPayloadOpensAfterACutDuringAnErasureAndAnAcknowledgedErasureStays) {
  const Totals totals = RunCuts(Scenario::erasure, 2001, 60);
  EXPECT_GT(totals.inside, 0u) << "no cut fell inside an erasure";
}

// The checks can fail: a ledger that answers before its write-ahead log is synced loses
// acknowledged appends in some cut, and the simulator says so.
TEST(PowerCut, TheSimulatorCatchesALedgerThatAnswersBeforeItsSync) {
  Scratch scratch;
  std::uint64_t caught = 0;
  for (std::uint64_t seed = 1; seed <= 20 && caught == 0; ++seed) {
    Sabotage sabotage;
    sabotage.answer_before_sync = true;
    caught +=
        SimulateCut(seed, Scenario::appends, scratch.path(), sabotage).failures.empty() ? 0 : 1;
  }
  EXPECT_GT(caught, 0u);
}

}  // namespace
}  // namespace ctom::simulation
