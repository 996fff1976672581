// The ledger's RocksDB database: its column families, and typed reads and writes over them. The
// only place (with rocks_backup.cpp) that touches RocksDB; its types stay out of this header.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/keys.hpp"
#include "eventstore/ledger.hpp"
#include "eventstore/ledger_state.hpp"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Env;
class Status;
class WriteBatch;
}  // namespace rocksdb

namespace ctom::eventstore {

// The error a failed RocksDB call becomes: corruption and not_found keep their meaning, anything
// else is io_error. what names the operation for the detail.
Error ErrorFromStatus(const rocksdb::Status& status, std::string_view what);

class RocksStore;

// A set of writes applied atomically by RocksStore::Write.
class StoreBatch {
 public:
  explicit StoreBatch(const RocksStore& store);
  ~StoreBatch();
  StoreBatch(const StoreBatch&) = delete;
  StoreBatch& operator=(const StoreBatch&) = delete;

  void PutEvent(std::uint64_t position, std::string_view value);
  void PutStreamIndex(std::string_view stream, std::uint64_t version, std::uint64_t position);
  void PutIdempotency(std::string_view key, const IdempotencyEntry& entry);
  void PutHead(const Head& head);

 private:
  friend class RocksStore;
  void Check(const rocksdb::Status& status);

  const RocksStore& store_;
  std::unique_ptr<rocksdb::WriteBatch> batch_;
  std::optional<Error> error_;  // the first Put that failed
};

// Visits one stored event: its raw key and value. Returns false to stop the scan.
using EventVisitor = std::function<bool(std::string_view key, std::string_view value)>;

// Thread-safe for reads; Write, Resume and CatchUpWithPrimary are called by one thread at a time.
class RocksStore {
 public:
  // A primary, which may write. env is for tests that inject faults; nullptr means the default.
  static Result<std::unique_ptr<RocksStore>> OpenPrimary(const std::string& path,
                                                         bool create_if_missing, rocksdb::Env* env);
  // A read-only secondary instance following the primary at path.
  static Result<std::unique_ptr<RocksStore>> OpenSecondary(const std::string& path,
                                                           const std::string& secondary_path);
  ~RocksStore();
  RocksStore(const RocksStore&) = delete;
  RocksStore& operator=(const RocksStore&) = delete;

  // The stored head; position 0 and a zero hash for an empty log.
  Result<Head> ReadHead() const;
  // The last version of every stream, with two seeks per stream rather than a full scan.
  Result<StreamVersions> LoadStreamVersions() const;
  Result<std::optional<IdempotencyEntry>> FindIdempotency(std::string_view key) const;
  Result<std::optional<std::uint64_t>> FindPosition(std::string_view stream,
                                                    std::uint64_t version) const;
  // Positions of the stream's versions from from_version on, at most max_count, in version order.
  Result<std::vector<std::uint64_t>> ScanStream(std::string_view stream, std::uint64_t from_version,
                                                std::size_t max_count) const;
  Result<std::optional<std::string>> ReadEvent(std::uint64_t position) const;
  // Visits the stored events with from_position <= position <= to_position, in order.
  Result<void> ScanEvents(std::uint64_t from_position, std::uint64_t to_position,
                          const EventVisitor& visit) const;

  // Applies the batch atomically; with sync, returns only after the write-ahead log is synced.
  Result<void> Write(StoreBatch& batch, bool sync);
  // Clears RocksDB's background error after a failed write so writes can go on. in_progress:
  // RocksDB recovers by itself once the disk has room again; impossible: this instance can never
  // write again (a read-only file system, an I/O error) and must be closed and opened anew.
  enum class Resumption { resumed, in_progress, impossible };
  Resumption Resume();
  // Writes, syncs and removes a small file in the ledger folder through RocksDB's file system:
  // whether the disk takes writes again after a fault.
  Result<void> ProbeWrites() const;
  Result<void> CatchUpWithPrimary();
  // A new backup in backup_dir; returns its id (rocks_backup.cpp).
  Result<std::uint64_t> Backup(const std::string& backup_dir);

 private:
  friend class StoreBatch;
  RocksStore(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles);

  rocksdb::ColumnFamilyHandle* events() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* streams() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* idempotency() const { return handles_[3]; }
  rocksdb::ColumnFamilyHandle* head() const { return handles_[4]; }

  rocksdb::DB* db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // default, then the ledger's families
};

}  // namespace ctom::eventstore
