// A RocksDB file system for tests that can lose power: it keeps, for every file written through it,
// how much was synced, and every directory change (new file, rename, delete) not yet made durable
// by an fsync of its directory. Cut() drops all of that, as a power cut would: files back to their
// last synced length, new files and renames undone, deleted files back. The bytes live in the
// real (POSIX) file system underneath, so a database reopened after the cut reads what survived.
// Syncs are recorded, not performed: the page cache is never lost here, the cut is simulated.
#pragma once

#include <rocksdb/file_system.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ctom::simulation {

// What a file written through the file system holds, and how much of it a cut keeps.
struct FileLengths {
  std::uint64_t written = 0;
  std::uint64_t synced = 0;
};

// A directory change since the last fsync of its directory, with what undoes it.
struct DirectoryChange {
  enum class Kind { created, renamed, deleted };
  Kind kind = Kind::created;
  std::string directory;  // whose fsync makes the change durable
  std::string path;       // created or deleted; a rename's target
  std::string source;     // a rename's source
  std::string displaced;  // in the trash folder: what path held before the change, if anything
};

class PowerCutFileSystem final : public rocksdb::FileSystemWrapper {
 public:
  // trash_folder holds deleted and overwritten files until their directory is synced; it must be
  // on the same file system as the files and outside every database folder.
  PowerCutFileSystem(std::shared_ptr<rocksdb::FileSystem> base, std::filesystem::path trash_folder);
  const char* Name() const override { return "PowerCutFileSystem"; }

  // Cuts the power after this many more changes (writes, syncs, directory changes) counted from
  // now; the change that reaches the count fails. 0: never by count (Cut() still works).
  void CutAfter(std::uint64_t changes);
  // Cuts now: loses everything not durable; every later change fails with an I/O error.
  void Cut();
  bool IsCut() const;
  // Changes made so far, or before the cut once it fell (the last one counted is refused).
  std::uint64_t Changes() const;

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* file,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* file,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewRandomRWFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* file,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* directory,
                                 rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& name, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& name, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDir(const std::string& name, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDirIfMissing(const std::string& name, const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteDir(const std::string& name, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& source, const std::string& target,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LinkFile(const std::string& source, const std::string& target,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;

 private:
  friend class PowerCutFile;
  friend class PowerCutDirectory;
  using Lock = std::unique_lock<std::mutex>;

  // Counts a change; the error to return when the power is (or now goes) off. Holds lock.
  rocksdb::IOStatus BeginChange(const Lock& lock);
  void CutLocked();
  // Moves what path holds into the trash folder; returns its trash path, or "" when it held
  // nothing.
  std::string Displace(const std::string& path);
  void MoveLengths(const std::string& from, const std::string& to);
  void Undo(const DirectoryChange& change);
  void MadeDurable(const std::string& directory);
  std::shared_ptr<FileLengths> Track(const std::string& path, std::uint64_t durable_length);

  mutable std::mutex mutex_;
  const std::filesystem::path trash_folder_;
  std::uint64_t trash_count_ = 0;
  std::uint64_t changes_ = 0;
  std::uint64_t cut_at_ = 0;  // 0: no cut planned
  std::uint64_t changes_at_cut_ = 0;
  bool cut_ = false;
  std::map<std::string, std::shared_ptr<FileLengths>> files_;
  std::vector<DirectoryChange> pending_;  // in the order they were made
};

}  // namespace ctom::simulation
