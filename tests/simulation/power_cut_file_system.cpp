// The power-cut file system: accounting of synced lengths and pending directory changes, and the
// cut that drops what was never made durable.
#include "tests/simulation/power_cut_file_system.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

namespace ctom::simulation {
namespace {

namespace fs = std::filesystem;

// The form a path is compared in: RocksDB names one folder with and without a trailing slash.
std::string Normal(const std::string& path) {
  std::string normal = fs::path(path).lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

std::string ParentOf(const std::string& path) {
  return fs::path(Normal(path)).parent_path().string();
}

bool Exists(const std::string& path) {
  std::error_code ignored;
  return fs::exists(fs::symlink_status(path, ignored));
}

rocksdb::IOStatus PowerIsOff() { return rocksdb::IOStatus::IOError("power cut (simulated)"); }

}  // namespace

// A file being written: appends count as written, syncs make what was written durable. The real
// sync is not made (a cut is simulated, the page cache never lost). Preallocation is not passed
// on: the POSIX file would trim it with ftruncate on close, which after a cut would lengthen a
// file the cut had shortened.
class PowerCutFile final : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  PowerCutFile(std::unique_ptr<rocksdb::FSWritableFile> file, PowerCutFileSystem& file_system,
               std::shared_ptr<FileLengths> lengths)
      : FSWritableFileOwnerWrapper(std::move(file)),
        file_system_(file_system),
        lengths_(std::move(lengths)) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    return Written(data.size(), 0, false,
                   [&] { return FSWritableFileOwnerWrapper::Append(data, options, dbg); });
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    return Written(data.size(), 0, false,
                   [&] { return FSWritableFileOwnerWrapper::Append(data, options, info, dbg); });
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, std::uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     rocksdb::IODebugContext* dbg) override {
    return Written(data.size(), offset, true, [&] {
      return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, options, dbg);
    });
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, std::uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     const rocksdb::DataVerificationInfo& info,
                                     rocksdb::IODebugContext* dbg) override {
    return Written(data.size(), offset, true, [&] {
      return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, options, info, dbg);
    });
  }
  rocksdb::IOStatus Truncate(std::uint64_t size, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
    PowerCutFileSystem::Lock lock(file_system_.mutex_);
    if (auto status = file_system_.BeginChange(lock); !status.ok()) return status;
    rocksdb::IOStatus status = FSWritableFileOwnerWrapper::Truncate(size, options, dbg);
    if (status.ok()) {
      lengths_->written = size;
      lengths_->synced = std::min(lengths_->synced, size);
    }
    return status;
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return MakeDurable();
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return MakeDurable();
  }
  rocksdb::IOStatus RangeSync(std::uint64_t, std::uint64_t, const rocksdb::IOOptions&,
                              rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();  // write-back of a range: makes nothing durable
  }
  void PrepareWrite(size_t, size_t, const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {}
  rocksdb::IOStatus Allocate(std::uint64_t, std::uint64_t, const rocksdb::IOOptions&,
                             rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }

 private:
  template <typename Write>
  rocksdb::IOStatus Written(std::uint64_t size, std::uint64_t offset, bool positioned,
                            Write write) {
    PowerCutFileSystem::Lock lock(file_system_.mutex_);
    if (auto status = file_system_.BeginChange(lock); !status.ok()) return status;
    rocksdb::IOStatus status = write();
    if (status.ok()) {
      lengths_->written =
          positioned ? std::max(lengths_->written, offset + size) : lengths_->written + size;
    }
    return status;
  }

  rocksdb::IOStatus MakeDurable() {
    PowerCutFileSystem::Lock lock(file_system_.mutex_);
    if (auto status = file_system_.BeginChange(lock); !status.ok()) return status;
    lengths_->synced = lengths_->written;
    return rocksdb::IOStatus::OK();
  }

  PowerCutFileSystem& file_system_;
  std::shared_ptr<FileLengths> lengths_;
};

// A directory: its fsync makes the directory changes made in it durable (recorded, not made).
class PowerCutDirectory final : public rocksdb::FSDirectoryWrapper {
 public:
  PowerCutDirectory(std::unique_ptr<rocksdb::FSDirectory> directory,
                    PowerCutFileSystem& file_system, std::string path)
      : FSDirectoryWrapper(std::move(directory)),
        file_system_(file_system),
        path_(std::move(path)) {}

  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return MakeDurable();
  }
  rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions&, rocksdb::IODebugContext*,
                                        const rocksdb::DirFsyncOptions&) override {
    return MakeDurable();
  }

 private:
  rocksdb::IOStatus MakeDurable() {
    PowerCutFileSystem::Lock lock(file_system_.mutex_);
    if (auto status = file_system_.BeginChange(lock); !status.ok()) return status;
    file_system_.MadeDurable(path_);
    return rocksdb::IOStatus::OK();
  }

  PowerCutFileSystem& file_system_;
  const std::string path_;
};

PowerCutFileSystem::PowerCutFileSystem(std::shared_ptr<rocksdb::FileSystem> base,
                                       fs::path trash_folder)
    : FileSystemWrapper(std::move(base)), trash_folder_(std::move(trash_folder)) {
  fs::create_directories(trash_folder_);
}

void PowerCutFileSystem::CutAfter(std::uint64_t changes) {
  Lock lock(mutex_);
  cut_at_ = changes == 0 ? 0 : changes_ + changes;
}

void PowerCutFileSystem::Cut() {
  Lock lock(mutex_);
  if (!cut_) CutLocked();
}

bool PowerCutFileSystem::IsCut() const {
  Lock lock(mutex_);
  return cut_;
}

std::uint64_t PowerCutFileSystem::Changes() const {
  Lock lock(mutex_);
  return cut_ ? changes_at_cut_ : changes_;
}

rocksdb::IOStatus PowerCutFileSystem::BeginChange(const Lock&) {
  ++changes_;
  if (!cut_ && cut_at_ != 0 && changes_ >= cut_at_) CutLocked();
  return cut_ ? PowerIsOff() : rocksdb::IOStatus::OK();
}

void PowerCutFileSystem::CutLocked() {
  cut_ = true;
  changes_at_cut_ = changes_;
  for (auto change = pending_.rbegin(); change != pending_.rend(); ++change) Undo(*change);
  pending_.clear();
  for (const auto& [path, lengths] : files_) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (!error && size > lengths->synced) fs::resize_file(path, lengths->synced, error);
  }
}

std::string PowerCutFileSystem::Displace(const std::string& path) {
  if (!Exists(path)) return "";
  const std::string trash = (trash_folder_ / std::to_string(++trash_count_)).string();
  fs::rename(path, trash);
  MoveLengths(path, trash);
  return trash;
}

void PowerCutFileSystem::MoveLengths(const std::string& from, const std::string& to) {
  auto found = files_.find(from);
  if (found == files_.end()) {
    files_.erase(to);
    return;
  }
  files_[to] = found->second;
  files_.erase(found);
}

void PowerCutFileSystem::Undo(const DirectoryChange& change) {
  std::error_code ignored;
  switch (change.kind) {
    case DirectoryChange::Kind::created:
      fs::remove_all(change.path, ignored);
      std::erase_if(files_, [&](const auto& entry) {
        return entry.first == change.path || entry.first.starts_with(change.path + "/");
      });
      break;
    case DirectoryChange::Kind::renamed:
      fs::rename(change.path, change.source, ignored);
      MoveLengths(change.path, change.source);
      break;
    case DirectoryChange::Kind::deleted:
      break;
  }
  if (!change.displaced.empty()) {
    fs::rename(change.displaced, change.path, ignored);
    MoveLengths(change.displaced, change.path);
  }
}

void PowerCutFileSystem::MadeDurable(const std::string& directory) {
  std::erase_if(pending_, [&](const DirectoryChange& change) {
    if (change.directory != directory) return false;
    if (!change.displaced.empty()) {
      std::error_code ignored;
      fs::remove_all(change.displaced, ignored);
      files_.erase(change.displaced);
    }
    return true;
  });
}

std::shared_ptr<FileLengths> PowerCutFileSystem::Track(const std::string& path,
                                                       std::uint64_t durable_length) {
  auto lengths = std::make_shared<FileLengths>(FileLengths{durable_length, durable_length});
  files_[path] = lengths;
  return lengths;
}

rocksdb::IOStatus PowerCutFileSystem::NewWritableFile(
    const std::string& name, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* file, rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  const std::string displaced = Displace(name);
  rocksdb::IOStatus status = target()->NewWritableFile(name, options, file, dbg);
  pending_.push_back({DirectoryChange::Kind::created, ParentOf(name), name, "", displaced});
  if (status.ok()) *file = std::make_unique<PowerCutFile>(std::move(*file), *this, Track(name, 0));
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::ReopenWritableFile(
    const std::string& name, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* file, rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  if (!Exists(name)) {
    pending_.push_back({DirectoryChange::Kind::created, ParentOf(name), name, "", ""});
  }
  rocksdb::IOStatus status = target()->ReopenWritableFile(name, options, file, dbg);
  if (!status.ok()) return status;
  auto tracked = files_.find(name);
  std::error_code error;
  auto lengths =
      tracked != files_.end() ? tracked->second : Track(name, fs::file_size(name, error));
  *file = std::make_unique<PowerCutFile>(std::move(*file), *this, std::move(lengths));
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::ReuseWritableFile(const std::string&, const std::string&,
                                                        const rocksdb::FileOptions&,
                                                        std::unique_ptr<rocksdb::FSWritableFile>*,
                                                        rocksdb::IODebugContext*) {
  // Recycled logs are off in ctom (recycle_log_file_num = 0); one used would go unaccounted.
  return rocksdb::IOStatus::NotSupported("PowerCutFileSystem: ReuseWritableFile");
}

rocksdb::IOStatus PowerCutFileSystem::NewRandomRWFile(const std::string&,
                                                      const rocksdb::FileOptions&,
                                                      std::unique_ptr<rocksdb::FSRandomRWFile>*,
                                                      rocksdb::IODebugContext*) {
  return rocksdb::IOStatus::NotSupported("PowerCutFileSystem: NewRandomRWFile");
}

rocksdb::IOStatus PowerCutFileSystem::NewDirectory(const std::string& name,
                                                   const rocksdb::IOOptions& options,
                                                   std::unique_ptr<rocksdb::FSDirectory>* directory,
                                                   rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus status = target()->NewDirectory(name, options, directory, dbg);
  if (status.ok()) {
    *directory = std::make_unique<PowerCutDirectory>(std::move(*directory), *this, Normal(name));
  }
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::DeleteFile(const std::string& name,
                                                 const rocksdb::IOOptions& options,
                                                 rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  if (!Exists(name)) return target()->DeleteFile(name, options, dbg);  // its NotFound
  const std::string displaced = Displace(name);
  pending_.push_back({DirectoryChange::Kind::deleted, ParentOf(name), name, "", displaced});
  return rocksdb::IOStatus::OK();
}

rocksdb::IOStatus PowerCutFileSystem::Truncate(const std::string& name, size_t size,
                                               const rocksdb::IOOptions& options,
                                               rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  rocksdb::IOStatus status = target()->Truncate(name, size, options, dbg);
  if (auto tracked = files_.find(name); status.ok() && tracked != files_.end()) {
    tracked->second->written = size;
    tracked->second->synced = std::min<std::uint64_t>(tracked->second->synced, size);
  }
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::CreateDir(const std::string& name,
                                                const rocksdb::IOOptions& options,
                                                rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  rocksdb::IOStatus status = target()->CreateDir(name, options, dbg);
  if (status.ok())
    pending_.push_back({DirectoryChange::Kind::created, ParentOf(name), name, "", ""});
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::CreateDirIfMissing(const std::string& name,
                                                         const rocksdb::IOOptions& options,
                                                         rocksdb::IODebugContext* dbg) {
  {
    Lock lock(mutex_);
    if (cut_) return PowerIsOff();
    std::error_code ignored;
    if (fs::is_directory(name, ignored)) return rocksdb::IOStatus::OK();
  }
  return CreateDir(name, options, dbg);
}

rocksdb::IOStatus PowerCutFileSystem::DeleteDir(const std::string& name, const rocksdb::IOOptions&,
                                                rocksdb::IODebugContext*) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  if (!Exists(name)) return rocksdb::IOStatus::PathNotFound(name);
  const std::string displaced = Displace(name);
  pending_.push_back({DirectoryChange::Kind::deleted, ParentOf(name), name, "", displaced});
  return rocksdb::IOStatus::OK();
}

rocksdb::IOStatus PowerCutFileSystem::RenameFile(const std::string& source,
                                                 const std::string& target_name,
                                                 const rocksdb::IOOptions& options,
                                                 rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  if (!Exists(source)) return rocksdb::IOStatus::PathNotFound(source);
  const std::string displaced = Displace(target_name);
  rocksdb::IOStatus status = target()->RenameFile(source, target_name, options, dbg);
  if (!status.ok()) return status;
  MoveLengths(source, target_name);
  pending_.push_back(
      {DirectoryChange::Kind::renamed, ParentOf(target_name), target_name, source, displaced});
  return status;
}

rocksdb::IOStatus PowerCutFileSystem::LinkFile(const std::string& source,
                                               const std::string& target_name,
                                               const rocksdb::IOOptions& options,
                                               rocksdb::IODebugContext* dbg) {
  Lock lock(mutex_);
  if (auto status = BeginChange(lock); !status.ok()) return status;
  rocksdb::IOStatus status = target()->LinkFile(source, target_name, options, dbg);
  if (!status.ok()) return status;
  if (auto tracked = files_.find(source); tracked != files_.end()) {
    files_[target_name] = tracked->second;
  }
  pending_.push_back({DirectoryChange::Kind::created, ParentOf(target_name), target_name, "", ""});
  return status;
}

}  // namespace ctom::simulation
