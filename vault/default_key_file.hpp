// The key file used when none is given: DIR/master.key, generated only into an empty vault.
#pragma once

#include <filesystem>

#include "vault/key_file.hpp"

namespace ctom::vault {

// For a program started without --key-file (or CTOM_KEY_FILE): loads key_file when it exists;
// otherwise creates it (CreateKeyFile) if the vault in vault_folder holds no keys yet, and refuses
// with key_file_required if it does (its keys are wrapped by a key file that is not here: a new
// key would open none of them). Either way the result warns that a key file beside the data it
// protects protects little. Errors: those of LoadKeyFile, CreateKeyFile and Vault::HoldsKeys.
[[nodiscard]] VaultResult<LoadedKeyFile> LoadOrCreateDefaultKeyFile(
    const std::filesystem::path& key_file, const std::filesystem::path& vault_folder);

}  // namespace ctom::vault
