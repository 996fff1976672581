// New private files made atomically: temporary file, fsync, link into place, fsync the folder.
#include "credentials/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace ctom::credentials {
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

bool SyncFolder(const std::filesystem::path& folder) {
  const int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (descriptor < 0) return false;
  const bool synced = ::fsync(descriptor) == 0;
  ::close(descriptor);
  return synced;
}

}  // namespace

std::expected<void, std::string> WriteNewPrivateFile(const std::filesystem::path& path,
                                                     std::string_view contents) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string temporary = (folder / ("." + path.filename().string() + ".new-XXXXXX")).string();
  const int descriptor = ::mkstemp(temporary.data());
  if (descriptor < 0) return std::unexpected(Why(temporary, "cannot create"));
  const bool written = ::fchmod(descriptor, 0600) == 0 && WriteWhole(descriptor, contents) &&
                       ::fsync(descriptor) == 0;
  std::string why = written ? "" : Why(temporary, "cannot write");
  if (::close(descriptor) != 0 && written) why = Why(temporary, "cannot close");
  // link() refuses an existing target, so a file already there is never replaced.
  if (why.empty() && ::link(temporary.c_str(), path.c_str()) != 0) {
    why = errno == EEXIST ? path.string() + " exists; left as it is" : Why(path, "cannot create");
  }
  ::unlink(temporary.c_str());
  if (!why.empty()) return std::unexpected(why);
  if (!SyncFolder(folder)) return std::unexpected(Why(folder, "cannot sync folder"));
  return {};
}

std::expected<std::string, std::string> ReadSmallFile(const std::filesystem::path& path,
                                                      std::size_t bytes_max) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected("cannot read " + path.string());
  std::string contents(bytes_max + 1, '\0');
  in.read(contents.data(), static_cast<std::streamsize>(contents.size()));
  if (in.bad()) return std::unexpected("cannot read " + path.string());
  contents.resize(static_cast<std::size_t>(in.gcount()));
  if (contents.size() > bytes_max) {
    return std::unexpected(path.string() + " is larger than " + std::to_string(bytes_max) +
                           " bytes: not an issuer file");
  }
  return contents;
}

}  // namespace ctom::credentials
