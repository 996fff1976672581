// Durability: a child appends until kill -9; every acknowledged command survives whole, nothing
// is partial, positions stay dense and the chain verifies. Repeated on one ledger.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <sstream>

#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

extern char** environ;

namespace ctom::eventstore {
namespace {

using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

constexpr int kRuns = 24;
constexpr int kChildThreads = 4;
constexpr int kAcksBeforeKillMax = 40;

struct Acknowledged {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

// Starts the child with its stdout on a pipe; returns its pid and the pipe's read end.
std::pair<pid_t, int> SpawnChild(const std::string& path) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  const std::string threads = std::to_string(kChildThreads);
  char* argv[] = {const_cast<char*>(CTOM_LEDGER_CRASH_CHILD), const_cast<char*>(path.c_str()),
                  const_cast<char*>(threads.c_str()), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, CTOM_LEDGER_CRASH_CHILD, &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads acknowledgements; after `kill_after` of them kills the child, then reads the rest the
// child wrote before it died, until end of file.
std::vector<Acknowledged> RunAndKill(const std::string& path, int kill_after) {
  auto [pid, fd] = SpawnChild(path);
  std::vector<Acknowledged> acks;
  std::string pending;
  bool killed = false;
  char buffer[4096];
  for (;;) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(got));
    for (std::size_t end; (end = pending.find('\n')) != std::string::npos;) {
      std::istringstream line(pending.substr(0, end));
      pending.erase(0, end + 1);
      Acknowledged ack;
      line >> ack.first >> ack.last;
      acks.push_back(ack);
    }
    if (!killed && static_cast<int>(acks.size()) >= kill_after) {
      EXPECT_EQ(kill(pid, SIGKILL), 0);
      killed = true;
    }
  }
  close(fd);
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child ended by itself";
  return acks;
}

// Payloads read "stream first_version index count" (see ledger_crash_child.cpp).
struct CommandPart {
  std::string stream;
  std::uint64_t first_version = 0;
  std::size_t index = 0;
  std::size_t count = 0;
};

CommandPart ParsePayload(const std::string& payload) {
  CommandPart part;
  std::istringstream(payload) >> part.stream >> part.first_version >> part.index >> part.count;
  return part;
}

void ExpectIntactLedger(const std::string& path, const std::vector<Acknowledged>& acks) {
  auto opened = Ledger::Open(TestOptions(path));
  ASSERT_TRUE(opened.has_value()) << opened.error().detail;
  const Ledger& ledger = **opened;
  auto all = ReadEverything(ledger);
  ASSERT_EQ(all.size(), ledger.GetHead().position);
  std::map<std::string, std::uint64_t> versions;
  for (std::size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(all[i].position, i + 1);
    ASSERT_EQ(all[i].stream_version, ++versions[all[i].stream]);
    // All or nothing: every command's events are there, in order, one after the other.
    const CommandPart part = ParsePayload(all[i].payload);
    ASSERT_EQ(part.stream, all[i].stream);
    ASSERT_EQ(all[i].stream_version, part.first_version + part.index);
    if (part.index == 0) {
      ASSERT_LE(i + part.count, all.size()) << "command cut short at position " << i + 1;
    } else {
      ASSERT_EQ(ParsePayload(all[i - 1].payload).index, part.index - 1);
    }
  }
  for (const Acknowledged& ack : acks) {
    ASSERT_LE(ack.last, all.size()) << "acknowledged position lost";
    EXPECT_EQ(ParsePayload(all[ack.first - 1].payload).index, 0u);
    const CommandPart last = ParsePayload(all[ack.last - 1].payload);
    EXPECT_EQ(last.index + 1, last.count);
  }
  auto report = ledger.Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

TEST(LedgerDurability, EveryAcknowledgedCommandSurvivesKillNine) {
  TempDir dir;
  std::mt19937 random(20240601);
  std::uniform_int_distribution<int> acks_before_kill(1, kAcksBeforeKillMax);
  std::vector<Acknowledged> acknowledged;
  for (int run = 0; run < kRuns; ++run) {
    auto acks = RunAndKill(dir.path(), acks_before_kill(random));
    ASSERT_FALSE(acks.empty());
    acknowledged.insert(acknowledged.end(), acks.begin(), acks.end());
    ExpectIntactLedger(dir.path(), acknowledged);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace ctom::eventstore
