// A new file made atomically: temporary file, fsync, rename without replacing, fsync the folder.
#include "vault/new_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace ctom::vault {
namespace {

std::string Why(const std::filesystem::path& path, const char* doing) {
  return std::string(doing) + " " + path.string() + ": " + std::strerror(errno);
}

bool WriteWhole(int descriptor, std::string_view contents) {
  while (!contents.empty()) {
    const ssize_t wrote = ::write(descriptor, contents.data(), contents.size());
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    contents.remove_prefix(static_cast<std::size_t>(wrote));
  }
  return true;
}

// Renames from to to unless to exists. renameat2 does it in one step; a file system without it
// (EINVAL) gets link-then-unlink, which is just as exclusive.
int RenameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  if (::link(from.c_str(), to.c_str()) != 0) return -1;
  ::unlink(from.c_str());
  return 0;
}

VaultResult<void> SyncFolder(const std::filesystem::path& folder) {
  const int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (descriptor < 0) return Fail(VaultErrorCode::io_error, Why(folder, "cannot open folder"));
  const bool synced = ::fsync(descriptor) == 0;
  const std::string why = synced ? "" : Why(folder, "cannot sync folder");
  ::close(descriptor);
  if (!synced) return Fail(VaultErrorCode::io_error, why);
  return {};
}

}  // namespace

VaultResult<void> WriteNewFile(const std::filesystem::path& path, std::string_view contents,
                               mode_t mode) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code error;
  if (std::filesystem::exists(path, error) || std::filesystem::is_symlink(path, error)) {
    return Fail(VaultErrorCode::key_file_exists, path.string() + " exists; left as it is");
  }
  std::string temporary = (folder / ("." + path.filename().string() + ".new-XXXXXX")).string();
  const int descriptor = ::mkstemp(temporary.data());
  if (descriptor < 0) return Fail(VaultErrorCode::io_error, Why(temporary, "cannot create"));
  // mkstemp makes 0600; fchmod says so whatever the umask, or applies a stricter mode.
  const bool written = ::fchmod(descriptor, mode) == 0 && WriteWhole(descriptor, contents) &&
                       ::fsync(descriptor) == 0;
  std::string why = written ? "" : Why(temporary, "cannot write");
  if (::close(descriptor) != 0 && written) why = Why(temporary, "cannot close");
  if (!why.empty()) {
    ::unlink(temporary.c_str());
    return Fail(VaultErrorCode::io_error, why);
  }
  if (RenameNoReplace(temporary, path) != 0) {
    const bool exists = errno == EEXIST;
    why = Why(path, "cannot create");
    ::unlink(temporary.c_str());
    if (exists)
      return Fail(VaultErrorCode::key_file_exists, path.string() + " exists; left as it is");
    return Fail(VaultErrorCode::io_error, why);
  }
  return SyncFolder(folder);
}

}  // namespace ctom::vault
