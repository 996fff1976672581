// Grouped appends: several commands' appends committed in one batch with one sync, or none of
// them; never split across batches, refused whole, replayed whole.
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

void ExpectChainVerifies(const Ledger& ledger) {
  auto report = ledger.Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

// Members at consecutive positions, all with one recorded_at: the ledger's clock is read once
// per batch (and the test clock ticks at every reading), so one instant means one batch.
void ExpectOneBatch(const std::vector<AppendResult>& members) {
  ASSERT_FALSE(members.empty());
  for (std::size_t i = 1; i < members.size(); ++i) {
    EXPECT_EQ(members[i].first_position, members[i - 1].last_position + 1) << "member " << i;
    EXPECT_EQ(members[i].recorded_at_us, members[0].recorded_at_us) << "member " << i;
  }
}

TEST(LedgerAppendGroup, AGroupIsWrittenInOneBatchAtConsecutivePositions) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("b", ExpectedVersion::Any(), 1)));
  const GroupCommitStats before = ledger->GetGroupCommitStats();

  auto appended = ledger->AppendGroup({MakeRequest("a", ExpectedVersion::NoStream(), 2),
                                       MakeRequest("b", ExpectedVersion::Exact(1), 1),
                                       MakeRequest("a", ExpectedVersion::Exact(2), 1)});
  ASSERT_TRUE(appended.has_value()) << appended.error().detail;
  ASSERT_EQ(appended->size(), 3u);
  ExpectOneBatch(*appended);
  EXPECT_EQ((*appended)[0].first_position, 2u);
  EXPECT_EQ((*appended)[0].stream_version, 2u);
  EXPECT_EQ((*appended)[1].stream_version, 2u);
  EXPECT_EQ((*appended)[2].stream_version, 3u);  // decided after the member before it
  EXPECT_EQ(ledger->GetHead().position, 5u);
  const GroupCommitStats after = ledger->GetGroupCommitStats();
  EXPECT_EQ(after.batches, before.batches + 1);
  EXPECT_EQ(after.commands, before.commands + 3);
  ExpectChainVerifies(*ledger);
}

TEST(LedgerAppendGroup, AMemberWithAWrongExpectedVersionRefusesTheWholeGroupAndWritesNothing) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("b", ExpectedVersion::Any(), 1)));
  const Head before = ledger->GetHead();

  auto refused = ledger->AppendGroup({MakeRequest("a", ExpectedVersion::NoStream(), 2, "key-a"),
                                      MakeRequest("b", ExpectedVersion::Exact(5), 1, "key-b"),
                                      MakeRequest("c", ExpectedVersion::NoStream(), 1, "key-c")});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::version_conflict);
  EXPECT_EQ(refused.error().actual_version, 1u);
  EXPECT_NE(refused.error().detail.find("group member 1"), std::string::npos)
      << refused.error().detail;
  EXPECT_EQ(ledger->GetHead().position, before.position);
  EXPECT_EQ(ledger->GetHead().hash, before.hash);
  EXPECT_EQ(ledger->StreamVersion("a"), 0u);
  EXPECT_EQ(ledger->StreamVersion("c"), 0u);
  auto key_a = ledger->CheckIdempotencyKey(MakeRequest("a", ExpectedVersion::Any(), 1, "key-a"));
  ASSERT_TRUE(key_a.has_value());
  EXPECT_FALSE(key_a->has_value()) << "the refused member before the conflict left its key";

  auto next = ledger->Append(MakeRequest("a", ExpectedVersion::NoStream(), 1));
  ASSERT_TRUE(next.has_value()) << next.error().detail;
  EXPECT_EQ(next->first_position, before.position + 1);
  EXPECT_EQ(ReadEverything(*ledger).size(), before.position + 1);
  ExpectChainVerifies(*ledger);
}

TEST(LedgerAppendGroup, ARetryOfTheWholeGroupWithItsKeysWritesNothingTwice) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  auto group = [] {
    return std::vector<AppendRequest>{MakeRequest("a", ExpectedVersion::NoStream(), 2, "key-a"),
                                      MakeRequest("b", ExpectedVersion::NoStream(), 1, "key-b")};
  };
  auto first = ledger->AppendGroup(group());
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  const Head after_first = ledger->GetHead();
  const GroupCommitStats stats = ledger->GetGroupCommitStats();

  auto retry = ledger->AppendGroup(group());
  ASSERT_TRUE(retry.has_value()) << retry.error().detail;
  ASSERT_EQ(retry->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE((*retry)[i].replayed);
    EXPECT_EQ((*retry)[i].first_position, (*first)[i].first_position);
    EXPECT_EQ((*retry)[i].last_position, (*first)[i].last_position);
    EXPECT_EQ((*retry)[i].stream_version, (*first)[i].stream_version);
  }
  EXPECT_EQ(ledger->GetHead().position, after_first.position);
  EXPECT_EQ(ledger->GetHead().hash, after_first.hash);
  EXPECT_EQ(ledger->GetGroupCommitStats().batches, stats.batches);
  EXPECT_EQ(ReadEverything(*ledger).size(), 3u);
}

TEST(LedgerAppendGroup, AMemberReusingAKeyWithAnotherRequestRefusesTheWholeGroup) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ASSERT_TRUE(ledger->Append(MakeRequest("b", ExpectedVersion::Any(), 1, "key-b")));
  auto refused = ledger->AppendGroup({MakeRequest("a", ExpectedVersion::NoStream(), 1, "key-a"),
                                      MakeRequest("other", ExpectedVersion::Any(), 1, "key-b")});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::idempotency_key_reused);
  EXPECT_EQ(ledger->GetHead().position, 1u);
  EXPECT_EQ(ledger->StreamVersion("a"), 0u);
}

TEST(LedgerAppendGroup, MalformedGroupsAreRefusedBeforeAnythingIsQueued) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  AppendRequest no_events = MakeRequest("b", ExpectedVersion::Any(), 1);
  no_events.events.clear();
  std::vector<AppendRequest> too_many_members(kAppendGroupMembersMax + 1,
                                              MakeRequest("m", ExpectedVersion::Any(), 1));
  // Within each member's own limit, but more than one batch holds.
  std::vector<AppendRequest> too_many_events(
      kGroupCommitEventsMax / kAppendEventsMax + 1,
      MakeRequest("e", ExpectedVersion::Any(), static_cast<int>(kAppendEventsMax)));
  const struct {
    const char* rule;
    std::vector<AppendRequest> group;
  } cases[] = {
      {"no members", {}},
      {"too many members", too_many_members},
      {"a malformed member", {MakeRequest("a", ExpectedVersion::Any(), 1), std::move(no_events)}},
      {"one key for two members",
       {MakeRequest("a", ExpectedVersion::Any(), 1, "key"),
        MakeRequest("b", ExpectedVersion::Any(), 1, "key")}},
      {"more events than a batch", too_many_events},
  };
  for (const auto& c : cases) {
    bool called = false;
    auto queued = ledger->AppendGroupThen(c.group, [&called](auto) { called = true; });
    ASSERT_FALSE(queued.has_value()) << c.rule;
    EXPECT_EQ(queued.error().code, ErrorCode::invalid_request) << c.rule;
    EXPECT_FALSE(called) << c.rule;
  }
  // A later append's answer shows the writer has passed where a stray group would be.
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 1)));
  EXPECT_EQ(ledger->GetHead().position, 1u);
}

TEST(LedgerAppendGroup, AGroupIsAnsweredOnceOnTheWriterThreadAfterItIsDurable) {
  TempDir dir;
  std::promise<std::pair<std::thread::id, std::uint64_t>> answered;
  int calls = 0;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  auto queued = ledger->AppendGroupThen(
      {MakeRequest("a", ExpectedVersion::Any(), 1), MakeRequest("b", ExpectedVersion::Any(), 2)},
      [&](Result<std::vector<AppendResult>> results) {
        ++calls;
        EXPECT_TRUE(results.has_value());
        answered.set_value({std::this_thread::get_id(), ledger->GetHead().position});
      });
  ASSERT_TRUE(queued.has_value());
  const auto [thread, head] = answered.get_future().get();
  EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(head, 3u);  // published before the group hears of it
  ledger.reset();       // drains the writer: no second call
  EXPECT_EQ(calls, 1);
}

// Threads of single appends and threads of large groups, sized so that batches fill up
// (kGroupCommitEventsMax) while groups wait: a batch that took part of a group would be cut there.
TEST(LedgerAppendGroup, AGroupIsNeverSplitAcrossBatchesUnderConcurrentSingleAppends) {
  constexpr int kSingleThreads = 6;
  constexpr int kSinglesPerThread = 30;
  constexpr int kSingleEvents = 64;
  constexpr int kGroupThreads = 3;
  constexpr int kGroupsPerThread = 8;
  constexpr int kGroupMembers = 8;
  constexpr int kMemberEvents = 200;  // a group: 1,600 events, so two rarely fit one batch
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  std::mutex mutex;
  std::vector<std::vector<AppendResult>> groups;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kSingleThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSinglesPerThread; ++i) {
        auto appended = ledger->Append(
            MakeRequest("single-" + std::to_string(t), ExpectedVersion::Any(), kSingleEvents));
        std::lock_guard lock(mutex);
        if (!appended) failures.push_back(appended.error().detail);
      }
    });
  }
  for (int t = 0; t < kGroupThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int g = 0; g < kGroupsPerThread; ++g) {
        std::vector<AppendRequest> members;
        for (int m = 0; m < kGroupMembers; ++m) {
          members.push_back(MakeRequest("group-" + std::to_string(t) + "-" + std::to_string(m),
                                        ExpectedVersion::Exact(g * kMemberEvents), kMemberEvents));
        }
        auto appended = ledger->AppendGroup(std::move(members));
        std::lock_guard lock(mutex);
        if (!appended) failures.push_back(appended.error().detail);
        if (appended) groups.push_back(std::move(*appended));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures.size(), 0u) << (failures.empty() ? "" : failures.front());
  ASSERT_EQ(groups.size(), static_cast<std::size_t>(kGroupThreads * kGroupsPerThread));
  for (const auto& group : groups) ExpectOneBatch(group);
  EXPECT_EQ(
      ledger->GetHead().position,
      static_cast<std::uint64_t>(kSingleThreads * kSinglesPerThread * kSingleEvents +
                                 kGroupThreads * kGroupsPerThread * kGroupMembers * kMemberEvents));
  ExpectChainVerifies(*ledger);
}

}  // namespace
}  // namespace ctom::eventstore
