// ctom backup and restore end to end: a backup taken while a writer appends restores into a new
// folder that verifies, replays and folds exactly like the source up to the restored head.
#include <atomic>
#include <filesystem>
#include <latch>
#include <thread>

#include "eventstore/hex.hpp"
#include "eventstore/private_folder.hpp"
#include "tests/cli/cli_test_support.hpp"

namespace ctom::cli::testing {
namespace {

constexpr std::size_t kAppendedBeforeBackup = 200;
// Replays are judged at this instant (after every history's last event) rather than now.
constexpr const char* kJudgedAt = "2100-01-01T00:00:00Z";

// The position printed after `prefix` in the run's output, or 0.
std::uint64_t PositionAfter(const CtomRun& run, const std::string& prefix) {
  const std::size_t at = run.out.find(prefix);
  if (at == std::string::npos) return 0;
  return std::stoull(run.out.substr(at + prefix.size()));
}

std::string FingerprintOf(const eventstore::Ledger& ledger, const projections::Bounds& bounds) {
  auto program = projections::FoldLog(ledger, projections::Unsealer::NoKeys(), bounds);
  EXPECT_TRUE(program.has_value()) << program.error();
  return program ? Fingerprint(*program) : "";
}

TEST(BackupRestore, BackupWhileAWriterAppendsRestoresToAPrefixThatVerifiesAndFoldsTheSame) {
  static const HistoryBuilder history = ctom::testing::SlideHistory();
  ASSERT_GT(history.history().size(), 10 * kAppendedBeforeBackup);
  DataFolder source;
  source.Close();
  source.Open(/*sync_writes=*/true);  // as the server writes: every command synced
  ScratchFolder scratch;
  const std::string backups = scratch.path() + "/backups";
  const std::string restored = scratch.path() + "/restored";

  std::atomic<bool> stop{false};
  std::latch started(1);
  std::thread writer([&] {
    std::size_t appended = 0;
    for (const domain::Recorded& recorded : history.history()) {
      if (stop.load()) break;
      source.Append(recorded);
      if (++appended == kAppendedBeforeBackup) started.count_down();
    }
    if (appended < kAppendedBeforeBackup) started.count_down();
  });
  started.wait();
  const std::uint64_t head_before = source.ledger().GetHead().position;
  const CtomRun backup = RunCtom({"backup", "--data", source.data(), "--to", backups});
  const std::uint64_t head_after = source.ledger().GetHead().position;
  stop.store(true);
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup;
  EXPECT_GT(head_after, head_before) << "the writer appended while the backup ran";

  const CtomRun restore = RunCtom({"restore", "--from", backups, "--data", restored});
  ASSERT_EQ(restore.exit_code, 0) << restore;
  // Copies of the ledger hold personal data: the folders the tools create are the owner's alone.
  EXPECT_FALSE(eventstore::OpenToOthers(backups));
  EXPECT_FALSE(eventstore::OpenToOthers(restored));
  const std::uint64_t head = PositionAfter(restore, "restored position ");
  // The backup holds at least what it said, and what the writer had appended when it began.
  // The backup says the exact position it holds: the restored head.
  EXPECT_EQ(head, PositionAfter(backup, " at position ")) << backup;
  EXPECT_GE(PositionAfter(backup, " at position "), head_before);
  EXPECT_LE(head, source.ledger().GetHead().position);

  // The restored chain verifies, and its head is the source's record at that position.
  const CtomRun verify = RunCtom({"verify", "--data", restored});
  ASSERT_EQ(verify.exit_code, 0) << verify;
  auto at_head = source.ledger().Verify(head);
  ASSERT_TRUE(at_head.has_value() && at_head->ok);
  EXPECT_EQ(verify.out, "ok position " + std::to_string(head) + " hash " +
                            eventstore::ToHex(at_head->hash) + "\n");
  const std::string digest = std::to_string(head) + ":" + eventstore::ToHex(at_head->hash);
  EXPECT_EQ(RunCtom({"verify", "--data", restored, "--digest", digest}).exit_code, 0);

  // A candidate's timeline reads the same from the copy as from the source at that position.
  // Judged at one fixed instant, so that two runs print the same first line.
  const CtomRun from_copy = RunCtom({"replay", "--data", restored, "c0", "--as-of", kJudgedAt});
  const CtomRun from_source = RunCtom({"replay", "--data", source.data(), "c0", "--position",
                                       std::to_string(head), "--as-of", kJudgedAt});
  ASSERT_EQ(from_copy.exit_code, 0) << from_copy;
  EXPECT_EQ(from_copy.out, from_source.out);

  // The views folded from the copy are the source's up to the restored head.
  eventstore::OpenOptions options;
  options.path = restored + "/ledger";
  auto copy = eventstore::Ledger::Open(options);
  ASSERT_TRUE(copy.has_value()) << copy.error().detail;
  EXPECT_EQ(FingerprintOf(**copy, projections::Bounds{}),
            FingerprintOf(source.ledger(), projections::Bounds{std::nullopt, std::nullopt, head}));
}

TEST(BackupRestore, RestoreRefusesAFolderThatHoldsALedger) {
  DataFolder source;
  source.AppendAll(SmallHistory());
  ScratchFolder scratch;
  const std::string backups = scratch.path() + "/backups";
  ASSERT_EQ(RunCtom({"backup", "--data", source.data(), "--to", backups}).exit_code, 0);
  const CtomRun run = RunCtom({"restore", "--from", backups, "--data", source.data()});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_EQ(RunCtom({"verify", "--data", source.data()}).exit_code, 0);
}

TEST(BackupRestore, RestoreIntoAFolderNotYetMadeCreatesIt) {
  DataFolder source;
  source.AppendAll(SmallHistory());
  ScratchFolder scratch;
  const std::string backups = scratch.path() + "/backups";
  const CtomRun backup = RunCtom({"backup", "--data", source.data(), "--to", backups});
  ASSERT_EQ(backup.exit_code, 0) << backup;
  const std::uint64_t head = source.ledger().GetHead().position;
  auto at_head = source.ledger().Verify(head);
  ASSERT_TRUE(at_head.has_value() && at_head->ok);
  EXPECT_EQ(backup.out, "backup 1 of " + source.data() + " at position " + std::to_string(head) +
                            " hash " + eventstore::ToHex(at_head->hash) + "\n");
  const std::string restored = scratch.path() + "/new/data";
  const CtomRun run = RunCtom({"restore", "--from", backups, "--data", restored});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(PositionAfter(run, "restored position "), head);
  EXPECT_EQ(RunCtom({"replay", "--data", restored, "c1", "--as-of", kJudgedAt}).out,
            RunCtom({"replay", "--data", source.data(), "c1", "--as-of", kJudgedAt}).out);
}

TEST(BackupRestore, AFailedRestoreRemovesTheFoldersItMadeAndOnlyThose) {
  ScratchFolder scratch;
  const std::string no_backups = scratch.path() + "/no-backups";
  // A data folder not yet made, with a parent not yet made: neither is left behind.
  const CtomRun fresh =
      RunCtom({"restore", "--from", no_backups, "--data", scratch.path() + "/new/data"});
  EXPECT_EQ(fresh.exit_code, 2) << fresh;
  EXPECT_EQ(Lines(fresh.err).size(), 1u) << fresh.err;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() + "/new"));
  // A data folder that was there stays, as it was: empty, and with what it held.
  const std::string empty = scratch.path() + "/empty";
  std::filesystem::create_directories(empty);
  EXPECT_EQ(RunCtom({"restore", "--from", no_backups, "--data", empty}).exit_code, 2);
  EXPECT_TRUE(std::filesystem::is_directory(empty));
  EXPECT_TRUE(std::filesystem::is_empty(empty));
  const std::string holding = scratch.path() + "/holding";
  std::filesystem::create_directories(holding + "/ledger");
  WriteText(holding + "/ledger/notes.txt", "kept");
  EXPECT_EQ(RunCtom({"restore", "--from", no_backups, "--data", holding}).exit_code, 2);
  EXPECT_EQ(ReadText(holding + "/ledger/notes.txt"), "kept");
}

TEST(BackupRestore, BadUsageExitsTwoWithOneLine) {
  DataFolder source;
  ScratchFolder scratch;
  for (const std::vector<std::string>& arguments : {
           std::vector<std::string>{"backup", "--data", source.data()},
           std::vector<std::string>{"backup", "--to", scratch.path() + "/b"},
           std::vector<std::string>{"backup", "--data", scratch.path() + "/none", "--to",
                                    scratch.path() + "/b"},
           std::vector<std::string>{"restore", "--data", scratch.path() + "/r"},
           std::vector<std::string>{"restore", "--from", scratch.path() + "/b"},
           std::vector<std::string>{"restore", "--from", scratch.path() + "/no-backups", "--data",
                                    scratch.path() + "/r"},
       }) {
    const CtomRun run = RunCtom(arguments);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  }
}

}  // namespace
}  // namespace ctom::cli::testing
