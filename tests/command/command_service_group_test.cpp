// A room's attendance through CommandService::ExecuteAll: one grouped append, committed in one
// batch or not at all, and shown in the views whole or not at all.
#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <future>
#include <string>
#include <vector>

#include "command/command_service.hpp"
#include "eventstore/ledger_testing.hpp"
#include "projections/live_views.hpp"
#include "tests/eventstore/failing_file_system.hpp"
#include "tests/eventstore/held_sync_file_system.hpp"
#include "tests/eventstore/ledger_test_support.hpp"
#include "tests/support/history_append.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::command {
namespace {

using eventstore::testing::FailingFileSystem;
using eventstore::testing::Fault;
using eventstore::testing::HeldSyncFileSystem;
using eventstore::testing::TempDir;
using eventstore::testing::TestOptions;

constexpr domain::Instant kDay = 24LL * 3'600'000'000LL;
const std::vector<std::string> kRoom{"r1", "r2", "r3"};

// Cohort 2018 with the room's candidates accepted, matched and paid, before session 0.
std::vector<domain::Recorded> RoomHistory() {
  ctom::testing::HistoryBuilder b;
  const auto mentors = ctom::testing::AddMentors(b, 3, ctom::testing::At("2017-01-01T00:00:00Z"));
  const domain::CohortOpened cohort = ctom::testing::SeedsCohort(2018);
  b.Do(ctom::testing::On("", cohort), cohort.application_opens - 20 * kDay);
  for (const std::string& id : kRoom) {
    ctom::testing::WalkCandidate(
        b,
        ctom::testing::CandidatePlan{id, 2018, domain::Employer{"D", "district", ""},
                                     ctom::testing::CandidatePlan::Path::enrolled_now},
        mentors, cohort.sessions[0].starts_at);
  }
  return b.history();
}

// One present row per candidate for session 1, an hour after it starts; the last row carries the
// group's key.
std::vector<CommandRequest> Attendance(const std::vector<std::string>& candidates,
                                       const std::string& key = "") {
  const domain::Instant at = ctom::testing::SeedsCohort(2018).sessions[1].starts_at + kDay / 24;
  std::vector<CommandRequest> rows;
  for (const std::string& candidate : candidates) {
    CommandRequest row;
    row.command = ctom::testing::On(candidate, domain::AttendanceRecorded{1, "present", ""});
    row.context = domain::Context{at, "u-instructor", "instructor", ""};
    rows.push_back(std::move(row));
  }
  rows.back().idempotency_key = key;
  rows.back().request_digest = key.empty() ? "" : "digest of " + key;
  return rows;
}

// A ledger over a disk the test controls, holding the room's history, with its views and
// command service.
class Room {
 public:
  explicit Room(std::shared_ptr<rocksdb::FileSystem> disk)
      : env_(rocksdb::NewCompositeEnv(std::move(disk))) {
    auto opened = eventstore::OpenLedgerWithEnv(TestOptions(dir_.path()), env_.get());
    EXPECT_TRUE(opened.has_value()) << opened.error().detail;
    ledger_ = std::move(*opened);
    for (const domain::Recorded& recorded : RoomHistory()) {
      EXPECT_TRUE(ledger_->Append(ctom::testing::AppendRequestOf(recorded)).has_value());
    }
    views_ = std::make_unique<projections::LiveViews>(*ledger_, projections::Unsealer::NoKeys());
    EXPECT_TRUE(views_->CatchUp().has_value());
    service_ = std::make_unique<CommandService>(*ledger_, *views_);
  }

  eventstore::Ledger& ledger() { return *ledger_; }
  projections::LiveViews& views() { return *views_; }
  CommandService& service() { return *service_; }

  // How many of the room's candidates the views show at session 1.
  int RecordedInViews() const {
    return views_->Read([](const domain::Program& p) {
      int recorded = 0;
      for (const std::string& id : kRoom) recorded += p.FindCandidate(id)->attendance.contains(1);
      return recorded;
    });
  }

 private:
  TempDir dir_;
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<eventstore::Ledger> ledger_;
  std::unique_ptr<projections::LiveViews> views_;
  std::unique_ptr<CommandService> service_;
};

TEST(CommandServiceGroup, ARoomIsAppendedAsOneGroupInOneBatch) {
  Room room(rocksdb::FileSystem::Default());
  const eventstore::GroupCommitStats before = room.ledger().GetGroupCommitStats();
  const GroupResult recorded = room.service().ExecuteAll(Attendance(kRoom));
  ASSERT_TRUE(recorded.has_value());
  ASSERT_EQ(recorded->size(), 3u);
  const eventstore::GroupCommitStats after = room.ledger().GetGroupCommitStats();
  EXPECT_EQ(after.batches, before.batches + 1);
  EXPECT_EQ(after.commands, before.commands + 3);
  const auto events = room.ledger().ReadAll(recorded->front().position, 3);
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*recorded)[i].id, kRoom[i]);
    EXPECT_EQ((*events)[i].position, (*recorded)[i].position);
    EXPECT_EQ((*events)[i].recorded_at_us, events->front().recorded_at_us);
  }
  EXPECT_EQ(room.RecordedInViews(), 3);
  EXPECT_EQ(room.views().Position(), recorded->back().position);
}

TEST(CommandServiceGroup, TheViewsShowNoneOfARoomUntilTheWholeRoomIsDurable) {
  auto disk = std::make_shared<HeldSyncFileSystem>(rocksdb::FileSystem::Default());
  Room room(disk);
  const std::uint64_t head = room.ledger().GetHead().position;
  disk->Hold();
  auto recorded = std::async(std::launch::async,
                             [&room] { return room.service().ExecuteAll(Attendance(kRoom)); });
  disk->WaitUntilASyncIsHeld();
  EXPECT_EQ(room.RecordedInViews(), 0);
  EXPECT_EQ(room.ledger().GetHead().position, head);
  disk->Release();
  ASSERT_TRUE(recorded.get().has_value());
  EXPECT_EQ(room.RecordedInViews(), 3);
  EXPECT_EQ(room.ledger().GetHead().position, head + 3);
}

TEST(CommandServiceGroup, ADiskFaultRecordsNoneOfARoomAndItsRetryRecordsItOnce) {
  auto disk = std::make_shared<FailingFileSystem>(rocksdb::FileSystem::Default(), Fault::transient);
  Room room(disk);
  const std::uint64_t head = room.ledger().GetHead().position;
  disk->failing = true;
  const GroupResult failed = room.service().ExecuteAll(Attendance(kRoom, "room-1"));
  ASSERT_FALSE(failed.has_value());
  EXPECT_FALSE(failed.error().index.has_value()) << "a disk fault refuses the room, not a row";
  const auto* error = std::get_if<eventstore::Error>(&failed.error().error);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->code, eventstore::ErrorCode::io_error);
  EXPECT_EQ(room.ledger().GetHead().position, head);
  EXPECT_EQ(room.RecordedInViews(), 0);

  disk->failing = false;
  const GroupResult retried = room.service().ExecuteAll(Attendance(kRoom, "room-1"));
  ASSERT_TRUE(retried.has_value());
  ASSERT_EQ(retried->size(), 3u);
  EXPECT_FALSE(retried->back().replayed);
  EXPECT_EQ(room.ledger().GetHead().position, head + 3);
  EXPECT_EQ(room.RecordedInViews(), 3);

  const GroupResult again = room.service().ExecuteAll(Attendance(kRoom, "room-1"));
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_TRUE(again->back().replayed);
  EXPECT_EQ(again->back().position, retried->back().position);
  EXPECT_EQ(room.ledger().GetHead().position, head + 3);
}

TEST(CommandServiceGroup, ARefusedRowRecordsNothingAndLeavesNoTraceForTheNextRoom) {
  Room room(rocksdb::FileSystem::Default());
  const std::uint64_t head = room.ledger().GetHead().position;
  const GroupResult refused = room.service().ExecuteAll(Attendance({"r1", "r2", "nobody"}));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().index, 2u);
  EXPECT_EQ(room.ledger().GetHead().position, head);

  // Decided as if the refused room never was: r1 and r2 are still at their versions.
  const GroupResult recorded = room.service().ExecuteAll(Attendance(kRoom));
  ASSERT_TRUE(recorded.has_value());
  EXPECT_EQ(room.ledger().GetHead().position, head + 3);
  EXPECT_EQ(room.RecordedInViews(), 3);
}

TEST(CommandServiceGroup, TwoCommandsOfAGroupOnOneRecordAreRefusedAsValidation) {
  Room room(rocksdb::FileSystem::Default());
  const std::uint64_t head = room.ledger().GetHead().position;
  const GroupResult refused = room.service().ExecuteAll(Attendance({"r1", "r2", "r1"}));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().index, 2u);
  const auto* rejection = std::get_if<domain::Rejection>(&refused.error().error);
  ASSERT_NE(rejection, nullptr);
  EXPECT_EQ(rejection->code, domain::RejectionCode::validation);
  EXPECT_EQ(room.ledger().GetHead().position, head);
}

}  // namespace
}  // namespace ctom::command
