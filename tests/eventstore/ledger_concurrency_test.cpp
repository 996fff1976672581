// Many appending threads: no gaps, no duplicates, exactly one winner per version conflict.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

constexpr int kThreads = 8;
constexpr std::uint64_t kSharedVersions = 40;  // each thread tries every version of "shared"
constexpr int kOwnAppends = 25;

// Every event of the log exactly once, at dense positions, with dense versions per stream.
void ExpectDenseLog(const Ledger& ledger) {
  auto all = ReadEverything(ledger);
  ASSERT_EQ(all.size(), ledger.GetHead().position);
  std::map<std::string, std::uint64_t> versions;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].position, i + 1);
    EXPECT_EQ(all[i].stream_version, ++versions[all[i].stream]) << all[i].stream;
  }
  for (const auto& [stream, version] : versions) EXPECT_EQ(ledger.StreamVersion(stream), version);
  auto report = ledger.Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

TEST(LedgerConcurrency, OneWinnerPerExpectedVersionAndNoGaps) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  // wins[v]: how many threads appended at Exact(v). Each thread writes only its own row.
  std::vector<std::vector<int>> wins(kThreads, std::vector<int>(kSharedVersions, 0));
  std::vector<int> unexpected_errors(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string own = "own-" + std::to_string(t);
      const int own_events = 1 + t % 3;  // commands of several events interleave with others
      std::uint64_t own_version = 0;
      for (std::uint64_t v = 0; v < kSharedVersions; ++v) {
        auto shared = ledger->Append(MakeRequest("shared", ExpectedVersion::Exact(v), 1));
        if (shared) {
          wins[t][v]++;
        } else if (shared.error().code != ErrorCode::version_conflict ||
                   shared.error().actual_version <= v) {
          unexpected_errors[t]++;
        }
        if (v < static_cast<std::uint64_t>(kOwnAppends)) {
          auto mine =
              ledger->Append(MakeRequest(own, ExpectedVersion::Exact(own_version), own_events));
          own_version += own_events;
          if (!mine || mine->stream_version != own_version) unexpected_errors[t]++;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(unexpected_errors[t], 0) << t;
  for (std::uint64_t v = 0; v < kSharedVersions; ++v) {
    int winners = 0;
    for (int t = 0; t < kThreads; ++t) winners += wins[t][v];
    EXPECT_EQ(winners, 1) << "version " << v;
  }
  EXPECT_EQ(ledger->StreamVersion("shared"), kSharedVersions);
  ExpectDenseLog(*ledger);
  const GroupCommitStats stats = ledger->GetGroupCommitStats();
  EXPECT_EQ(stats.commands, kSharedVersions + kThreads * kOwnAppends);
  EXPECT_EQ(stats.events, ledger->GetHead().position);
  EXPECT_LE(stats.batches, stats.commands);
}

TEST(LedgerConcurrency, ExactlyOneCreatesAStream) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  constexpr int kRounds = 10;
  std::vector<std::vector<int>> created(kThreads, std::vector<int>(kRounds, 0));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        auto result = ledger->Append(
            MakeRequest("new-" + std::to_string(round), ExpectedVersion::NoStream(), 2));
        created[t][round] = result.has_value() ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int round = 0; round < kRounds; ++round) {
    int winners = 0;
    for (int t = 0; t < kThreads; ++t) winners += created[t][round];
    EXPECT_EQ(winners, 1) << round;
  }
  EXPECT_EQ(ledger->GetHead().position, 2u * kRounds);
  ExpectDenseLog(*ledger);
}

TEST(LedgerConcurrency, ConcurrentRetriesOfOneKeyWriteOnce) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  std::vector<std::optional<AppendResult>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto result = ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 3, "the-key"));
      if (result) results[t] = *result;
    });
  }
  for (auto& thread : threads) thread.join();
  int originals = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->first_position, 1u);
    EXPECT_EQ(result->last_position, 3u);
    originals += result->replayed ? 0 : 1;
  }
  EXPECT_EQ(originals, 1);
  EXPECT_EQ(ledger->GetHead().position, 3u);
}

}  // namespace
}  // namespace ctom::eventstore
