// The rule for DIR/master.key: generated only into an empty vault.
#include "vault/default_key_file.hpp"

#include "vault/vault.hpp"

namespace ctom::vault {

VaultResult<LoadedKeyFile> LoadOrCreateDefaultKeyFile(const std::filesystem::path& key_file,
                                                      const std::filesystem::path& vault_folder) {
  const std::string advice = "; move it off the data disk and pass --key-file (or CTOM_KEY_FILE)";
  auto loaded = LoadKeyFile(key_file);
  if (loaded) {
    loaded->warnings.push_back("the key file " + key_file.string() +
                               " is kept beside the data it protects" + advice);
    return loaded;
  }
  if (loaded.error().code != VaultErrorCode::key_file_missing) return loaded;
  auto holds_keys = Vault::HoldsKeys(vault_folder);
  if (!holds_keys) return std::unexpected(holds_keys.error());
  if (*holds_keys) {
    return Fail(VaultErrorCode::key_file_required,
                "the vault " + vault_folder.string() +
                    " holds keys wrapped by a key file, and there is none at " + key_file.string() +
                    ": give it with --key-file (or CTOM_KEY_FILE)");
  }
  auto created = CreateKeyFile(key_file);
  if (!created) return std::unexpected(created.error());
  return LoadedKeyFile{*created, {"generated the key file " + key_file.string() + advice}};
}

}  // namespace ctom::vault
