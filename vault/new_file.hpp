// Creating a small file whole or not at all, never over an existing one.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "vault/vault_error.hpp"

namespace ctom::vault {

// Writes contents to a temporary file beside path (created with mode), syncs it, renames it to
// path only if path does not exist yet, and syncs the folder: after a crash path is absent or
// whole. Errors: key_file_exists when path exists (left untouched), io_error otherwise; the
// temporary file is removed on every error.
[[nodiscard]] VaultResult<void> WriteNewFile(const std::filesystem::path& path,
                                             std::string_view contents, mode_t mode);

}  // namespace ctom::vault
