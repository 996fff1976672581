// The vault's RocksDB database: synced writes, point reads, prefix scans, and the purge that
// leaves no earlier version of a record in any file. The only file that touches RocksDB; its
// types stay out of this header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vault/vault_error.hpp"

namespace rocksdb {
class DB;
class Env;
}  // namespace rocksdb

namespace ctom::vault {

// One write of a batch: a put, or a delete when value is nullopt.
struct VaultWrite {
  std::string key;
  std::optional<std::string> value;
};

// Thread-safe for reads; Write and Purge may run beside reads, but callers serialise writes.
class VaultDatabase {
 public:
  // Opens (creating when absent) the database in folder, which is created with mode 0700. env is
  // for tests that cut the power or inject faults (vault_testing.hpp); nullptr means the default.
  static VaultResult<std::unique_ptr<VaultDatabase>> Open(const std::filesystem::path& folder,
                                                          rocksdb::Env* env = nullptr);
  // Opens an existing database without writing anything (io_error when there is none), for
  // looking while another process may hold it open.
  static VaultResult<std::unique_ptr<VaultDatabase>> OpenReadOnly(
      const std::filesystem::path& folder);
  ~VaultDatabase();
  VaultDatabase(const VaultDatabase&) = delete;
  VaultDatabase& operator=(const VaultDatabase&) = delete;

  [[nodiscard]] VaultResult<std::optional<std::string>> Get(std::string_view key) const;
  // Keys and values under prefix, in key order, at most max_count of them.
  [[nodiscard]] VaultResult<std::vector<std::pair<std::string, std::string>>> Scan(
      std::string_view prefix, std::size_t max_count) const;
  // Whether the database holds no record at all.
  [[nodiscard]] VaultResult<bool> Empty() const;

  // Applies writes atomically and returns once the write-ahead log is synced to disk.
  [[nodiscard]] VaultResult<void> Write(std::span<const VaultWrite> writes);

  // A new backup of the database in backup_dir (RocksDB's BackupEngine), returning its id. File
  // deletions pause while it copies, so a Purge running meanwhile reports io_error.
  [[nodiscard]] VaultResult<std::uint64_t> Backup(const std::filesystem::path& backup_dir);
  // Restores the latest backup of backup_dir into folder, which must hold no database.
  [[nodiscard]] static VaultResult<void> Restore(const std::filesystem::path& backup_dir,
                                                 const std::filesystem::path& folder);

  // Makes every deleted or overwritten value unrecoverable from the folder's files: flushes the
  // memtable (so the write-ahead logs that held the old values become obsolete), compacts every
  // level into new table files (dropping the old versions), and deletes the obsolete logs and
  // tables now. Costs a rewrite of the whole database; the vault is small (about 100 bytes a key).
  // Errors: io_error, including when file deletions are held off (a backup or checkpoint running):
  // call again once it has finished.
  [[nodiscard]] VaultResult<void> Purge();

 private:
  explicit VaultDatabase(rocksdb::DB* db);

  rocksdb::DB* db_;
};

}  // namespace ctom::vault
