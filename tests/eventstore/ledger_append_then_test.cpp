// AppendThen: the writer answers each queued command once, after its batch is synced, in the
// order the commands were queued; a request refused before queueing is answered at once.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::TempDir;
using testing::TestOptions;

TEST(LedgerAppendThen, EachCommandIsAnsweredOnceOnTheWriterThreadInQueueOrderOnceDurable) {
  TempDir dir;
  constexpr int kCommands = 50;
  std::mutex mutex;
  std::vector<std::uint64_t> answered_versions;
  std::vector<std::thread::id> answering_threads;
  std::vector<std::uint64_t> head_when_answered;
  std::promise<void> all_answered;
  // Declared after what its callbacks touch, so it drains its queue before they are gone.
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  for (int i = 0; i < kCommands; ++i) {
    auto queued = ledger->AppendThen(
        MakeRequest("s", ExpectedVersion::Exact(i), 1), [&](Result<AppendResult> result) {
          std::lock_guard lock(mutex);
          EXPECT_TRUE(result.has_value());
          answered_versions.push_back(result ? result->stream_version : 0);
          answering_threads.push_back(std::this_thread::get_id());
          head_when_answered.push_back(ledger->GetHead().position);
          if (answered_versions.size() == kCommands) all_answered.set_value();
        });
    ASSERT_TRUE(queued.has_value());
  }
  ASSERT_EQ(all_answered.get_future().wait_for(std::chrono::seconds(60)),
            std::future_status::ready);
  std::lock_guard lock(mutex);
  for (int i = 0; i < kCommands; ++i) {
    EXPECT_EQ(answered_versions[i], static_cast<std::uint64_t>(i + 1));
    // Published (durable and readable) before the command hears of it.
    EXPECT_GE(head_when_answered[i], answered_versions[i]);
    EXPECT_NE(answering_threads[i], std::this_thread::get_id());
  }
}

TEST(LedgerAppendThen, ARequestRefusedBeforeQueueingIsReturnedAndNeverCalledBack) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  AppendRequest empty = MakeRequest("s", ExpectedVersion::Any(), 1);
  empty.events.clear();
  std::atomic<int> calls{0};
  auto queued = ledger->AppendThen(std::move(empty), [&calls](Result<AppendResult>) { ++calls; });
  ASSERT_FALSE(queued.has_value());
  EXPECT_EQ(queued.error().code, ErrorCode::invalid_request);
  // A later command's answer shows the writer has passed the point where a stray call would be.
  ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 1)).has_value());
  EXPECT_EQ(calls.load(), 0);
  EXPECT_EQ(ledger->GetHead().position, 1u);
}

TEST(LedgerAppendThen, CommandsStillQueuedWhenTheLedgerClosesAreWrittenAndAnswered) {
  TempDir dir;
  std::atomic<int> answered{0};
  {
    auto ledger = OpenOrDie(TestOptions(dir.path()));
    for (int i = 0; i < 20; ++i) {
      auto queued = ledger->AppendThen(MakeRequest("s", ExpectedVersion::Any(), 1),
                                       [&answered](Result<AppendResult> result) {
                                         if (result) ++answered;
                                       });
      ASSERT_TRUE(queued.has_value());
    }
  }
  EXPECT_EQ(answered.load(), 20);
  auto reopened = OpenOrDie(TestOptions(dir.path()));
  EXPECT_EQ(reopened->GetHead().position, 20u);
}

}  // namespace
}  // namespace ctom::eventstore
