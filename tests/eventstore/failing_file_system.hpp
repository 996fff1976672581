// A disk that fails on demand, for the ledger's and the command service's disk-fault tests: a
// RocksDB FileSystem wrapper whose writes and syncs fail while its switch is on.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>
#include <string>

namespace ctom::eventstore::testing {

// The faults a disk shows: a transient I/O error (EIO), flagged retryable as RocksDB's own file
// systems flag them, or a file system the kernel turned read-only (EROFS), which is not.
enum class Fault { transient, read_only };

inline rocksdb::IOStatus Injected(Fault fault) {
  if (fault == Fault::read_only) return rocksdb::IOStatus::IOError("Read-only file system");
  rocksdb::IOStatus status = rocksdb::IOStatus::IOError("injected");
  status.SetRetryable(true);
  return status;
}

// Writes and syncs of files fail while the switch is on.
class FailingFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FailingFile(std::unique_ptr<rocksdb::FSWritableFile> file, const std::atomic<bool>& failing,
              Fault fault)
      : FSWritableFileOwnerWrapper(std::move(file)), failing_(failing), fault_(fault) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Append(data, options, dbg);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Sync(options, dbg);
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    if (failing_) return Injected(fault_);
    return FSWritableFileOwnerWrapper::Fsync(options, dbg);
  }

 private:
  const std::atomic<bool>& failing_;
  const Fault fault_;
};

class FailingFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FailingFileSystem(const std::shared_ptr<rocksdb::FileSystem>& target, Fault fault)
      : FileSystemWrapper(target), fault_(fault) {}
  const char* Name() const override { return "FailingFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    if (failing) return Injected(fault_);
    rocksdb::IOStatus status = target()->NewWritableFile(name, options, file, dbg);
    if (status.ok()) *file = std::make_unique<FailingFile>(std::move(*file), failing, fault_);
    return status;
  }

  std::atomic<bool> failing{false};

 private:
  const Fault fault_;
};

}  // namespace ctom::eventstore::testing
