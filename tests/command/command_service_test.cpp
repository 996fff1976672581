// The command path without HTTP: decided on the caller's thread, answered by the ledger writer
// once durable, and Settle brings the live views up to the answer.
#include "command/command_service.hpp"

#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "eventstore/ledger_testing.hpp"
#include "projections/live_views.hpp"
#include "tests/eventstore/held_sync_file_system.hpp"
#include "tests/eventstore/ledger_test_support.hpp"
#include "tests/support/program_history.hpp"

namespace ctom::command {
namespace {

using eventstore::testing::HeldSyncFileSystem;
using eventstore::testing::OpenOrDie;
using eventstore::testing::TempDir;
using eventstore::testing::TestOptions;

CommandRequest OpenCohort(std::int64_t year) {
  const domain::CohortOpened opened = ctom::testing::SeedsCohort(year);
  CommandRequest request;
  request.command = domain::Command{"", domain::Event{opened}};
  request.context = domain::Context{1'490'000'000'000'000, "u-admin", "admin", ""};
  return request;
}

CommandRequest UploadDocument() {
  domain::DocumentUploaded uploaded;
  uploaded.document_id = "sha256:" + std::string(64, 'a');
  uploaded.content_type = "text/plain";
  uploaded.bytes = "resume";
  uploaded.size = static_cast<std::int64_t>(uploaded.bytes.size());
  CommandRequest request;
  request.command = domain::Command{"", domain::Event{uploaded}};
  request.context = domain::Context{1'490'000'000'000'000, "u-staff", "staff", ""};
  return request;
}

// The code a refusal names: the domain rejection's, or the ledger error's.
std::string CodeOf(const CommandResult& result) {
  if (const auto* rejection = std::get_if<domain::Rejection>(&result.error())) {
    return std::string(domain::RejectionCodeName(rejection->code));
  }
  switch (std::get<eventstore::Error>(result.error()).code) {
    case eventstore::ErrorCode::idempotency_key_reused:
      return "idempotency_key_reused";
    case eventstore::ErrorCode::version_conflict:
      return "version_conflict";
    default:
      return "ledger fault";
  }
}

// What a Submit callback saw: the result and the thread it ran on.
struct Answered {
  CommandResult result;
  std::thread::id thread;
};

class CommandServiceTest : public ::testing::Test {
 protected:
  // Submits and returns the future answer; answered_before_return says whether it came before
  // Submit returned.
  std::future<Answered> Submit(const CommandRequest& request, bool* answered_before_return) {
    auto answered = std::make_shared<std::promise<Answered>>();
    auto future = answered->get_future();
    service_.Submit(request, [answered](CommandResult result) {
      answered->set_value(Answered{std::move(result), std::this_thread::get_id()});
    });
    *answered_before_return = future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    return future;
  }

  TempDir dir_;
  std::unique_ptr<eventstore::Ledger> ledger_ = OpenOrDie(TestOptions(dir_.path()));
  projections::LiveViews views_{*ledger_, projections::Unsealer::NoKeys()};
  CommandService service_{*ledger_, views_};
};

TEST_F(CommandServiceTest, AnAcceptedCommandIsAnsweredByTheLedgerWriterAndSettleShowsItInTheViews) {
  bool answered_at_once = false;
  Answered answered = Submit(OpenCohort(2018), &answered_at_once).get();
  EXPECT_NE(answered.thread, std::this_thread::get_id());
  ASSERT_TRUE(answered.result.has_value());
  EXPECT_EQ(answered.result->position, 1u);
  EXPECT_TRUE(answered.result->created);
  EXPECT_EQ(ledger_->GetHead().position, 1u);  // durable before the answer

  const CommandResult settled = service_.Settle(std::move(answered.result));
  ASSERT_TRUE(settled.has_value());
  EXPECT_EQ(views_.Position(), 1u);
  EXPECT_TRUE(views_.Read([](const domain::Program& p) { return p.cohorts.contains(2018); }));
}

TEST_F(CommandServiceTest, CommandsSettledOutOfOrderEachFindTheViewsShowingThem) {
  bool at_once = false;
  std::vector<std::future<Answered>> answers;
  for (std::int64_t year = 2018; year < 2021; ++year) {
    answers.push_back(Submit(OpenCohort(year), &at_once));
  }
  std::vector<CommandResult> results;
  for (auto& answer : answers) results.push_back(answer.get().result);
  // The writer applied each command's events before answering it: settling in any order finds
  // the views showing it.
  for (auto it = results.rbegin(); it != results.rend(); ++it) {
    const std::uint64_t position = (*it)->position;
    ASSERT_TRUE(service_.Settle(std::move(*it)).has_value());
    EXPECT_GE(views_.Position(), position);
  }
  EXPECT_EQ(views_.Position(), 3u);
  EXPECT_TRUE(views_.Read([](const domain::Program& p) { return p.cohorts.size() == 3; }));
}

TEST_F(CommandServiceTest, ARefusedCommandIsAnsweredOnTheCallingThreadBeforeSubmitReturns) {
  ASSERT_TRUE(service_.Execute(OpenCohort(2018)).has_value());
  bool answered_at_once = false;
  Answered answered = Submit(OpenCohort(2018), &answered_at_once).get();
  EXPECT_TRUE(answered_at_once);
  EXPECT_EQ(answered.thread, std::this_thread::get_id());
  ASSERT_FALSE(answered.result.has_value());
  EXPECT_EQ(CodeOf(answered.result), "already_exists");
  EXPECT_EQ(ledger_->GetHead().position, 1u);
}

TEST_F(CommandServiceTest, ACommandIsDecidedAgainstEveryCommandSubmittedBeforeItDurableOrNot) {
  // Two in a row without waiting: the second is refused at once, having seen the first's cohort
  // in the decision state whether or not the first has been synced yet.
  bool first_at_once = false;
  bool second_at_once = false;
  auto first = Submit(OpenCohort(2019), &first_at_once);
  auto second = Submit(OpenCohort(2019), &second_at_once);
  EXPECT_TRUE(second_at_once);
  const Answered refused = second.get();
  ASSERT_FALSE(refused.result.has_value());
  EXPECT_EQ(CodeOf(refused.result), "already_exists");
  EXPECT_TRUE(first.get().result.has_value());
  EXPECT_EQ(ledger_->GetHead().position, 1u);
}

TEST_F(CommandServiceTest, ACommandThatRecordsNothingIsAnsweredOnlyOnceWhatItNamesIsDurable) {
  // The same bytes uploaded twice in a row: the second records nothing and names the first's
  // document, so it must not be answered before the first is synced.
  std::atomic<std::uint64_t> durable_when_answered{0};
  auto first = std::make_shared<std::promise<void>>();
  auto second = std::make_shared<std::promise<void>>();
  const std::string stream = "document-" + std::string(64, 'a');
  service_.Submit(UploadDocument(), [first](CommandResult result) {
    EXPECT_TRUE(result.has_value());
    first->set_value();
  });
  service_.Submit(UploadDocument(), [&, second](CommandResult result) {
    durable_when_answered = ledger_->StreamVersion(stream);
    EXPECT_TRUE(result.has_value());
    EXPECT_FALSE(result && result->created);
    second->set_value();
  });
  second->get_future().get();
  first->get_future().get();
  EXPECT_EQ(durable_when_answered.load(), 1u);
}

// A ledger that counts the reads of its log (ReadAll, ReadStream, ScanAll) and passes every call
// on.
class ReadCountingLedger : public eventstore::Ledger {
 public:
  explicit ReadCountingLedger(eventstore::Ledger& ledger) : ledger_(ledger) {}
  std::uint64_t reads() const { return reads_.load(); }

  eventstore::Result<eventstore::AppendResult> Append(eventstore::AppendRequest request) override {
    return ledger_.Append(std::move(request));
  }
  eventstore::Result<void> AppendThen(eventstore::AppendRequest request,
                                      eventstore::AppendCallback on_committed) override {
    return ledger_.AppendThen(std::move(request), std::move(on_committed));
  }
  eventstore::Result<std::vector<eventstore::AppendResult>> AppendGroup(
      std::vector<eventstore::AppendRequest> members) override {
    return ledger_.AppendGroup(std::move(members));
  }
  eventstore::Result<void> AppendGroupThen(std::vector<eventstore::AppendRequest> members,
                                           eventstore::AppendGroupCallback on_committed) override {
    return ledger_.AppendGroupThen(std::move(members), std::move(on_committed));
  }
  eventstore::Result<std::vector<eventstore::RecordedEvent>> ReadStream(
      const std::string& stream, std::uint64_t from_version, std::size_t max_count) const override {
    ++reads_;
    return ledger_.ReadStream(stream, from_version, max_count);
  }
  eventstore::Result<std::vector<eventstore::RecordedEvent>> ReadAll(
      std::uint64_t from_position, std::size_t max_count) const override {
    ++reads_;
    return ledger_.ReadAll(from_position, max_count);
  }
  eventstore::Result<std::uint64_t> ScanAll(
      std::uint64_t from_position, std::uint64_t to_position,
      const eventstore::RecordedEventVisitor& visit) const override {
    ++reads_;
    return ledger_.ScanAll(from_position, to_position, visit);
  }
  eventstore::Result<std::uint64_t> PositionOf(const std::string& stream,
                                               std::uint64_t version) const override {
    return ledger_.PositionOf(stream, version);
  }
  eventstore::Head GetHead() const override { return ledger_.GetHead(); }
  std::uint64_t StreamVersion(const std::string& stream) const override {
    return ledger_.StreamVersion(stream);
  }
  eventstore::GroupCommitStats GetGroupCommitStats() const override {
    return ledger_.GetGroupCommitStats();
  }
  eventstore::Result<std::optional<eventstore::AppendResult>> CheckIdempotencyKey(
      const eventstore::AppendRequest& request) const override {
    return ledger_.CheckIdempotencyKey(request);
  }
  eventstore::Result<eventstore::VerifyReport> Verify(std::uint64_t to_position) const override {
    return ledger_.Verify(to_position);
  }
  eventstore::Result<eventstore::Head> CatchUp() override { return ledger_.CatchUp(); }
  eventstore::Result<std::uint64_t> Backup(const std::string& backup_dir) override {
    return ledger_.Backup(backup_dir);
  }

 private:
  eventstore::Ledger& ledger_;
  mutable std::atomic<std::uint64_t> reads_{0};
};

TEST(CommandServiceWritePath, TheViewsShowADurableCommandWithoutReadingTheLogBack) {
  TempDir dir;
  auto ledger = OpenOrDie(TestOptions(dir.path()));
  ReadCountingLedger counting(*ledger);
  projections::LiveViews views(counting, projections::Unsealer::NoKeys());
  ASSERT_TRUE(views.CatchUp().has_value());  // start-up: the one fold from the log
  CommandService service(counting, views);
  const std::uint64_t reads_at_start = counting.reads();

  std::vector<std::future<CommandResult>> answers;
  for (std::int64_t year = 2018; year < 2022; ++year) {
    auto answered = std::make_shared<std::promise<CommandResult>>();
    answers.push_back(answered->get_future());
    service.Submit(OpenCohort(year),
                   [answered](CommandResult result) { answered->set_value(std::move(result)); });
  }
  for (auto& answer : answers) ASSERT_TRUE(service.Settle(answer.get()).has_value());
  EXPECT_EQ(counting.reads(), reads_at_start);
  EXPECT_EQ(views.Position(), 4u);
  // As the ledger recorded them: real positions, versions and the commit instant.
  const eventstore::RecordedEvent last = ledger->ReadAll(4, 1)->front();
  views.Read([&](const domain::Program& p) {
    const domain::Cohort& cohort = p.cohorts.at(2021);
    EXPECT_EQ(cohort.version, 1u);
    EXPECT_EQ(p.position, last.position);
    return 0;
  });
}

TEST(CommandServiceKeys, ARetryWithTheSameKeyWhileTheOriginalIsQueuedGetsTheOriginalsAnswer) {
  TempDir dir;
  auto disk = std::make_shared<HeldSyncFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(disk);
  auto opened = eventstore::OpenLedgerWithEnv(TestOptions(dir.path()), env.get());
  ASSERT_TRUE(opened.has_value()) << opened.error().detail;
  std::unique_ptr<eventstore::Ledger> ledger = std::move(*opened);
  projections::LiveViews views(*ledger, projections::Unsealer::NoKeys());
  CommandService service(*ledger, views);

  CommandRequest original = OpenCohort(2018);
  original.idempotency_key = "open-2018";
  original.request_digest = "digest-a";
  CommandRequest other_body = original;
  other_body.request_digest = "digest-b";

  disk->Hold();
  std::promise<CommandResult> first;
  std::promise<CommandResult> retry;
  service.Submit(original, [&](CommandResult result) { first.set_value(std::move(result)); });
  service.Submit(original, [&](CommandResult result) { retry.set_value(std::move(result)); });
  std::promise<CommandResult> reused;
  service.Submit(other_body, [&](CommandResult result) { reused.set_value(std::move(result)); });
  // Decided against the queued original, the retry would be refused at once (the cohort exists).
  auto retried = retry.get_future();
  EXPECT_EQ(retried.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  const CommandResult refused = reused.get_future().get();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(CodeOf(refused), "idempotency_key_reused");
  disk->Release();

  const CommandResult answered = first.get_future().get();
  const CommandResult replayed = retried.get();
  ASSERT_TRUE(answered.has_value());
  ASSERT_TRUE(replayed.has_value()) << CodeOf(replayed);
  EXPECT_FALSE(answered->replayed);
  EXPECT_TRUE(replayed->replayed);
  EXPECT_EQ(replayed->position, answered->position);
  EXPECT_EQ(replayed->id, answered->id);
  EXPECT_EQ(replayed->created, answered->created);
  EXPECT_EQ(ledger->GetHead().position, 1u);
}

}  // namespace
}  // namespace ctom::command
