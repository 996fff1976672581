// The key file: the 256-bit key that wraps every data key of the vault (the key-encryption key).
// Format: 64 hex digits and a newline (docs/vault.md, "The key file").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "vault/secret_key.hpp"
#include "vault/vault_error.hpp"

namespace ctom::vault {

// Longer files are refused unread: a key file is 65 bytes.
inline constexpr std::size_t kKeyFileBytesMax = 4096;

struct LoadedKeyFile {
  SecretKey key;
  // Things the operator should fix that do not stop the program, e.g. a file readable by others.
  // Never contain key bytes.
  std::vector<std::string> warnings;
};

// Reads the key from path: 64 hex digits (either case), surrounding white space ignored.
// Errors: key_file_missing, key_file_unreadable, key_file_malformed (anything but one 256-bit key
// in hex). A file that group or others may access is read, with a warning.
[[nodiscard]] VaultResult<LoadedKeyFile> LoadKeyFile(const std::filesystem::path& path);

// Writes a new random key to path, mode 0600, atomically: a temporary file beside it is written,
// synced and renamed onto path only if path does not exist, then the folder is synced. So path
// is either absent or holds the whole key, even after a crash. Never replaces an existing file
// (key_file_exists): replacing a key file loses every key wrapped by it. Other errors:
// randomness_unavailable, io_error. Returns the key written.
[[nodiscard]] VaultResult<SecretKey> CreateKeyFile(const std::filesystem::path& path);

}  // namespace ctom::vault
