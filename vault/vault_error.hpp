// The errors of the vault: one code per way an operation can fail, and the detail for a person.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace ctom::vault {

enum class VaultErrorCode {
  key_file_missing,     // the key file does not exist
  key_file_unreadable,  // it exists but cannot be read (permissions, I/O)
  key_file_malformed,   // it does not hold exactly 64 hex digits (a 256-bit key)
  key_file_exists,      // CreateKeyFile found a file already there and left it alone
  key_file_required,    // the vault holds keys and no key file was given
  wrong_key_file,       // the key file's key is not the one the vault's keys are wrapped with
  refused,              // sealed bytes did not open: tampered, another key or other associated data
  erased,               // the person's or document's key was destroyed
  invalid_argument,     // an empty or oversized id, oversized plaintext, too many documents
  randomness_unavailable,  // OpenSSL's generator failed: no key or nonce can be made
  io_error,                // the file system or RocksDB failed
  corruption,              // a stored vault record does not decode
};

struct VaultError {
  VaultErrorCode code;
  std::string detail;  // for people; never holds key bytes or personal data
};

template <typename T>
using VaultResult = std::expected<T, VaultError>;

// The code's name as written above ("wrong_key_file"), for logs and messages.
[[nodiscard]] std::string_view VaultErrorCodeName(VaultErrorCode code);

inline std::unexpected<VaultError> Fail(VaultErrorCode code, std::string detail) {
  return std::unexpected(VaultError{code, std::move(detail)});
}

}  // namespace ctom::vault
