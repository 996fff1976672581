// The ledger on RocksDB: reads on the caller's thread, appends through one group-commit writer.
#include "eventstore/rocks_ledger.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <mutex>
#include <thread>

#include "eventstore/append_group.hpp"
#include "eventstore/append_queue.hpp"
#include "eventstore/append_request.hpp"
#include "eventstore/batch_plan.hpp"
#include "eventstore/ledger.hpp"
#include "eventstore/ledger_state.hpp"
#include "eventstore/ledger_testing.hpp"
#include "eventstore/record_codec.hpp"
#include "eventstore/rocks_store.hpp"
#include "eventstore/verify.hpp"

namespace ctom::eventstore {
namespace {

std::int64_t SystemClockMicroseconds() {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  return duration_cast<microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Error Closed(std::string detail) { return Error{ErrorCode::closed, std::move(detail)}; }

// After a disk fault RocksDB cannot clear by itself, the store is closed and opened anew: at most
// this often, and after waiting at most this long for readers to let go of the old one.
constexpr auto kReopenInterval = std::chrono::milliseconds(250);
constexpr auto kReleaseWait = std::chrono::seconds(5);

Error Reopening(std::string_view why) {
  return Error{ErrorCode::io_error,
               "the ledger is being reopened after a disk fault: " + std::string(why)};
}

Error Corrupt(std::uint64_t position, std::string_view what) {
  return Error{ErrorCode::corruption,
               "position " + std::to_string(position) + ": " + std::string(what)};
}

// Decodes a record read at position and checks it names that position.
Result<RecordedEvent> DecodeAt(std::uint64_t position, std::string_view value) {
  auto record = DecodeRecord(value);
  if (!record) return std::unexpected(Corrupt(position, "record does not decode"));
  if (record->position != position) {
    return std::unexpected(Corrupt(position, "record names another position"));
  }
  return std::move(*record);
}

enum class Role { primary, follower };

class RocksLedger final : public Ledger {
 public:
  RocksLedger(std::unique_ptr<RocksStore> store, Role role, OpenOptions options, rocksdb::Env* env)
      : store_(std::shared_ptr<RocksStore>(std::move(store))),
        role_(role),
        options_(std::move(options)),
        env_(env) {
    if (!options_.clock) options_.clock = SystemClockMicroseconds;
  }

  ~RocksLedger() override {
    // Queued commands are still written; callers arriving now are told the ledger is closed.
    queue_.Close();
    if (writer_.joinable()) writer_.join();
  }

  // Loads the head and stream versions, then starts the writer of a primary.
  Result<void> Start() {
    auto loaded = Reload(*store_.load());
    if (!loaded) return loaded;
    if (role_ == Role::primary) writer_ = std::thread([this] { RunWriter(); });
    return {};
  }

  Result<AppendResult> Append(AppendRequest request) override {
    std::promise<Result<AppendResult>> committed;
    auto outcome = committed.get_future();
    auto queued = AppendThen(std::move(request), [&committed](Result<AppendResult> result) {
      committed.set_value(std::move(result));
    });
    if (!queued) return std::unexpected(std::move(queued.error()));
    return outcome.get();
  }

  Result<void> AppendThen(AppendRequest request, AppendCallback on_committed) override {
    if (role_ == Role::follower) return std::unexpected(Closed("a follower cannot append"));
    if (auto invalid = ValidateAppendRequest(request)) return std::unexpected(*invalid);
    try {
      auto command = Pending(std::move(request), std::move(on_committed));
      // Push takes the command only when it queues it.
      if (!queue_.Push(command)) return std::unexpected(Closed("the ledger is closing"));
      return {};
    } catch (const std::exception& exception) {
      return std::unexpected(Error{ErrorCode::io_error, exception.what()});
    }
  }

  Result<std::vector<AppendResult>> AppendGroup(std::vector<AppendRequest> members) override {
    std::promise<Result<std::vector<AppendResult>>> committed;
    auto outcome = committed.get_future();
    auto queued = AppendGroupThen(std::move(members),
                                  [&committed](Result<std::vector<AppendResult>> results) {
                                    committed.set_value(std::move(results));
                                  });
    if (!queued) return std::unexpected(std::move(queued.error()));
    return outcome.get();
  }

  Result<void> AppendGroupThen(std::vector<AppendRequest> members,
                               AppendGroupCallback on_committed) override {
    if (role_ == Role::follower) return std::unexpected(Closed("a follower cannot append"));
    if (auto invalid = ValidateAppendGroup(members)) return std::unexpected(*invalid);
    try {
      auto group = std::make_shared<GroupOutcome>(members.size(), std::move(on_committed));
      std::vector<std::unique_ptr<PendingAppend>> pending;
      pending.reserve(members.size());
      for (std::size_t i = 0; i < members.size(); ++i) {
        pending.push_back(Pending(std::move(members[i]), GroupOutcome::MemberCallback(group, i)));
      }
      // PushGroup takes the members only when it queues them.
      if (!queue_.PushGroup(pending)) return std::unexpected(Closed("the ledger is closing"));
      return {};
    } catch (const std::exception& exception) {
      return std::unexpected(Error{ErrorCode::io_error, exception.what()});
    }
  }

  Result<std::vector<RecordedEvent>> ReadStream(const std::string& stream,
                                                std::uint64_t from_version,
                                                std::size_t max_count) const override {
    const std::size_t count = std::min(max_count, kReadPageEventsMax);
    if (count == 0) return std::vector<RecordedEvent>();
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    auto positions = (*store)->ScanStream(stream, std::max<std::uint64_t>(from_version, 1), count);
    if (!positions) return std::unexpected(positions.error());
    const std::uint64_t head = state_.GetHead().position;
    std::vector<RecordedEvent> events;
    events.reserve(positions->size());
    for (std::uint64_t position : *positions) {
      if (position > head) break;  // committed but not yet published: not there yet
      auto event = ReadIndexedEvent(**store, stream, position);
      if (!event) return std::unexpected(event.error());
      events.push_back(std::move(*event));
    }
    return events;
  }

  Result<std::uint64_t> ScanAll(std::uint64_t from_position, std::uint64_t to_position,
                                const RecordedEventVisitor& visit) const override {
    const std::uint64_t from = std::max<std::uint64_t>(from_position, 1);
    const std::uint64_t to = std::min(to_position, state_.GetHead().position);
    std::uint64_t visited = 0;
    if (from > to) return visited;
    std::optional<Error> bad;
    bool stopped = false;
    RecordedEventView view;
    auto visit_record = [&](std::string_view key, std::string_view value) {
      const std::uint64_t expected = from + visited;
      if (PositionFromEventKey(key) != expected) {
        bad = Corrupt(expected, "record missing");
        return false;
      }
      if (!DecodeRecordView(value, view) || view.position != expected) {
        bad = Corrupt(expected, "record does not decode or names another position");
        return false;
      }
      ++visited;
      stopped = !visit(view);
      return !stopped;
    };
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    auto scanned = (*store)->ScanEvents(from, to, visit_record);
    if (!scanned) return std::unexpected(scanned.error());
    if (bad) return std::unexpected(*bad);
    if (!stopped && visited != to - from + 1) {
      return std::unexpected(Corrupt(from + visited, "missing"));
    }
    return visited;
  }

  Result<std::vector<RecordedEvent>> ReadAll(std::uint64_t from_position,
                                             std::size_t max_count) const override {
    const std::uint64_t from = std::max<std::uint64_t>(from_position, 1);
    const std::uint64_t head = state_.GetHead().position;
    std::vector<RecordedEvent> events;
    if (max_count == 0 || from > head) return events;
    const std::uint64_t count =
        std::min<std::uint64_t>({max_count, kReadPageEventsMax, head - from + 1});
    events.reserve(count);
    std::optional<Error> bad;
    auto visit = [&](std::string_view key, std::string_view value) {
      const std::uint64_t expected = from + events.size();
      if (PositionFromEventKey(key) != expected) {
        bad = Corrupt(expected, "record missing");
        return false;
      }
      RecordedEvent& event = events.emplace_back();
      if (!DecodeRecordInto(value, event) || event.position != expected) {
        events.pop_back();
        bad = Corrupt(expected, "record does not decode or names another position");
        return false;
      }
      return true;
    };
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    auto scanned = (*store)->ScanEvents(from, from + count - 1, visit);
    if (!scanned) return std::unexpected(scanned.error());
    if (bad) return std::unexpected(*bad);
    if (events.size() != count) return std::unexpected(Corrupt(from + events.size(), "missing"));
    return events;
  }

  Result<std::uint64_t> PositionOf(const std::string& stream,
                                   std::uint64_t version) const override {
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    auto position = (*store)->FindPosition(stream, version);
    if (!position) return std::unexpected(position.error());
    if (!*position || **position > state_.GetHead().position) {
      return std::unexpected(Error{
          ErrorCode::not_found, "no version " + std::to_string(version) + " in stream " + stream});
    }
    return **position;
  }

  Head GetHead() const override { return state_.GetHead(); }

  std::uint64_t StreamVersion(const std::string& stream) const override {
    return state_.StreamVersion(stream);
  }

  Result<std::optional<AppendResult>> CheckIdempotencyKey(
      const AppendRequest& request) const override {
    if (request.idempotency_key.empty()) return std::optional<AppendResult>();
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    auto entry = (*store)->FindIdempotency(request.idempotency_key);
    if (!entry) return std::unexpected(entry.error());
    if (!entry->has_value()) return std::optional<AppendResult>();
    if ((*entry)->request_digest != AppendRequestDigest(request)) {
      return std::unexpected(
          Error{ErrorCode::idempotency_key_reused, "the key was used with another request"});
    }
    AppendResult result = (*entry)->result;
    result.replayed = true;
    return std::optional<AppendResult>(result);
  }

  GroupCommitStats GetGroupCommitStats() const override {
    return GroupCommitStats{batches_.load(), events_.load(), commands_.load()};
  }

  Result<VerifyReport> Verify(std::uint64_t to_position) const override {
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    return VerifyChain(**store, state_.GetHead(), to_position);
  }

  Result<Head> CatchUp() override {
    if (role_ == Role::primary) return state_.GetHead();
    std::lock_guard lock(catch_up_mutex_);
    std::shared_ptr<RocksStore> store = store_.load();  // a follower's store is never swapped
    auto caught_up = store->CatchUpWithPrimary();
    if (!caught_up) return std::unexpected(caught_up.error());
    auto reloaded = Reload(*store);
    if (!reloaded) return std::unexpected(reloaded.error());
    return state_.GetHead();
  }

  Result<std::uint64_t> Backup(const std::string& backup_dir) override {
    // A follower backs up what it has caught up to: the table files and the write-ahead log the
    // primary has synced. Restoring recovers every whole batch in it, so the copy is a prefix of
    // the log that ends on a command boundary, and its chain verifies.
    if (role_ == Role::follower) {
      auto head = CatchUp();
      if (!head) return std::unexpected(head.error());
    }
    auto store = Store();
    if (!store) return std::unexpected(store.error());
    return (*store)->Backup(backup_dir);
  }

 private:
  Result<void> Reload(const RocksStore& store) const {
    auto head = store.ReadHead();
    if (!head) return std::unexpected(head.error());
    auto versions = store.LoadStreamVersions();
    if (!versions) return std::unexpected(versions.error());
    state_.Reset(*head, std::move(*versions));
    return {};
  }

  // The event a stream index entry points at, checked to be the one the index says.
  Result<RecordedEvent> ReadIndexedEvent(const RocksStore& store, const std::string& stream,
                                         std::uint64_t position) const {
    auto value = store.ReadEvent(position);
    if (!value) return std::unexpected(value.error());
    if (!*value) return std::unexpected(Corrupt(position, "indexed record missing"));
    auto event = DecodeAt(position, **value);
    if (event && event->stream != stream) {
      return std::unexpected(Corrupt(position, "stream index points at another stream"));
    }
    return event;
  }

  // A validated command as the writer takes it: with its digest (when keyed) and payload size.
  static std::unique_ptr<PendingAppend> Pending(AppendRequest request,
                                                AppendCallback on_committed) {
    auto command = std::make_unique<PendingAppend>();
    if (!request.idempotency_key.empty()) command->digest = AppendRequestDigest(request);
    command->payload_bytes = AppendPayloadBytes(request);
    command->request = std::move(request);
    command->on_committed = std::move(on_committed);
    return command;
  }

  Result<std::shared_ptr<RocksStore>> Store() const;
  Result<std::shared_ptr<RocksStore>> Reopen() const;
  void Close(std::shared_ptr<RocksStore> store);
  Result<void> ReopenForWrites();
  Result<void> ClearWriteError(RocksStore& store);
  void RunWriter();
  void CommitBatch(std::vector<std::unique_ptr<PendingAppend>>& batch, Sha256Hasher& hasher);
  Result<void> WritePlan(RocksStore& store, const BatchPlan& plan);
  static void FailAll(std::vector<std::unique_ptr<PendingAppend>>& batch, const Error& error);
  // Calls the command's on_committed; an exception it throws stops there.
  static void Deliver(PendingAppend& command, Result<AppendResult> outcome);

  // Swapped only by Close and Reopen, after a disk fault; nullptr while closed.
  mutable std::atomic<std::shared_ptr<RocksStore>> store_;
  const Role role_;
  OpenOptions options_;
  rocksdb::Env* const env_;
  mutable std::mutex reopen_mutex_;
  mutable std::chrono::steady_clock::time_point last_reopen_{};
  mutable LedgerState state_;
  AppendQueue queue_{kAppendQueueMax};
  std::mutex catch_up_mutex_;
  bool needs_resume_ = false;  // writer thread only: the last write failed
  bool needs_reopen_ = false;  // writer thread only: the store can never write again
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> events_{0};
  std::atomic<std::uint64_t> commands_{0};
  std::thread writer_;  // last, so it starts after and stops before everything it uses
};

void RocksLedger::RunWriter() {
  Sha256Hasher hasher;
  for (;;) {
    auto batch = queue_.TakeBatch(kGroupCommitEventsMax, kGroupCommitBytesMax);
    if (batch.empty()) return;  // closed and drained
    CommitBatch(batch, hasher);
  }
}

void RocksLedger::CommitBatch(std::vector<std::unique_ptr<PendingAppend>>& batch,
                              Sha256Hasher& hasher) {
  if (needs_reopen_) {
    if (auto reopened = ReopenForWrites(); !reopened) {
      FailAll(batch, reopened.error());
      return;
    }
  }
  auto store = Store();
  if (!store) {
    FailAll(batch, store.error());
    return;
  }
  BatchPlan plan;
  try {
    const PlanContext context{
        .head = state_.GetHead(),
        .recorded_at_us = options_.clock(),
        .committed_version = [this](std::string_view s) { return state_.StreamVersion(s); },
        .find_idempotency =
            [&store](std::string_view key) { return (*store)->FindIdempotency(key); },
    };
    plan = PlanBatch(batch, context, hasher);
  } catch (const std::exception& exception) {
    FailAll(batch, Error{ErrorCode::io_error, exception.what()});
    return;
  }
  if (auto written = WritePlan(**store, plan); !written) {
    // Nothing was published, so the next batch starts again from the unchanged head.
    FailAll(batch, written.error());
    return;
  }
  if (!plan.records.empty()) {
    state_.Publish(plan.head, plan.stream_versions);
    batches_.fetch_add(1);
    events_.fetch_add(plan.records.size());
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (plan.outcomes[i] && !plan.outcomes[i]->replayed) commands_.fetch_add(1);
    Deliver(*batch[i], std::move(plan.outcomes[i]));
  }
}

Result<void> RocksLedger::WritePlan(RocksStore& store, const BatchPlan& plan) {
  if (plan.records.empty()) return {};  // refusals and replays write nothing
  if (needs_resume_) {
    auto cleared = ClearWriteError(store);
    if (!cleared) return cleared;
  }
  try {
    StoreBatch batch(store);
    for (const PlannedRecord& record : plan.records) {
      batch.PutEvent(record.position, record.value);
      batch.PutStreamIndex(record.stream, record.stream_version, record.position);
    }
    for (const auto& [key, entry] : plan.idempotency_entries) batch.PutIdempotency(key, entry);
    batch.PutHead(plan.head);
    auto written = store.Write(batch, options_.sync_writes);
    if (!written) needs_resume_ = true;
    return written;
  } catch (const std::exception& exception) {
    return std::unexpected(Error{ErrorCode::io_error, exception.what()});
  }
}

// After a failed write: RocksDB clears the error itself when it can (a disk that was full and
// has room again); when it cannot (a read-only file system, an I/O error), the store keeps
// serving reads, and the writer opens it anew once the disk takes writes again.
Result<void> RocksLedger::ClearWriteError(RocksStore& store) {
  switch (store.Resume()) {
    case RocksStore::Resumption::resumed:
      needs_resume_ = false;
      return {};
    case RocksStore::Resumption::in_progress:
      return std::unexpected(Error{ErrorCode::io_error, "the disk is still full"});
    case RocksStore::Resumption::impossible:
      break;
  }
  needs_resume_ = false;  // a store opened anew starts without the error
  needs_reopen_ = true;
  return std::unexpected(Reopening("the write-ahead log cannot be written"));
}

// Stops handing out the store and closes it once the readers holding it let go (bounded: a
// reader still holding it keeps it open, and opening it anew fails until a later attempt).
void RocksLedger::Close(std::shared_ptr<RocksStore> store) {
  std::lock_guard lock(reopen_mutex_);
  store_.store(nullptr);
  const auto deadline = std::chrono::steady_clock::now() + kReleaseWait;
  while (store.use_count() > 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// Before a batch, while the store cannot write: if a probe file can be written and synced in the
// ledger folder again, closes the store and opens it anew; otherwise the batch fails and the old
// store goes on serving reads.
Result<void> RocksLedger::ReopenForWrites() {
  std::shared_ptr<RocksStore> current = store_.load();
  if (current != nullptr) {
    if (auto probed = current->ProbeWrites(); !probed) {
      return std::unexpected(Reopening("the disk still refuses writes"));
    }
    Close(std::move(current));
  }
  auto reopened = Reopen();
  if (!reopened) return std::unexpected(reopened.error());
  needs_reopen_ = false;
  return {};
}

Result<std::shared_ptr<RocksStore>> RocksLedger::Store() const {
  if (auto store = store_.load()) return store;
  return Reopen();
}

// Opens the closed store anew (the first time at once, then at most every kReopenInterval while
// the disk still refuses) and reloads the head and stream
// versions from it: a batch that failed may still have reached the log, and is then part of it.
Result<std::shared_ptr<RocksStore>> RocksLedger::Reopen() const {
  std::lock_guard lock(reopen_mutex_);
  if (auto store = store_.load()) return store;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_reopen_ < kReopenInterval) return std::unexpected(Reopening("retry shortly"));
  last_reopen_ = now;
  auto opened = RocksStore::OpenPrimary(options_.path, false, env_);
  if (!opened) return std::unexpected(Reopening(opened.error().detail));
  std::shared_ptr<RocksStore> store(std::move(*opened));
  if (auto reloaded = Reload(*store); !reloaded) {
    return std::unexpected(Reopening(reloaded.error().detail));
  }
  store_.store(store);
  return store;
}

void RocksLedger::Deliver(PendingAppend& command, Result<AppendResult> outcome) {
  try {
    command.on_committed(std::move(outcome));
  } catch (...) {
    // A callback that throws loses its own answer; the writer goes on with the others.
  }
}

void RocksLedger::FailAll(std::vector<std::unique_ptr<PendingAppend>>& batch, const Error& error) {
  for (auto& command : batch) Deliver(*command, std::unexpected(error));
}

}  // namespace

Result<std::unique_ptr<Ledger>> OpenLedgerWithEnv(const OpenOptions& options, rocksdb::Env* env) {
  try {
    auto store = RocksStore::OpenPrimary(options.path, options.create_if_missing, env);
    if (!store) return std::unexpected(store.error());
    auto ledger = std::make_unique<RocksLedger>(std::move(*store), Role::primary, options, env);
    auto started = ledger->Start();
    if (!started) return std::unexpected(started.error());
    return std::unique_ptr<Ledger>(std::move(ledger));
  } catch (const std::exception& exception) {
    return std::unexpected(Error{ErrorCode::io_error, exception.what()});
  }
}

Result<std::unique_ptr<Ledger>> OpenFollowerLedger(const std::string& path,
                                                   const std::string& secondary_path) {
  try {
    auto store = RocksStore::OpenSecondary(path, secondary_path);
    if (!store) return std::unexpected(store.error());
    OpenOptions options;
    options.path = path;
    auto ledger =
        std::make_unique<RocksLedger>(std::move(*store), Role::follower, options, nullptr);
    auto started = ledger->Start();
    if (!started) return std::unexpected(started.error());
    return std::unique_ptr<Ledger>(std::move(ledger));
  } catch (const std::exception& exception) {
    return std::unexpected(Error{ErrorCode::io_error, exception.what()});
  }
}

}  // namespace ctom::eventstore
