// The ledger: an append-only, hash-chained log of opaque event payloads on RocksDB.
// Record and key formats are described in docs/ledger.md.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ctom::eventstore {

using Hash = std::array<std::uint8_t, 32>;
using EventId = std::array<std::uint8_t, 16>;

// Limits, in one place.
inline constexpr std::size_t kAppendEventsMax = 256;               // events of one command
inline constexpr std::size_t kPayloadBytesMax = 11 * 1024 * 1024;  // one event's payload
inline constexpr std::size_t kStreamIdBytesMax = 200;
inline constexpr std::size_t kIdempotencyKeyBytesMax = 128;
inline constexpr std::size_t kAppendQueueMax = 4096;        // waiting commands
inline constexpr std::size_t kGroupCommitEventsMax = 4096;  // events in one WriteBatch
inline constexpr std::size_t kReadPageEventsMax = 10000;
// Each of an event's type, actor user id, actor role, correlation id and causation id.
inline constexpr std::size_t kEventFieldBytesMax = 1024;
inline constexpr std::size_t kAppendPayloadBytesMax = 64 * 1024 * 1024;  // payloads of one command
inline constexpr std::size_t kGroupCommitBytesMax = 64 * 1024 * 1024;    // payloads in one batch
// Commands of one grouped append (Ledger::AppendGroup), whose events and payloads must also fit
// one batch: kGroupCommitEventsMax and kGroupCommitBytesMax.
inline constexpr std::size_t kAppendGroupMembersMax = 1024;

// Who caused an event.
struct Actor {
  std::string user_id;
  std::string role;
};

// An event as a command hands it to the ledger. The payload is opaque bytes (the domain's
// encoding).
struct NewEvent {
  std::string type;
  std::uint32_t schema_version = 1;
  EventId event_id{};
  std::int64_t occurred_at_us = 0;  // business instant, UTC microseconds since the epoch
  Actor actor;
  std::string correlation_id;
  std::string causation_id;
  std::string payload;
};

// An event as the ledger holds it.
struct RecordedEvent {
  std::uint64_t position = 0;  // global, dense from 1
  std::string stream;
  std::uint64_t stream_version = 0;  // dense from 1 within the stream
  std::string type;
  std::uint32_t schema_version = 1;
  EventId event_id{};
  std::int64_t occurred_at_us = 0;
  std::int64_t recorded_at_us = 0;  // when the ledger committed it, UTC microseconds
  Actor actor;
  std::string correlation_id;
  std::string causation_id;
  std::string idempotency_key;
  std::string payload;
  Hash previous_hash{};
  Hash hash{};
};

// A recorded event borrowed from the store during ScanAll: the fields a fold reads, as views that
// are valid only inside the visitor's call. ReadAll and ReadStream give whole, owned records.
struct RecordedEventView {
  std::uint64_t position = 0;
  std::string_view stream;
  std::uint64_t stream_version = 0;
  std::string_view type;
  std::uint32_t schema_version = 1;
  std::int64_t occurred_at_us = 0;
  std::int64_t recorded_at_us = 0;
  std::string_view actor_user_id;
  std::string_view actor_role;
  std::string_view payload;
};

// Returns false to stop a scan.
using RecordedEventVisitor = std::function<bool(const RecordedEventView&)>;

// The version a command expects its stream to be at.
struct ExpectedVersion {
  enum class Kind { any, no_stream, exact };
  Kind kind = Kind::any;
  std::uint64_t version = 0;  // with Kind::exact

  static ExpectedVersion Any() { return {Kind::any, 0}; }
  static ExpectedVersion NoStream() { return {Kind::no_stream, 0}; }
  static ExpectedVersion Exact(std::uint64_t v) { return {Kind::exact, v}; }
};

struct AppendRequest {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::vector<NewEvent> events;  // 1..kAppendEventsMax, all or nothing
  // Optional. A retry with the same key and the same request digest returns the original result
  // and writes nothing; the same key with another digest is refused.
  std::string idempotency_key;
  // What "the same request" means for the key. Empty: the ledger digests the stream, the event
  // types and the payloads itself.
  std::string request_digest;
};

struct AppendResult {
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  std::uint64_t stream_version = 0;  // the stream's version after the append
  bool replayed = false;             // true when an idempotent retry returned the original result
  // When the ledger committed the events (their recorded_at); 0 for a replayed result, whose
  // events the caller did not write now.
  std::int64_t recorded_at_us = 0;
};

enum class ErrorCode {
  version_conflict,        // the stream is not at the expected version
  idempotency_key_reused,  // the key was used before with another request
  invalid_request,         // empty, oversized, or malformed request
  io_error,                // RocksDB failed (disk full, read-only, ...); nothing was appended
  corruption,              // a stored record does not decode
  closed,                  // the ledger is shutting down or was opened read-only
  not_found,
};

struct Error {
  ErrorCode code;
  std::string detail;
  std::uint64_t actual_version = 0;  // with version_conflict
};

template <typename T>
using Result = std::expected<T, Error>;

// Called once with the outcome of a queued append (Ledger::AppendThen).
using AppendCallback = std::move_only_function<void(Result<AppendResult>)>;
// Called once with the outcome of a queued grouped append (Ledger::AppendGroupThen): one result
// per member, in order, or the one error that refused them all.
using AppendGroupCallback = std::move_only_function<void(Result<std::vector<AppendResult>>)>;

struct Head {
  std::uint64_t position = 0;  // 0 for an empty log
  Hash hash{};                 // all zeros for an empty log
};

struct VerifyReport {
  bool ok = true;
  std::uint64_t position = 0;            // last position checked (the head when ok)
  Hash hash{};                           // the hash at that position
  std::uint64_t first_bad_position = 0;  // when !ok
  std::string detail;
};

// Counts of what the writer committed since open: synced WriteBatches, the events in them, and the
// commands whose events they were (refusals and idempotent replays write nothing and are not
// counted). commands / batches is the mean group size.
struct GroupCommitStats {
  std::uint64_t batches = 0;
  std::uint64_t events = 0;
  std::uint64_t commands = 0;
};

using Clock = std::function<std::int64_t()>;  // UTC microseconds; the ledger stamps recorded_at

struct OpenOptions {
  std::string path;
  bool create_if_missing = true;
  bool sync_writes = true;  // false only in benchmarks that say so
  Clock clock;              // defaults to the system clock
};

// The ledger. Thread-safe: any number of threads may append and read concurrently. Appends are
// serialised by one writer thread that commits whatever is queued as one synced WriteBatch.
class Ledger {
 public:
  virtual ~Ledger() = default;

  // Opens (creating if asked) the ledger in options.path for reading and appending.
  static Result<std::unique_ptr<Ledger>> Open(const OpenOptions& options);

  // Opens a read-only follower of a ledger another process may be writing (a RocksDB secondary
  // instance whose own files live in secondary_path). Appends return ErrorCode::closed. Call
  // CatchUp() to see what the primary has written since.
  static Result<std::unique_ptr<Ledger>> OpenFollower(const std::string& path,
                                                      const std::string& secondary_path);

  // Appends the events of one command atomically. Returns after the write-ahead log is synced.
  // Blocks while the append queue is full. Errors: invalid_request (limits above; nothing queued),
  // version_conflict (with actual_version), idempotency_key_reused, io_error (the write failed;
  // nothing of the command is visible and later appends retry the disk), closed.
  [[nodiscard]] virtual Result<AppendResult> Append(AppendRequest request) = 0;

  // Append without waiting: queues the command (blocking only while the queue is full) and
  // returns. A request refused before it is queued (invalid_request, closed, io_error) is
  // returned here, and on_committed is then never called. Otherwise the writer calls
  // on_committed exactly once, on its own thread, with what Append would return, once the batch
  // holding the command is synced (or refused); commands still queued when the ledger closes are
  // written first. Commands queued one after another from one thread are committed in that order,
  // so a caller that serialises its decisions can release its lock before the fsync and let the
  // writer commit many callers' commands in one batch. on_committed must be quick and must not
  // wait for anything that waits for an append: it holds up the writer. Never throws.
  [[nodiscard]] virtual Result<void> AppendThen(AppendRequest request,
                                                AppendCallback on_committed) = 0;

  // Appends several commands as one (a grouped append): each member has its own stream, expected
  // version and idempotency key, and the writer commits every member in one WriteBatch with one
  // sync, or none of them. Members are decided in order as Append decides a command, each against
  // the committed state and the members before it. A member refused (version_conflict,
  // idempotency_key_reused, a read that fails) refuses the whole group with its error, whose
  // detail names the member, and nothing of the group is written. A member whose key was used
  // with the same request writes nothing and gets its original result (replayed); the others are
  // still written. Returns one result per member, in order, once the write-ahead log is synced.
  // Errors as Append's; invalid_request also for no members, more than kAppendGroupMembersMax,
  // two members with one idempotency key, or more events or payload bytes than one batch holds
  // (kGroupCommitEventsMax, kGroupCommitBytesMax).
  [[nodiscard]] virtual Result<std::vector<AppendResult>> AppendGroup(
      std::vector<AppendRequest> members) = 0;

  // AppendGroup without waiting, as AppendThen is Append without waiting: a group refused before
  // it is queued is returned here and on_committed is never called; otherwise the writer calls
  // on_committed exactly once, on its own thread, with what AppendGroup would return, once the
  // batch holding the whole group is synced (or refused). Never throws.
  [[nodiscard]] virtual Result<void> AppendGroupThen(std::vector<AppendRequest> members,
                                                     AppendGroupCallback on_committed) = 0;

  // Events of one stream with stream_version >= from_version, at most max_count (capped at
  // kReadPageEventsMax). Empty when the stream does not exist. Only events up to GetHead() are
  // returned, here and in ReadAll. corruption when a stored record does not decode.
  [[nodiscard]] virtual Result<std::vector<RecordedEvent>> ReadStream(
      const std::string& stream, std::uint64_t from_version, std::size_t max_count) const = 0;

  // Events with position >= from_position, at most max_count (capped at kReadPageEventsMax).
  [[nodiscard]] virtual Result<std::vector<RecordedEvent>> ReadAll(std::uint64_t from_position,
                                                                   std::size_t max_count) const = 0;

  // Visits the events with from_position <= position <= to_position, and none past GetHead(), in
  // order and without copying them: one pass of one iterator, for folds of the whole log. Stops
  // without error when visit returns false. Returns how many events were visited. corruption as
  // in ReadAll. The scan keeps its store for its whole length: after a disk fault the ledger
  // reopens its store only once scans of the old one have ended (docs/ledger.md, "Reading").
  [[nodiscard]] virtual Result<std::uint64_t> ScanAll(std::uint64_t from_position,
                                                      std::uint64_t to_position,
                                                      const RecordedEventVisitor& visit) const = 0;

  // The log position of the given stream version, or not_found.
  [[nodiscard]] virtual Result<std::uint64_t> PositionOf(const std::string& stream,
                                                         std::uint64_t version) const = 0;

  [[nodiscard]] virtual Head GetHead() const = 0;
  // The stream's version (0 when it has no events), from memory: it never touches the disk.
  [[nodiscard]] virtual std::uint64_t StreamVersion(const std::string& stream) const = 0;
  [[nodiscard]] virtual GroupCommitStats GetGroupCommitStats() const = 0;

  // What an append with this idempotency key and request would get without appending: the
  // original result when the key was used with the same request (replayed=true), nullopt when
  // the key is new, ErrorCode::idempotency_key_reused when it was used with another request.
  // Lets a caller answer a retry before re-deciding a command whose effects are already there.
  [[nodiscard]] virtual Result<std::optional<AppendResult>> CheckIdempotencyKey(
      const AppendRequest& request) const = 0;

  // Recomputes the hash chain from position 1 to min(to_position, head); 0 means the head.
  [[nodiscard]] virtual Result<VerifyReport> Verify(std::uint64_t to_position) const = 0;

  // A follower reads what the primary appended since it opened or last caught up. On a primary,
  // which is always current, returns the head.
  [[nodiscard]] virtual Result<Head> CatchUp() = 0;

  // Writes a consistent backup of the ledger into backup_dir (RocksDB BackupEngine) while appends
  // go on, and returns the new backup's id there. A follower first catches up and backs up what
  // the primary had synced by then (so `ctom backup` works while the server runs).
  [[nodiscard]] virtual Result<std::uint64_t> Backup(const std::string& backup_dir) = 0;
};

// Restores the latest backup in backup_dir into data_path, which must not hold a ledger.
[[nodiscard]] Result<Head> RestoreLedger(const std::string& backup_dir,
                                         const std::string& data_path);

// The hash a record must carry: SHA-256(previous_hash || canonical bytes of every other field).
// Lets a copy of the log (ctom export) be verified without the database.
Hash RecordHash(const RecordedEvent& record);

// SHA-256 of bytes, and the hash of 64 hex digits (hex rendering: eventstore/hex.hpp).
Hash Sha256(std::string_view bytes);
std::optional<Hash> HashFromHex(std::string_view hex);

}  // namespace ctom::eventstore
