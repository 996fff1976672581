// A failing disk: the batch gets io_error, nothing is half-applied, and appends work again once
// the disk recovers. Faults are injected with a RocksDB FileSystem wrapper.
#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <vector>

#include "eventstore/ledger.hpp"
#include "eventstore/ledger_testing.hpp"
#include "tests/eventstore/failing_file_system.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::FailingFileSystem;
using testing::Fault;
using testing::MakeRequest;
using testing::OpenOrDie;
using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

class LedgerDiskError : public ::testing::TestWithParam<Fault> {};

TEST_P(LedgerDiskError, FailedBatchChangesNothingAndAppendsResumeAfterRecovery) {
  TempDir dir;
  auto file_system =
      std::make_shared<FailingFileSystem>(rocksdb::FileSystem::Default(), GetParam());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(file_system);
  Head before;
  {
    auto opened = OpenLedgerWithEnv(TestOptions(dir.path()), env.get());
    ASSERT_TRUE(opened.has_value()) << opened.error().detail;
    Ledger& ledger = **opened;
    ASSERT_TRUE(ledger.Append(MakeRequest("s", ExpectedVersion::Any(), 2)));
    before = ledger.GetHead();

    file_system->failing = true;
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto failed = ledger.Append(MakeRequest("s", ExpectedVersion::Exact(2), 3, "key"));
      ASSERT_FALSE(failed.has_value());
      EXPECT_EQ(failed.error().code, ErrorCode::io_error) << failed.error().detail;
      EXPECT_EQ(ledger.GetHead().position, before.position);
      EXPECT_EQ(ledger.GetHead().hash, before.hash);
      EXPECT_EQ(ledger.StreamVersion("s"), 2u);
    }
    EXPECT_EQ(ledger.ReadAll(3, 10)->size(), 0u);
    auto read = ledger.ReadAll(1, 10);
    ASSERT_TRUE(read.has_value()) << "reads go on while the disk refuses writes";
    EXPECT_EQ(read->size(), 2u);

    file_system->failing = false;
    auto recovered = ledger.Append(MakeRequest("s", ExpectedVersion::Exact(2), 3, "key"));
    ASSERT_TRUE(recovered.has_value()) << recovered.error().detail;
    EXPECT_FALSE(recovered->replayed);
    EXPECT_EQ(recovered->first_position, before.position + 1);
    EXPECT_EQ(recovered->stream_version, 5u);
  }
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  EXPECT_EQ(ledger->GetHead().position, 5u);
  EXPECT_EQ(ReadEverything(*ledger).size(), 5u);
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

// A room's members: two new streams and one that exists, each with its own key.
std::vector<AppendRequest> ThreeMemberGroup() {
  return {MakeRequest("a", ExpectedVersion::NoStream(), 1, "key-a"),
          MakeRequest("b", ExpectedVersion::NoStream(), 2, "key-b"),
          MakeRequest("s", ExpectedVersion::Exact(2), 1, "key-s")};
}

TEST_P(LedgerDiskError, AFailedWriteOrSyncLeavesNothingOfAGroupAndItsRetryWritesItWhole) {
  TempDir dir;
  auto file_system =
      std::make_shared<FailingFileSystem>(rocksdb::FileSystem::Default(), GetParam());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(file_system);
  {
    auto opened = OpenLedgerWithEnv(TestOptions(dir.path()), env.get());
    ASSERT_TRUE(opened.has_value()) << opened.error().detail;
    Ledger& ledger = **opened;
    ASSERT_TRUE(ledger.Append(MakeRequest("s", ExpectedVersion::Any(), 2)));
    const Head before = ledger.GetHead();

    file_system->failing = true;
    // The first attempt fails the write, the second finds the store unable to resume (as the
    // test above).
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto failed = ledger.AppendGroup(ThreeMemberGroup());
      ASSERT_FALSE(failed.has_value());
      EXPECT_EQ(failed.error().code, ErrorCode::io_error) << failed.error().detail;
      EXPECT_EQ(ledger.GetHead().position, before.position);
      EXPECT_EQ(ledger.GetHead().hash, before.hash);
      EXPECT_EQ(ledger.StreamVersion("a"), 0u);
      EXPECT_EQ(ledger.StreamVersion("b"), 0u);
      EXPECT_EQ(ledger.StreamVersion("s"), 2u);
      EXPECT_EQ(ledger.ReadAll(before.position + 1, 10)->size(), 0u);
    }

    file_system->failing = false;
    auto retried = ledger.AppendGroup(ThreeMemberGroup());
    ASSERT_TRUE(retried.has_value()) << retried.error().detail;
    ASSERT_EQ(retried->size(), 3u);
    for (const AppendResult& member : *retried) EXPECT_FALSE(member.replayed);
    EXPECT_EQ(retried->front().first_position, before.position + 1);
    EXPECT_EQ(retried->back().last_position, before.position + 4);
    EXPECT_EQ(retried->back().stream_version, 3u);
  }
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  EXPECT_EQ(ReadEverything(*ledger).size(), 6u);
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->detail;
}

INSTANTIATE_TEST_SUITE_P(Faults, LedgerDiskError,
                         ::testing::Values(Fault::transient, Fault::read_only),
                         [](const ::testing::TestParamInfo<Fault>& info) {
                           return info.param == Fault::transient ? "TransientIoError"
                                                                 : "ReadOnlyFileSystem";
                         });

}  // namespace
}  // namespace ctom::eventstore
