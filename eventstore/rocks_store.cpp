// RocksDB access for the ledger: opening with the column families, typed reads, atomic writes.
#include "eventstore/rocks_store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/file_system.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>

namespace ctom::eventstore {
namespace {

constexpr int kBloomBitsPerKey = 10;
// Written and removed by ProbeWrites; RocksDB ignores files it does not name.
constexpr std::string_view kWriteProbeFile = "ctom-write-probe";
// Long scans (full reads, verification) read ahead in large chunks instead of one table block per
// read call; short ones do not, so a read of a few events does not fetch megabytes.
constexpr std::uint64_t kScanReadaheadEventsMin = 1000;
constexpr std::size_t kScanReadaheadBytes = 2 * 1024 * 1024;

rocksdb::Slice ToSlice(std::string_view bytes) { return {bytes.data(), bytes.size()}; }
std::string_view ToView(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

rocksdb::ColumnFamilyOptions IdempotencyFamilyOptions() {
  // Most keys looked up are new; a bloom filter answers "absent" without reading blocks.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  rocksdb::ColumnFamilyOptions options;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

// In the order RocksStore's accessors index them.
std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors() {
  return {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {std::string(kEventsFamily), rocksdb::ColumnFamilyOptions()},
      {std::string(kStreamsFamily), rocksdb::ColumnFamilyOptions()},
      {std::string(kIdempotencyFamily), IdempotencyFamilyOptions()},
      {std::string(kHeadFamily), rocksdb::ColumnFamilyOptions()},
  };
}

// RocksDB's own info log, warnings and worse, goes to the process's standard error (the server's
// log) instead of a LOG file in the ledger folder. On a full disk that file is the first to fail,
// and Debian's librocksdb keeps its assertions: the next line written to a log file that has seen
// a write error aborts the process. The ledger must answer 503 there, not crash.
class StandardErrorInfoLog final : public rocksdb::Logger {
 public:
  StandardErrorInfoLog() : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list arguments) override {
    char line[1024];
    std::vsnprintf(line, sizeof line, format, arguments);
    std::fprintf(stderr, "rocksdb: %s\n", line);
  }
};

rocksdb::DBOptions BaseOptions() {
  rocksdb::DBOptions options;
  options.info_log = std::make_shared<StandardErrorInfoLog>();
  // Point-in-time recovery drops a torn tail of the write-ahead log after a crash; every
  // acknowledged batch was synced before it, so none is lost.
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  // After a failed write the ledger's writer calls Resume itself before its next batch; RocksDB's
  // own retry thread would only race it.
  options.max_bgerror_resume_count = 0;
  return options;
}

}  // namespace

Error ErrorFromStatus(const rocksdb::Status& status, std::string_view what) {
  ErrorCode code = ErrorCode::io_error;
  if (status.IsCorruption()) code = ErrorCode::corruption;
  if (status.IsNotFound()) code = ErrorCode::not_found;
  return Error{code, std::string(what) + ": " + status.ToString()};
}

StoreBatch::StoreBatch(const RocksStore& store)
    : store_(store), batch_(std::make_unique<rocksdb::WriteBatch>()) {}

StoreBatch::~StoreBatch() = default;

void StoreBatch::Check(const rocksdb::Status& status) {
  if (!status.ok() && !error_) error_ = ErrorFromStatus(status, "building the write batch");
}

void StoreBatch::PutEvent(std::uint64_t position, std::string_view value) {
  Check(batch_->Put(store_.events(), EventKey(position), ToSlice(value)));
}

void StoreBatch::PutStreamIndex(std::string_view stream, std::uint64_t version,
                                std::uint64_t position) {
  Check(batch_->Put(store_.streams(), StreamKey(stream, version), PositionValue(position)));
}

void StoreBatch::PutIdempotency(std::string_view key, const IdempotencyEntry& entry) {
  Check(batch_->Put(store_.idempotency(), ToSlice(key), EncodeIdempotencyEntry(entry)));
}

void StoreBatch::PutHead(const Head& head) {
  Check(batch_->Put(store_.head(), ToSlice(kHeadKey), EncodeHead(head)));
}

RocksStore::RocksStore(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : db_(db), handles_(std::move(handles)) {}

RocksStore::~RocksStore() {
  // A destructor has no one to report to; every acknowledged write was synced long before.
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  db_->Close().PermitUncheckedError();
  delete db_;
}

Result<std::unique_ptr<RocksStore>> RocksStore::OpenPrimary(const std::string& path,
                                                            bool create_if_missing,
                                                            rocksdb::Env* env) {
  std::error_code ignored;
  if (!create_if_missing && !std::filesystem::exists(path + "/CURRENT", ignored)) {
    return std::unexpected(Error{ErrorCode::not_found, "no ledger in " + path});
  }
  if (create_if_missing) {
    // Made here, so RocksDB does not log an error about reading a folder that is not there yet.
    std::filesystem::create_directories(path, ignored);
  }
  rocksdb::DBOptions options = BaseOptions();
  options.create_if_missing = create_if_missing;
  options.create_missing_column_families = create_if_missing;
  if (env != nullptr) options.env = env;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(options, path, FamilyDescriptors(), &handles, &db);
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "opening " + path));
  return std::unique_ptr<RocksStore>(new RocksStore(db, std::move(handles)));
}

Result<std::unique_ptr<RocksStore>> RocksStore::OpenSecondary(const std::string& path,
                                                              const std::string& secondary_path) {
  rocksdb::DBOptions options = BaseOptions();
  // A secondary instance must keep every table file open to follow the primary's compactions.
  options.max_open_files = -1;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status status = rocksdb::DB::OpenAsSecondary(options, path, secondary_path,
                                                        FamilyDescriptors(), &handles, &db);
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "following " + path));
  return std::unique_ptr<RocksStore>(new RocksStore(db, std::move(handles)));
}

Result<Head> RocksStore::ReadHead() const {
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), head(), ToSlice(kHeadKey), &value);
  if (status.IsNotFound()) return Head{};
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "reading the head"));
  auto decoded = DecodeHead(value);
  if (!decoded) return std::unexpected(Error{ErrorCode::corruption, "the head does not decode"});
  return *decoded;
}

Result<StreamVersions> RocksStore::LoadStreamVersions() const {
  StreamVersions versions;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams()));
  constexpr std::uint64_t kLastVersion = std::numeric_limits<std::uint64_t>::max();
  for (it->SeekToFirst(); it->Valid();) {
    auto first = ParseStreamKey(ToView(it->key()));
    if (!first) return std::unexpected(Error{ErrorCode::corruption, "a stream key does not parse"});
    // A copy: the parsed view points into the iterator's key, which the next seek overwrites.
    const std::string stream(first->stream);
    // Jump to the stream's last version, then past it to the next stream's first.
    const std::string beyond = StreamKey(stream, kLastVersion);
    it->SeekForPrev(beyond);
    auto last = it->Valid() ? ParseStreamKey(ToView(it->key())) : std::nullopt;
    if (!last || last->stream != stream) {
      if (!it->status().ok()) break;
      return std::unexpected(Error{ErrorCode::corruption, "a stream key does not parse"});
    }
    versions.insert_or_assign(std::string(last->stream), last->version);
    it->Seek(beyond);
  }
  if (!it->status().ok()) {
    return std::unexpected(ErrorFromStatus(it->status(), "loading stream versions"));
  }
  return versions;
}

Result<std::optional<IdempotencyEntry>> RocksStore::FindIdempotency(std::string_view key) const {
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), idempotency(), ToSlice(key), &value);
  if (status.IsNotFound()) return std::optional<IdempotencyEntry>();
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "reading an idempotency key"));
  auto entry = DecodeIdempotencyEntry(value);
  if (!entry) {
    return std::unexpected(Error{ErrorCode::corruption, "an idempotency entry does not decode"});
  }
  return entry;
}

Result<std::optional<std::uint64_t>> RocksStore::FindPosition(std::string_view stream,
                                                              std::uint64_t version) const {
  std::string value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), streams(), StreamKey(stream, version), &value);
  if (status.IsNotFound()) return std::optional<std::uint64_t>();
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "reading the stream index"));
  auto position = ParsePositionValue(value);
  if (!position) return std::unexpected(Error{ErrorCode::corruption, "a position does not parse"});
  return position;
}

Result<std::vector<std::uint64_t>> RocksStore::ScanStream(std::string_view stream,
                                                          std::uint64_t from_version,
                                                          std::size_t max_count) const {
  std::vector<std::uint64_t> positions;
  const std::string prefix = StreamKeyPrefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams()));
  for (it->Seek(StreamKey(stream, from_version));
       it->Valid() && positions.size() < max_count && it->key().starts_with(prefix); it->Next()) {
    auto position = ParsePositionValue(ToView(it->value()));
    if (!position || it->key().size() != prefix.size() + kEventKeyBytes) {
      return std::unexpected(Error{ErrorCode::corruption, "a stream index entry does not parse"});
    }
    positions.push_back(*position);
  }
  if (!it->status().ok()) return std::unexpected(ErrorFromStatus(it->status(), "reading a stream"));
  return positions;
}

Result<std::optional<std::string>> RocksStore::ReadEvent(std::uint64_t position) const {
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), events(), EventKey(position), &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "reading an event"));
  return std::optional<std::string>(std::move(value));
}

Result<void> RocksStore::ScanEvents(std::uint64_t from_position, std::uint64_t to_position,
                                    const EventVisitor& visit) const {
  if (from_position > to_position) return {};
  rocksdb::ReadOptions options;
  if (to_position - from_position >= kScanReadaheadEventsMin) {
    options.readahead_size = kScanReadaheadBytes;
  }
  // The bound lets RocksDB stop at the last wanted block instead of reading one beyond it.
  const std::string upper_key = EventKey(to_position + 1);
  const rocksdb::Slice upper(upper_key);
  if (to_position != std::numeric_limits<std::uint64_t>::max())
    options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, events()));
  for (it->Seek(EventKey(from_position)); it->Valid(); it->Next()) {
    if (!visit(ToView(it->key()), ToView(it->value()))) break;
  }
  if (!it->status().ok()) return std::unexpected(ErrorFromStatus(it->status(), "reading events"));
  return {};
}

Result<void> RocksStore::Write(StoreBatch& batch, bool sync) {
  if (batch.error_) return std::unexpected(*batch.error_);
  rocksdb::WriteOptions options;
  options.sync = sync;
  rocksdb::Status status = db_->Write(options, batch.batch_.get());
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "writing a batch"));
  return {};
}

Result<void> RocksStore::ProbeWrites() const {
  rocksdb::FileSystem* file_system = db_->GetFileSystem();
  const std::string probe = db_->GetName() + "/" + std::string(kWriteProbeFile);
  const rocksdb::IOOptions io;
  std::unique_ptr<rocksdb::FSWritableFile> file;
  rocksdb::IOStatus status =
      file_system->NewWritableFile(probe, rocksdb::FileOptions(), &file, nullptr);
  if (status.ok()) status = file->Append("probe", io, nullptr);
  if (status.ok()) status = file->Sync(io, nullptr);
  if (file != nullptr) {
    const rocksdb::IOStatus closed = file->Close(io, nullptr);
    if (status.ok()) status = closed;
  }
  file_system->DeleteFile(probe, io, nullptr).PermitUncheckedError();
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "probing the disk"));
  return {};
}

RocksStore::Resumption RocksStore::Resume() {
  const rocksdb::Status status = db_->Resume();
  if (status.ok()) return Resumption::resumed;
  return status.IsBusy() ? Resumption::in_progress : Resumption::impossible;
}

Result<void> RocksStore::CatchUpWithPrimary() {
  rocksdb::Status status = db_->TryCatchUpWithPrimary();
  if (!status.ok()) return std::unexpected(ErrorFromStatus(status, "catching up with the primary"));
  return {};
}

}  // namespace ctom::eventstore
