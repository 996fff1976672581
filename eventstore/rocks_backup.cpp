// Backups of the ledger with RocksDB's BackupEngine, and restoring one into an empty folder.
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include <filesystem>

#include "eventstore/rocks_store.hpp"

namespace ctom::eventstore {

Result<std::uint64_t> RocksStore::Backup(const std::string& backup_dir) {
  rocksdb::BackupEngine* raw_engine = nullptr;
  rocksdb::IOStatus status = rocksdb::BackupEngine::Open(rocksdb::BackupEngineOptions(backup_dir),
                                                         rocksdb::Env::Default(), &raw_engine);
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "opening " + backup_dir));
  std::unique_ptr<rocksdb::BackupEngine> engine(raw_engine);
  // Without a flush the engine copies the live write-ahead log files along with the table files,
  // with file deletions paused, so the backup is the state at one instant with every synced batch.
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = false;
  rocksdb::BackupID id = 0;
  status = engine->CreateNewBackup(options, db_, &id);
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "backing up"));
  return id;
}

Result<Head> RestoreLedger(const std::string& backup_dir, const std::string& data_path) {
  std::error_code ignored;
  if (std::filesystem::exists(data_path + "/CURRENT", ignored)) {
    return std::unexpected(
        Error{ErrorCode::invalid_request, data_path + " already holds a ledger"});
  }
  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  rocksdb::IOStatus status = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(backup_dir), rocksdb::Env::Default(), &raw_engine);
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "opening " + backup_dir));
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  status = engine->RestoreDBFromLatestBackup(rocksdb::RestoreOptions(), data_path, data_path);
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "restoring " + backup_dir));
  // Opening replays the restored write-ahead log, so the head read is the backup's.
  auto store = RocksStore::OpenPrimary(data_path, false, nullptr);
  if (!store) return std::unexpected(store.error());
  return (*store)->ReadHead();
}

}  // namespace ctom::eventstore
