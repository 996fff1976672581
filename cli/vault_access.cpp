// The key file and the vault of a data folder.
#include "cli/vault_access.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>

#include "vault/default_key_file.hpp"
#include "vault/key_file.hpp"
#include "vault/vault.hpp"

namespace ctom::cli {
namespace {

std::string Why(const vault::VaultError& error) {
  return std::string(vault::VaultErrorCodeName(error.code)) + ": " + error.detail;
}

}  // namespace

std::string VaultPath(const std::string& data) {
  return (std::filesystem::path(data) / "vault").string();
}

std::string DefaultKeyFilePath(const std::string& data) {
  return (std::filesystem::path(data) / "master.key").string();
}

std::string KeyFileOf(const Arguments& arguments) {
  if (auto given = arguments.Option("key-file")) return *given;
  const char* from_environment = std::getenv("CTOM_KEY_FILE");
  return from_environment != nullptr ? from_environment : "";
}

std::expected<std::unique_ptr<vault::Vault>, std::string> OpenVaultForWriting(
    const std::string& data, const std::string& key_file, bool quiet) {
  auto loaded = key_file.empty()
                    ? vault::LoadOrCreateDefaultKeyFile(DefaultKeyFilePath(data), VaultPath(data))
                    : vault::LoadKeyFile(key_file);
  if (!loaded) return std::unexpected("the key file: " + Why(loaded.error()));
  if (!quiet) {
    for (const std::string& warning : loaded->warnings) spdlog::warn("{}", warning);
  }
  auto opened = vault::Vault::Open(VaultPath(data), loaded->key);
  if (!opened)
    return std::unexpected("the vault in " + VaultPath(data) + ": " + Why(opened.error()));
  return std::move(*opened);
}

std::expected<std::unique_ptr<vault::Vault>, std::string> OpenVaultForReading(
    const std::string& data, const std::string& key_file) {
  auto holds_keys = vault::Vault::HoldsKeys(VaultPath(data));
  if (!holds_keys) return std::unexpected("the vault: " + Why(holds_keys.error()));
  if (!*holds_keys) return std::unique_ptr<vault::Vault>();
  const std::string path = key_file.empty() ? DefaultKeyFilePath(data) : key_file;
  auto loaded = vault::LoadKeyFile(path);
  if (!loaded) {
    return std::unexpected("the vault holds personal data keys and the key file " + path +
                           " does not open them (" + Why(loaded.error()) +
                           "): give it with --key-file (or CTOM_KEY_FILE)");
  }
  auto opened = vault::Vault::OpenReadOnly(VaultPath(data), loaded->key);
  if (!opened)
    return std::unexpected("the vault in " + VaultPath(data) + ": " + Why(opened.error()));
  return std::move(*opened);
}

std::expected<void, std::string> BackUpVault(vault::Vault* vault, const std::string& backup) {
  if (vault == nullptr) return {};
  auto made = vault->Backup(VaultPath(backup));
  if (!made) return std::unexpected("the vault's backup failed: " + Why(made.error()));
  return {};
}

std::expected<void, std::string> RestoreVault(const std::string& backup, const std::string& data,
                                              const std::string& key_file) {
  std::error_code error;
  if (!std::filesystem::exists(VaultPath(backup), error)) return {};
  if (key_file.empty()) {
    return std::unexpected(
        "the backup holds a vault: give the key file it was made under with "
        "--key-file (or CTOM_KEY_FILE)");
  }
  auto loaded = vault::LoadKeyFile(key_file);
  if (!loaded) return std::unexpected("the key file: " + Why(loaded.error()));
  auto restored = vault::Vault::Restore(VaultPath(backup), VaultPath(data), loaded->key);
  if (!restored) return std::unexpected("restoring the vault: " + Why(restored.error()));
  return {};
}

}  // namespace ctom::cli
