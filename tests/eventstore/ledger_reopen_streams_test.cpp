// Reopening a ledger that holds many streams of different lengths recovers every stream's version
// (a regression: the loader compared against a view of a key the iterator had moved past).
#include <gtest/gtest.h>

#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::OpenOrDie;
using testing::TempDir;
using testing::TestOptions;

TEST(LedgerReopen, RecoversTheVersionOfEveryStreamWhateverItsIdLength) {
  TempDir dir;
  const std::vector<std::pair<std::string, int>> streams{{"cohort-2018", 1},
                                                         {"candidate-c-07c3994dc2a9", 2},
                                                         {"document-" + std::string(64, 'a'), 1},
                                                         {"program", 3},
                                                         {"mentor-m-1", 2}};
  {
    auto ledger = OpenOrDie(TestOptions(dir.Sub("data")));
    for (const auto& [stream, count] : streams) {
      for (int i = 0; i < count; ++i) {
        AppendRequest request;
        request.stream = stream;
        request.events.push_back(testing::MakeEvent("happened", "payload"));
        ASSERT_TRUE(ledger->Append(std::move(request)).has_value());
      }
    }
  }
  auto reopened = OpenOrDie(TestOptions(dir.Sub("data")));
  ASSERT_NE(reopened, nullptr);
  for (const auto& [stream, count] : streams) {
    EXPECT_EQ(reopened->StreamVersion(stream), static_cast<std::uint64_t>(count)) << stream;
  }
  EXPECT_EQ(reopened->GetHead().position, 9u);
}

}  // namespace
}  // namespace ctom::eventstore

namespace ctom::eventstore {
namespace {

TEST(LedgerFollowerBackup, AFollowerBacksUpWhatThePrimaryHasSyncedAndTheCopyVerifies) {
  testing::TempDir dir;
  auto primary = testing::OpenOrDie(testing::TestOptions(dir.Sub("data")));
  for (int i = 0; i < 5; ++i) {
    AppendRequest request;
    request.stream = "candidate-" + std::to_string(i);
    request.events.push_back(testing::MakeEvent("happened", "payload"));
    ASSERT_TRUE(primary->Append(std::move(request)).has_value());
  }
  auto follower = Ledger::OpenFollower(dir.Sub("data"), dir.Sub("secondary"));
  ASSERT_TRUE(follower.has_value());
  ASSERT_TRUE((*follower)->Backup(dir.Sub("backup")).has_value());
  auto head = RestoreLedger(dir.Sub("backup"), dir.Sub("restored"));
  ASSERT_TRUE(head.has_value()) << head.error().detail;
  EXPECT_EQ(head->position, 5u);
  EXPECT_EQ(head->hash, primary->GetHead().hash);
  auto restored = testing::OpenOrDie(testing::TestOptions(dir.Sub("restored")));
  auto report = restored->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok);
}

}  // namespace
}  // namespace ctom::eventstore
