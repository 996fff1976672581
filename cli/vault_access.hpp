// Opening a data folder's vault (DIR/vault) with its key file, for the server and the tools.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "cli/command_line.hpp"

namespace ctom::vault {
class Vault;
}

namespace ctom::cli {

// Where the vault of a data folder is (DIR/vault), and the key file used when none is given.
std::string VaultPath(const std::string& data);
std::string DefaultKeyFilePath(const std::string& data);

// The key file --key-file names, else the CTOM_KEY_FILE environment variable, else "".
std::string KeyFileOf(const Arguments& arguments);

// Opens the vault for `ctom serve` (and the offline tools that write): with key_file, or
// DIR/master.key, which is generated (0600, with a warning to move it) only into an empty vault.
// A vault with keys and no usable key file, or the wrong one, is an error saying which.
// quiet: the warnings (a generated or misplaced key file) are not logged (a dry run's scratch
// copy).
std::expected<std::unique_ptr<vault::Vault>, std::string> OpenVaultForWriting(
    const std::string& data, const std::string& key_file, bool quiet = false);

// Opens the vault read-only for a tool that may run beside the server: nullptr when the folder
// has no vault yet (a ledger with nothing sealed). Uses key_file, else DIR/master.key.
std::expected<std::unique_ptr<vault::Vault>, std::string> OpenVaultForReading(
    const std::string& data, const std::string& key_file);

// Backs the vault up into BACKUP/vault (wrapped keys only); nothing to do without a vault.
std::expected<void, std::string> BackUpVault(vault::Vault* vault, const std::string& backup);

// Restores BACKUP/vault (when the backup has one) into DATA/vault: it opens only with the key file
// the backup was made under (key_file, which a restore of a vault therefore needs).
std::expected<void, std::string> RestoreVault(const std::string& backup, const std::string& data,
                                              const std::string& key_file);

}  // namespace ctom::cli
