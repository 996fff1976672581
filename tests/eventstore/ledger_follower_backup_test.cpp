// A follower reads what the primary appended once it catches up; backup and restore keep the log.
#include <gtest/gtest.h>

#include "eventstore/ledger.hpp"
#include "tests/eventstore/ledger_test_support.hpp"

namespace ctom::eventstore {
namespace {

using testing::MakeRequest;
using testing::OpenOrDie;
using testing::ReadEverything;
using testing::TempDir;
using testing::TestOptions;

TEST(LedgerFollower, SeesPrimaryAppendsAfterCatchUp) {
  TempDir dir;
  auto primary = OpenOrDie(TestOptions(dir.Sub("data")));
  ASSERT_TRUE(primary->Append(MakeRequest("s", ExpectedVersion::Any(), 2)));
  auto follower = Ledger::OpenFollower(dir.Sub("data"), dir.Sub("secondary"));
  ASSERT_TRUE(follower.has_value()) << follower.error().detail;
  Ledger& reader = **follower;
  EXPECT_EQ(reader.GetHead().position, 2u);

  ASSERT_TRUE(primary->Append(MakeRequest("s", ExpectedVersion::Exact(2), 3)));
  ASSERT_TRUE(primary->Append(MakeRequest("t", ExpectedVersion::Any(), 1)));
  EXPECT_EQ(reader.GetHead().position, 2u);  // not before catching up
  auto head = reader.CatchUp();
  ASSERT_TRUE(head.has_value()) << head.error().detail;
  EXPECT_EQ(head->position, 6u);
  EXPECT_EQ(head->hash, primary->GetHead().hash);
  EXPECT_EQ(reader.StreamVersion("s"), 5u);
  EXPECT_EQ(reader.StreamVersion("t"), 1u);
  EXPECT_EQ(ReadEverything(reader).size(), 6u);
  auto stream = reader.ReadStream("s", 3, 10);
  ASSERT_TRUE(stream.has_value());
  EXPECT_EQ(stream->size(), 3u);
  EXPECT_EQ(reader.PositionOf("t", 1), 6u);
  auto report = reader.Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->position, 6u);
}

TEST(LedgerFollower, RefusesAppends) {
  TempDir dir;
  auto primary = OpenOrDie(TestOptions(dir.Sub("data")));
  auto follower = Ledger::OpenFollower(dir.Sub("data"), dir.Sub("secondary"));
  ASSERT_TRUE(follower.has_value());
  auto result = (*follower)->Append(MakeRequest("s", ExpectedVersion::Any(), 1));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::closed);
  EXPECT_EQ(primary->GetHead().position, 0u);
}

TEST(LedgerFollower, OfNoLedgerIsAnError) {
  TempDir dir;
  auto follower = Ledger::OpenFollower(dir.Sub("absent"), dir.Sub("secondary"));
  EXPECT_FALSE(follower.has_value());
}

TEST(LedgerBackup, RestoreGivesTheSameHeadAndVerifies) {
  TempDir dir;
  Head head;
  {
    auto ledger = OpenOrDie(TestOptions(dir.Sub("data")));
    ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 4, "key")));
    auto first = ledger->Backup(dir.Sub("backups"));
    ASSERT_TRUE(first.has_value()) << first.error().detail;
    ASSERT_TRUE(ledger->Append(MakeRequest("t", ExpectedVersion::Any(), 2)));
    auto second = ledger->Backup(dir.Sub("backups"));
    ASSERT_TRUE(second.has_value()) << second.error().detail;
    EXPECT_GT(*second, *first);
    head = ledger->GetHead();
    // Appends after the backup are not in it.
    ASSERT_TRUE(ledger->Append(MakeRequest("t", ExpectedVersion::Any(), 1)));
  }
  auto restored = RestoreLedger(dir.Sub("backups"), dir.Sub("restored"));
  ASSERT_TRUE(restored.has_value()) << restored.error().detail;
  EXPECT_EQ(restored->position, head.position);
  EXPECT_EQ(restored->hash, head.hash);

  auto ledger = OpenOrDie(TestOptions(dir.Sub("restored")));
  EXPECT_EQ(ledger->GetHead().position, head.position);
  EXPECT_EQ(ledger->StreamVersion("t"), 2u);
  auto report = ledger->Verify(0);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->hash, head.hash);
  auto retry = ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 4, "key"));
  ASSERT_TRUE(retry.has_value());
  EXPECT_TRUE(retry->replayed);
}

TEST(LedgerBackup, RestoreRefusesAFolderHoldingALedger) {
  TempDir dir;
  {
    auto ledger = OpenOrDie(TestOptions(dir.Sub("data")));
    ASSERT_TRUE(ledger->Append(MakeRequest("s", ExpectedVersion::Any(), 1)));
    ASSERT_TRUE(ledger->Backup(dir.Sub("backups")).has_value());
  }
  auto restored = RestoreLedger(dir.Sub("backups"), dir.Sub("data"));
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, ErrorCode::invalid_request);
  auto none = RestoreLedger(dir.Sub("no-backups"), dir.Sub("elsewhere"));
  EXPECT_FALSE(none.has_value());
}

}  // namespace
}  // namespace ctom::eventstore
