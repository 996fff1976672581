// RocksDB access for the vault: options chosen so that a purge really removes old values.
#include "vault/vault_database.hpp"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/transaction_log.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <thread>

namespace ctom::vault {
namespace {

namespace fs = std::filesystem;

// How often, and how far apart, a purge looks again for obsolete files a read still held.
constexpr int kPurgeChecksMax = 50;
constexpr std::chrono::milliseconds kPurgeCheckPause{2};

rocksdb::Slice ToSlice(std::string_view bytes) { return {bytes.data(), bytes.size()}; }

std::unexpected<VaultError> FromStatus(const rocksdb::Status& status, std::string_view what) {
  const auto code = status.IsCorruption() ? VaultErrorCode::corruption : VaultErrorCode::io_error;
  return Fail(code, "vault: " + std::string(what) + ": " + status.ToString());
}

// RocksDB's info log, warnings and worse, goes to standard error rather than a LOG file in the
// vault folder, for the reason eventstore/rocks_store.cpp gives (a full disk must not abort).
class StandardErrorInfoLog final : public rocksdb::Logger {
 public:
  StandardErrorInfoLog() : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list arguments) override {
    char line[1024];
    std::vsnprintf(line, sizeof line, format, arguments);
    std::fprintf(stderr, "rocksdb (vault): %s\n", line);
  }
};

// Every option that decides whether an old value survives in a file is set here on purpose.
rocksdb::Options VaultOptions() {
  rocksdb::Options options;
  options.info_log = std::make_shared<StandardErrorInfoLog>();
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  // Obsolete write-ahead logs are deleted, never archived or reused: an archived or recycled log
  // would keep a destroyed key's wrapped bytes.
  options.WAL_ttl_seconds = 0;
  options.WAL_size_limit_MB = 0;
  options.recycle_log_file_num = 0;
  options.manual_wal_flush = false;
  // Values are ciphertexts (incompressible) and keys are short; without compression the bytes in
  // the files are the bytes stored, which is what the erasure tests scan for.
  options.compression = rocksdb::kNoCompression;
  options.bottommost_compression = rocksdb::kNoCompression;
  options.max_bgerror_resume_count = 0;
  // The vault holds ~100 bytes a person: a small memtable, so the write-ahead log RocksDB
  // preallocates (a tenth more than the memtable) takes a megabyte, not 70, of the data disk.
  options.write_buffer_size = 1 << 20;
  return options;
}

// The folder's table files and write-ahead logs that are not live: what a purge must have removed.
VaultResult<std::vector<std::string>> ObsoleteFiles(rocksdb::DB* db, const fs::path& folder) {
  std::vector<std::string> live;
  std::uint64_t manifest_bytes = 0;
  rocksdb::Status status = db->GetLiveFiles(live, &manifest_bytes, /*flush_memtable=*/false);
  if (!status.ok()) return FromStatus(status, "listing live files");
  std::unique_ptr<rocksdb::LogFile> current_log;
  status = db->GetCurrentWalFile(&current_log);
  if (!status.ok()) return FromStatus(status, "finding the current log");
  live.push_back(current_log->PathName());
  std::vector<std::string> obsolete;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    const std::string name = "/" + entry.path().filename().string();
    const std::string extension = entry.path().extension().string();
    // An empty log holds no value, so no destroyed key. RocksDB keeps an empty log it recovered
    // until a flush moves its log number on, and the purge's flush of an empty memtable does not:
    // after a crash during a purge's compaction, counting such a log made every later Open fail
    // (found by the power-cut simulator, docs/reliability.md).
    const bool empty_log = extension == ".log" && entry.file_size(error) == 0 && !error;
    if ((extension == ".sst" || extension == ".log") && !empty_log &&
        std::find(live.begin(), live.end(), name) == live.end()) {
      obsolete.push_back(name);
    }
  }
  if (error)
    return Fail(VaultErrorCode::io_error, "listing " + folder.string() + ": " + error.message());
  return obsolete;
}

}  // namespace

VaultDatabase::VaultDatabase(rocksdb::DB* db) : db_(db) {}

VaultDatabase::~VaultDatabase() {
  // Every write was synced before it returned; a destructor has no one to report to.
  db_->Close().PermitUncheckedError();
  delete db_;
}

VaultResult<std::unique_ptr<VaultDatabase>> VaultDatabase::Open(const fs::path& folder,
                                                                rocksdb::Env* env) {
  std::error_code error;
  if (fs::create_directories(folder, error)) {
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, error);
  }
  if (error)
    return Fail(VaultErrorCode::io_error, "creating " + folder.string() + ": " + error.message());
  rocksdb::Options options = VaultOptions();
  options.create_if_missing = true;
  if (env != nullptr) options.env = env;
  rocksdb::DB* db = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(options, folder.string(), &db);
  if (!status.ok()) return FromStatus(status, "opening " + folder.string());
  return std::unique_ptr<VaultDatabase>(new VaultDatabase(db));
}

VaultResult<std::unique_ptr<VaultDatabase>> VaultDatabase::OpenReadOnly(const fs::path& folder) {
  rocksdb::DB* db = nullptr;
  rocksdb::Status status = rocksdb::DB::OpenForReadOnly(VaultOptions(), folder.string(), &db);
  if (!status.ok()) return FromStatus(status, "opening " + folder.string() + " to read");
  return std::unique_ptr<VaultDatabase>(new VaultDatabase(db));
}

VaultResult<std::optional<std::string>> VaultDatabase::Get(std::string_view key) const {
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), ToSlice(key), &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) return FromStatus(status, "reading a record");
  return std::optional<std::string>(std::move(value));
}

VaultResult<std::vector<std::pair<std::string, std::string>>> VaultDatabase::Scan(
    std::string_view prefix, std::size_t max_count) const {
  std::vector<std::pair<std::string, std::string>> found;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(ToSlice(prefix)); it->Valid() && found.size() < max_count; it->Next()) {
    if (!it->key().starts_with(ToSlice(prefix))) break;
    found.emplace_back(it->key().ToString(), it->value().ToString());
  }
  if (!it->status().ok()) return FromStatus(it->status(), "scanning records");
  return found;
}

VaultResult<bool> VaultDatabase::Empty() const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  it->SeekToFirst();
  if (!it->status().ok()) return FromStatus(it->status(), "reading the first record");
  return !it->Valid();
}

VaultResult<void> VaultDatabase::Write(std::span<const VaultWrite> writes) {
  rocksdb::WriteBatch batch;
  for (const VaultWrite& write : writes) {
    rocksdb::Status status = write.value ? batch.Put(ToSlice(write.key), ToSlice(*write.value))
                                         : batch.Delete(ToSlice(write.key));
    if (!status.ok()) return FromStatus(status, "building a write");
  }
  rocksdb::WriteOptions options;
  options.sync = true;  // a key must be on disk before anything sealed under it is acknowledged
  rocksdb::Status status = db_->Write(options, &batch);
  if (!status.ok()) {
    // A failed write (a full disk) stops RocksDB's writes until it resumes: try at once, so the
    // next write succeeds once the fault is gone, as the ledger's do.
    (void)db_->Resume();
    return FromStatus(status, "writing");
  }
  return {};
}

VaultResult<void> VaultDatabase::Purge() {
  rocksdb::FlushOptions flush;
  flush.wait = true;
  flush.allow_write_stall = true;
  rocksdb::Status status = db_->Flush(flush);
  if (!status.ok()) return FromStatus(status, "flushing");
  rocksdb::CompactRangeOptions compact;
  compact.exclusive_manual_compaction = true;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  status = db_->CompactRange(compact, nullptr, nullptr);
  if (!status.ok()) return FromStatus(status, "compacting");
  // Flush and compaction delete what they made obsolete from a background thread; disabling and
  // re-enabling deletions deletes every obsolete file now, unless a backup holds deletions off or
  // a read still holds the old files (a lookup running beside the erasure): RocksDB deletes them
  // as that read ends, so the check is made again a few times before it fails. Found by the
  // power-cut simulator, whose lookups run beside erasures.
  std::vector<std::string> obsolete;
  for (int attempt = 0; attempt < kPurgeChecksMax; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(kPurgeCheckPause);
    status = db_->DisableFileDeletions();
    if (!status.ok()) return FromStatus(status, "holding file deletions");
    status = db_->EnableFileDeletions(/*force=*/false);
    if (!status.ok()) return FromStatus(status, "deleting obsolete files");
    auto remaining = ObsoleteFiles(db_, db_->GetName());
    if (!remaining) return std::unexpected(remaining.error());
    obsolete = std::move(*remaining);
    if (obsolete.empty()) return {};
  }
  return Fail(VaultErrorCode::io_error,
              "vault: " + std::to_string(obsolete.size()) +
                  " obsolete files remain after the purge (a backup running?), e.g. " +
                  obsolete.front());
}

}  // namespace ctom::vault
