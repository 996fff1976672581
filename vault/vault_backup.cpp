// Backups of the vault with RocksDB's BackupEngine, and restoring one under its key file.
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include "vault/vault.hpp"
#include "vault/vault_database.hpp"

namespace ctom::vault {
namespace {

std::unexpected<VaultError> FromStatus(const rocksdb::Status& status, const std::string& what) {
  return Fail(VaultErrorCode::io_error, "vault: " + what + ": " + status.ToString());
}

}  // namespace

VaultResult<std::uint64_t> VaultDatabase::Backup(const std::filesystem::path& backup_dir) {
  rocksdb::BackupEngine* raw_engine = nullptr;
  rocksdb::IOStatus status = rocksdb::BackupEngine::Open(
      rocksdb::BackupEngineOptions(backup_dir.string()), rocksdb::Env::Default(), &raw_engine);
  if (!status.ok()) return FromStatus(status, "opening " + backup_dir.string());
  std::unique_ptr<rocksdb::BackupEngine> engine(raw_engine);
  // As the ledger's backup: no flush; the live logs are copied with the tables, deletions paused.
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = false;
  rocksdb::BackupID id = 0;
  status = engine->CreateNewBackup(options, db_, &id);
  if (!status.ok()) return FromStatus(status, "backing up");
  return id;
}

VaultResult<void> VaultDatabase::Restore(const std::filesystem::path& backup_dir,
                                         const std::filesystem::path& folder) {
  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  rocksdb::IOStatus status = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(backup_dir.string()), rocksdb::Env::Default(), &raw_engine);
  if (!status.ok()) return FromStatus(status, "opening " + backup_dir.string());
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  status = engine->RestoreDBFromLatestBackup(rocksdb::RestoreOptions(), folder.string(),
                                             folder.string());
  if (!status.ok()) return FromStatus(status, "restoring " + backup_dir.string());
  return {};
}

VaultResult<std::uint64_t> Vault::Backup(const std::filesystem::path& backup_dir) {
  return database_->Backup(backup_dir);
}

VaultResult<std::unique_ptr<Vault>> Vault::Restore(const std::filesystem::path& backup_dir,
                                                   const std::filesystem::path& folder,
                                                   const SecretKey& key_file_key) {
  std::error_code error;
  if (std::filesystem::exists(folder / "CURRENT", error)) {
    return Fail(VaultErrorCode::invalid_argument, folder.string() + " already holds a vault");
  }
  if (auto restored = VaultDatabase::Restore(backup_dir, folder); !restored) {
    return std::unexpected(restored.error());
  }
  auto vault = Open(folder, key_file_key);
  if (!vault && vault.error().code == VaultErrorCode::wrong_key_file) {
    std::filesystem::remove_all(folder, error);  // so a retry with the right key file can restore
    vault.error().detail += " (the backup was made under another key file; nothing restored)";
  }
  return vault;
}

}  // namespace ctom::vault
