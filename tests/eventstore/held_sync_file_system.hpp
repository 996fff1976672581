// A RocksDB file system whose syncs can be held, for tests of what is seen while a batch syncs.
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

namespace ctom::eventstore::testing {

// A disk whose syncs wait while held: the ledger writer stops in its fsync, so commands stay
// queued and unanswered until Release().
class HeldSyncFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit HeldSyncFileSystem(const std::shared_ptr<rocksdb::FileSystem>& target)
      : FileSystemWrapper(target) {}
  const char* Name() const override { return "HeldSyncFileSystem"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus status = target()->NewWritableFile(name, options, file, dbg);
    if (status.ok()) *file = std::make_unique<File>(std::move(*file), *this);
    return status;
  }

  // Blocks until a sync waits on the hold: the writer is committing a batch and has not
  // published it.
  void WaitUntilASyncIsHeld() {
    std::unique_lock lock(mutex_);
    held_sync_.wait(lock, [this] { return syncs_held_ > 0; });
  }

  void Hold() {
    std::lock_guard lock(mutex_);
    held_ = true;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    held_ = false;
    released_.notify_all();
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file, HeldSyncFileSystem& disk)
        : FSWritableFileOwnerWrapper(std::move(file)), disk_(disk) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
      disk_.WaitWhileHeld();
      return FSWritableFileOwnerWrapper::Sync(options, dbg);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* dbg) override {
      disk_.WaitWhileHeld();
      return FSWritableFileOwnerWrapper::Fsync(options, dbg);
    }

   private:
    HeldSyncFileSystem& disk_;
  };

  void WaitWhileHeld() {
    std::unique_lock lock(mutex_);
    if (!held_) return;
    ++syncs_held_;
    held_sync_.notify_all();
    released_.wait(lock, [this] { return !held_; });
    --syncs_held_;
  }

  std::mutex mutex_;
  std::condition_variable released_;
  std::condition_variable held_sync_;
  bool held_ = false;
  int syncs_held_ = 0;
};

}  // namespace ctom::eventstore::testing
