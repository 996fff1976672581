// Owner-only folders for ledgers and their copies.
#include "eventstore/private_folder.hpp"

namespace ctom::eventstore {

namespace fs = std::filesystem;

std::expected<bool, std::string> CreatePrivateFolder(const fs::path& path) {
  std::error_code error;
  const bool created = fs::create_directories(path, error);
  if (error) return std::unexpected("cannot create " + path.string() + ": " + error.message());
  if (!created) return false;
  fs::permissions(path, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) return std::unexpected("cannot restrict " + path.string() + ": " + error.message());
  return true;
}

bool OpenToOthers(const fs::path& path) {
  std::error_code error;
  const fs::perms permissions = fs::status(path, error).permissions();
  return !error &&
         (permissions & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none;
}

}  // namespace ctom::eventstore
